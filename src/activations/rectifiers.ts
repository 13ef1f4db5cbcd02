// Rectifiers: piecewise functions that are the identity for x > 0 — ReLU, leaky ReLU, PReLU,
// ReLU6, ELU, CELU and SELU, each with its descriptor row. At the kink x = 0 the derivative
// follows PyTorch (stated per function). PReLU's learnable slope lives in nn/prelu.ts.
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { relu as reluOp } from "../ops/unary.js";
import { Tensor } from "../tensor/tensor.js";
import { activationOp, checkFinite, readActivationOptions } from "./define.js";
import { defineActivation } from "./descriptor.js";

/** SELU's α and λ (Klambauer et al. 2017), the constants torch.nn.SELU uses. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** SELU's λ (scale), as torch.nn.SELU. */
export const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * Rectified linear unit.
 *   f(x) = max(0, x)              range [0, ∞)
 *   f′(x) = 1 if x > 0, else 0    (f′(0) := 0, as PyTorch)
 * Shape: any → same. This is the op of src/ops/unary.ts.
 */
export const relu: (x: Tensor) => Tensor = reluOp;

/** Settings of leakyRelu, named as nn.leakyRelu's. */
export interface LeakyReluOptions {
  /** Slope for x ≤ 0. Default 0.01. */
  negativeSlope?: number;
}

/**
 * Leaky ReLU (torch.nn.functional.leaky_relu), default negativeSlope = 0.01:
 * `leakyRelu(x, { negativeSlope: 0.2 })`, as the layer `nn.leakyRelu({ negativeSlope: 0.2 })`.
 *   f(x) = x if x > 0, else negativeSlope·x
 *   f′(x) = 1 if x > 0, else negativeSlope     (f′(0) := negativeSlope, as PyTorch)
 * Shape: any → same.
 */
export function leakyRelu(x: Tensor, options?: LeakyReluOptions | number): Tensor {
  const { negativeSlope = 0.01 } =
    typeof options === "number"
      ? { negativeSlope: options }
      : readActivationOptions<LeakyReluOptions>("leakyRelu", options, "{ negativeSlope? }");
  checkFinite("leakyRelu", "negativeSlope", negativeSlope);
  const s = negativeSlope;
  const op = activationOp(
    "leakyRelu",
    (v) => (v > 0 ? v : s * v),
    (v) => (v > 0 ? 1 : s),
  );
  return op(x);
}

/** PReLU's initial slope, torch.nn.PReLU's init. */
export const PRELU_INIT = 0.25;

/**
 * The slope tensor a, shaped to broadcast over x: [C] → [C, 1, …, 1] (channel axis 1 of
 * x: [N, C, *]); a single slope stays [1]. Inputs of rank < 2 have one channel.
 */
function channelSlope(a: Tensor, x: Tensor): Tensor {
  const C = x.ndim >= 2 ? x.shape[1] : 1;
  if (a.ndim > 1 || (a.size !== 1 && a.size !== C)) {
    throw new ShapeError(
      `prelu: weight of shape ${fmtShape(a.shape)} does not fit input ${fmtShape(x.shape)}: it needs 1 or C = ${C} elements (the channel axis is 1)`,
    );
  }
  if (a.size === 1) return a.reshape([1]);
  return a.reshape([C, ...new Array<number>(x.ndim - 2).fill(1)]);
}

/**
 * Parametric ReLU (torch.nn.functional.prelu): leaky ReLU whose slope a is learnt, one for all
 * channels or one per channel. Default a = 0.25 (torch.nn.PReLU's init).
 *   f(x) = x if x > 0, else a·x
 *   ∂f/∂x = 1 if x > 0, else a              (∂f/∂x(0) := a, as PyTorch)
 *   ∂f/∂a = 0 if x > 0, else x              (summed over every element the slope applies to)
 * weight: a number (a fixed slope, as leakyRelu), or a Tensor of 1 element or of C elements for
 * x: [N, C, *] (channel axis 1; inputs of rank < 2 have one channel), which then gets ∂L/∂a.
 * Shape: any → same.
 */
export function prelu(x: Tensor, weight: Tensor | number = PRELU_INIT): Tensor {
  if (!(weight instanceof Tensor)) {
    checkFinite("prelu", "weight", weight);
    const a = weight;
    const op = activationOp(
      "prelu",
      (v) => (v > 0 ? v : a * v),
      (v) => (v > 0 ? 1 : a),
    );
    return op(x);
  }
  // backward comes from autograd through where and mul (mul sums ∂L/∂a over the broadcast axes)
  return x.gt(0).where(x, x.mul(channelSlope(weight, x)));
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

/** Settings of elu and celu, named as nn.elu's and nn.celu's. */
export interface AlphaOptions {
  /** α: the negative side tends to −α. Default 1. */
  alpha?: number;
}

function alphaOptions(who: string, options: AlphaOptions | number | undefined): AlphaOptions {
  return typeof options === "number"
    ? { alpha: options }
    : readActivationOptions<AlphaOptions>(who, options, "{ alpha? }");
}

/**
 * Exponential linear unit (torch.nn.functional.elu), default alpha = 1: `elu(x, { alpha: 0.5 })`.
 *   f(x) = x if x > 0, else α(eˣ − 1)     range (−α, ∞) for α > 0
 *   f′(x) = 1 if x > 0, else α·eˣ         (f′(0) := α, as PyTorch)
 * eˣ − 1 is computed with expm1, exact to an ulp near 0 (PyTorch 1.13 forms exp(x) − 1).
 * Shape: any → same. Finite at x = −1000: f → −α, f′ → 0.
 */
export function elu(x: Tensor, options?: AlphaOptions | number): Tensor {
  const { alpha = 1 } = alphaOptions("elu", options);
  checkFinite("elu", "alpha", alpha);
  const op = activationOp(
    "elu",
    (v) => (v > 0 ? v : alpha * Math.expm1(v)),
    (v) => (v > 0 ? 1 : alpha * Math.exp(v)),
  );
  return op(x);
}

/**
 * Continuously differentiable ELU (torch.nn.functional.celu; Barron 2017), default alpha = 1.
 *   f(x) = x if x > 0, else α(e^(x/α) − 1)     range (−α, ∞) for α > 0
 *   f′(x) = 1 if x > 0, else e^(x/α)           (f′(0) := 1, as PyTorch)
 * Unlike ELU, f′ is continuous at 0 for every α (both sides give 1); α = 1 is ELU(α = 1).
 * e^(x/α) − 1 is computed with expm1 (PyTorch 1.13 forms exp − 1). Throws ValueError for α = 0.
 * Shape: any → same.
 */
export function celu(x: Tensor, options?: AlphaOptions | number): Tensor {
  const { alpha = 1 } = alphaOptions("celu", options);
  checkCeluAlpha("celu", alpha);
  const op = activationOp(
    "celu",
    (v) => (v > 0 ? v : alpha * Math.expm1(v / alpha)),
    (v) => (v > 0 ? 1 : Math.exp(v / alpha)),
  );
  return op(x);
}

/** CELU divides by α: it must be a finite number other than 0 (negative is allowed, as PyTorch). */
function checkCeluAlpha(who: string, alpha: unknown): void {
  checkFinite(who, "alpha", alpha);
  if (alpha === 0) throw new ValueError(`${who}: alpha must not be 0 (CELU divides by it)`);
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

export const preluActivation = defineActivation({
  name: "prelu",
  fn: (x) => prelu(x),
  // the layer's options (nn/prelu.ts); as a function, prelu at its initial slope
  defaults: { numParameters: 1, init: PRELU_INIT },
  apply: (x, o) => prelu(x, o.init),
  check: (o, who) => checkFinite(who, "init", o.init),
  layer: "PReLU",
  kernel: null,
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

export const celuActivation = defineActivation({
  name: "celu",
  fn: (x) => celu(x),
  defaults: { alpha: 1 },
  apply: (x, o) => celu(x, o.alpha),
  check: (o, who) => checkCeluAlpha(who, o.alpha),
  layer: "CELU",
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
