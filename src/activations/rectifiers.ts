// Rectifiers: piecewise functions that are the identity for x > 0 — ReLU, leaky ReLU, ReLU6,
// ELU and SELU, each with its descriptor row. At the kink x = 0 the derivative follows PyTorch
// (stated per function).
import { relu as reluOp } from "../ops/unary.js";
import type { Tensor } from "../tensor/tensor.js";
import { activationOp, checkFinite } from "./define.js";
import { defineActivation } from "./descriptor.js";

/** SELU's α and λ (Klambauer et al. 2017), the constants torch.nn.SELU uses. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * Rectified linear unit.
 *   f(x) = max(0, x)              range [0, ∞)
 *   f′(x) = 1 if x > 0, else 0    (f′(0) := 0, as PyTorch)
 * Shape: any → same. This is the op of src/ops/unary.ts.
 */
export const relu: (x: Tensor) => Tensor = reluOp;

/**
 * Leaky ReLU (torch.nn.functional.leaky_relu), default negativeSlope = 0.01.
 *   f(x) = x if x > 0, else negativeSlope·x
 *   f′(x) = 1 if x > 0, else negativeSlope     (f′(0) := negativeSlope, as PyTorch)
 * Shape: any → same.
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  checkFinite("leakyRelu", "negativeSlope", negativeSlope);
  const s = negativeSlope;
  const op = activationOp(
    "leakyRelu",
    (v) => (v > 0 ? v : s * v),
    (v) => (v > 0 ? 1 : s),
  );
  return op(x);
}

/**
 * ReLU6 = min(max(0, x), 6)          range [0, 6]
 *   f′(x) = 1 if 0 < x < 6, else 0   (0 at both kinks, as PyTorch's hardtanh(0, 6))
 * Shape: any → same.
 */
export const relu6 = activationOp(
  "relu6",
  (v) => (v <= 0 ? 0 : v >= 6 ? 6 : v), // NaN falls through as NaN
  (v) => (v > 0 && v < 6 ? 1 : 0),
);

/**
 * Exponential linear unit (torch.nn.functional.elu), default alpha = 1.
 *   f(x) = x if x > 0, else α(eˣ − 1)     range (−α, ∞) for α > 0
 *   f′(x) = 1 if x > 0, else α·eˣ         (f′(0) := α, as PyTorch)
 * eˣ − 1 is computed with expm1, exact to an ulp near 0 (PyTorch 1.13 forms exp(x) − 1).
 * Shape: any → same. Finite at x = −1000: f → −α, f′ → 0.
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkFinite("elu", "alpha", alpha);
  const op = activationOp(
    "elu",
    (v) => (v > 0 ? v : alpha * Math.expm1(v)),
    (v) => (v > 0 ? 1 : alpha * Math.exp(v)),
  );
  return op(x);
}

/**
 * Scaled ELU (torch.nn.functional.selu), fixed α ≈ 1.6733, λ ≈ 1.0507.
 *   f(x) = λ·x if x > 0, else λ·α(eˣ − 1)     range (−λα, ∞) ≈ (−1.7581, ∞)
 *   f′(x) = λ if x > 0, else λ·α·eˣ           (f′(0) := λα, as PyTorch)
 * Shape: any → same.
 */
export const selu = activationOp(
  "selu",
  (v) => SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v)),
  (v) => SELU_SCALE * (v > 0 ? 1 : SELU_ALPHA * Math.exp(v)),
);

// ---- descriptor rows (properties at the defaults; see ActivationProperties) ----

export const reluActivation = defineActivation({
  name: "relu",
  fn: relu,
  defaults: {},
  apply: (x) => relu(x),
  layer: "ReLU",
  kernel: { kind: "relu" },
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: false,
    differentiable: false,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: false,
    range: [0, Infinity],
  },
});

export const leakyReluActivation = defineActivation({
  name: "leakyRelu",
  fn: (x) => leakyRelu(x),
  defaults: { negativeSlope: 0.01 },
  apply: (x, o) => leakyRelu(x, o.negativeSlope),
  check: (o, who) => checkFinite(who, "negativeSlope", o.negativeSlope),
  layer: "LeakyReLU",
  kernel: { kind: "leakyRelu", slope: (o) => o.negativeSlope },
  properties: {
    nonlinear: true,
    saturatesLeft: false,
    saturatesRight: false,
    continuous: true,
    smooth: false,
    differentiable: false,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: false,
    range: [-Infinity, Infinity],
  },
});

export const eluActivation = defineActivation({
  name: "elu",
  fn: (x) => elu(x),
  defaults: { alpha: 1 },
  apply: (x, o) => elu(x, o.alpha),
  check: (o, who) => checkFinite(who, "alpha", o.alpha),
  layer: "ELU",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: false,
    differentiable: true,
    monotonic: true,
    linearNearZero: true,
    affineNearZero: true,
    range: [-1, Infinity],
  },
});

export const seluActivation = defineActivation({
  name: "selu",
  fn: selu,
  defaults: {},
  apply: (x) => selu(x),
  layer: "SELU",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: false,
    differentiable: false,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: false,
    range: [-SELU_SCALE * SELU_ALPHA, Infinity],
  },
});

export const relu6Activation = defineActivation({
  name: "relu6",
  fn: relu6,
  defaults: {},
  apply: (x) => relu6(x),
  layer: "ReLU6",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: false,
    differentiable: false,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: false,
    range: [0, 6],
  },
});
