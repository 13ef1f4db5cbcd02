// The classic activations: logistic sigmoid, tanh, the Heaviside step of the perceptron, and the
// identity (a "linear" unit), each with its descriptor row. Sigmoid and tanh are the ops of
// src/ops/unary.ts, re-exported.
import { sigmoid as sigmoidOp, tanh as tanhOp } from "../ops/unary.js";
import type { Tensor } from "../tensor/tensor.js";
import { activationOp } from "./define.js";
import { defineActivation } from "./descriptor.js";

/**
 * Logistic sigmoid.
 *   f(x) = σ(x) = 1 / (1 + e^(−x))            range (0, 1)
 *   f′(x) = σ(x)(1 − σ(x))                     (backward uses the saved output y)
 * Shape: any → same. Stable at ±1000: e^(−x) is formed only for x ≥ 0.
 */
export const sigmoid: (x: Tensor) => Tensor = sigmoidOp;

/**
 * Hyperbolic tangent.
 *   f(x) = tanh x = (eˣ − e^(−x)) / (eˣ + e^(−x))   range (−1, 1)
 *   f′(x) = 1 − tanh² x                             (backward uses the saved output y)
 * Shape: any → same.
 */
export const tanh: (x: Tensor) => Tensor = tanhOp;

/**
 * Heaviside step, the perceptron's threshold unit (torch.heaviside(x, 1)).
 *   f(x) = 1 if x ≥ 0, else 0          convention: f(0) = 1;  NaN stays NaN
 *   f′(x) = 0 for x ≠ 0; undefined at 0 (a jump)
 * Gradient: backward returns zeros (f′ = 0 almost everywhere, and 0 is used at x = 0 too), so a
 * network built on step trains nothing by backprop — the reason the article moves to smooth
 * units. It does not throw, so the zero gradient can be observed (e.g. in gradient-flow plots).
 * Shape: any → same.
 */
export const step = activationOp(
  "step",
  (v) => (v >= 0 ? 1 : v < 0 ? 0 : v),
  () => 0,
);

/**
 * Identity ("linear" activation), as nn.Identity: returns x itself (same tensor, no copy).
 *   f(x) = x;  f′(x) = 1
 */
export function linear(x: Tensor): Tensor {
  return x;
}

/** Alias of {@link linear}. */
export const identity = linear;

// ---- descriptor rows (properties at the defaults; see ActivationProperties) ----

export const sigmoidActivation = defineActivation({
  name: "sigmoid",
  fn: sigmoid,
  defaults: {},
  apply: (x) => sigmoid(x),
  layer: "Sigmoid",
  kernel: { kind: "sigmoid" },
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: true,
    range: [0, 1],
  },
});

export const tanhActivation = defineActivation({
  name: "tanh",
  fn: tanh,
  defaults: {},
  apply: (x) => tanh(x),
  layer: "Tanh",
  kernel: { kind: "tanh" },
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: true,
    affineNearZero: true,
    range: [-1, 1],
  },
});

export const stepActivation = defineActivation({
  name: "step",
  fn: step,
  defaults: {},
  apply: (x) => step(x),
  layer: "Step",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: false,
    smooth: false,
    differentiable: false,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: false,
    range: [0, 1],
  },
});

export const linearActivation = defineActivation({
  name: "linear",
  aliases: ["identity"],
  fn: linear,
  defaults: {},
  apply: (x) => linear(x),
  layer: "Identity",
  kernel: { kind: "identity" },
  properties: {
    nonlinear: false,
    saturatesLeft: false,
    saturatesRight: false,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: true,
    affineNearZero: true,
    range: [-Infinity, Infinity],
  },
});
