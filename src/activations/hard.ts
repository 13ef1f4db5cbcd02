// Piecewise "hard" versions of sigmoid, tanh and swish: cheap, with kinks where the middle piece
// meets the outer ones, each with its descriptor row. Gradients at the kinks follow PyTorch
// (0 for hardSigmoid and hardTanh; hardSwish's are stated with it).
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { activationOp, checkFinite, readActivationOptions } from "./define.js";
import { defineActivation } from "./descriptor.js";

/**
 * Hard sigmoid (torch.nn.functional.hardsigmoid).
 *   f(x) = 0 if x ≤ −3;  1 if x ≥ 3;  x/6 + ½ otherwise      range [0, 1]
 *   f′(x) = 1/6 if −3 < x < 3, else 0
 * (PyTorch 1.13's float64 backward uses the float32-rounded 1/6; this uses 1/6 exactly.)
 * Shape: any → same.
 */
export const hardSigmoid = activationOp(
  "hardSigmoid",
  (v) => (v <= -3 ? 0 : v >= 3 ? 1 : v / 6 + 0.5),
  (v) => (v > -3 && v < 3 ? 1 / 6 : 0),
);

/** Settings of hardTanh, named as nn.hardTanh's. */
export interface HardTanhOptions {
  /** Lower bound. Default −1. */
  minVal?: number;
  /** Upper bound. Default 1. */
  maxVal?: number;
}

/**
 * Hard tanh (torch.nn.functional.hardtanh), defaults minVal = −1, maxVal = 1:
 * `hardTanh(x, { minVal: 0, maxVal: 6 })`, as the layer `nn.hardTanh({ minVal: 0, maxVal: 6 })`.
 *   f(x) = min(max(x, minVal), maxVal)                range [minVal, maxVal]
 *   f′(x) = 1 if minVal < x < maxVal, else 0          (0 at the kinks, as PyTorch)
 * Throws ValueError unless minVal < maxVal (both finite numbers).
 * Shape: any → same.
 */
export function hardTanh(
  x: Tensor,
  options?: HardTanhOptions | number,
  maxValArg?: number,
): Tensor {
  const { minVal = -1, maxVal = 1 } =
    typeof options === "number"
      ? { minVal: options, maxVal: maxValArg }
      : readActivationOptions<HardTanhOptions>("hardTanh", options, "{ minVal?, maxVal? }");
  if (!Number.isFinite(minVal) || !Number.isFinite(maxVal) || !(minVal < maxVal)) {
    throw new ValueError(
      `hardTanh: need finite minVal < maxVal, got minVal=${String(minVal)}, maxVal=${String(maxVal)}`,
    );
  }
  const op = activationOp(
    "hardTanh",
    (v) => (v <= minVal ? minVal : v >= maxVal ? maxVal : v),
    (v) => (v > minVal && v < maxVal ? 1 : 0),
  );
  return op(x);
}

/**
 * Hard swish (torch.nn.functional.hardswish; MobileNetV3): x·hardSigmoid(x) = x·relu6(x + 3)/6.
 *   f(x) = 0 if x ≤ −3;  x if x ≥ 3;  x(x + 3)/6 otherwise       range [−3/8, ∞) (min at x = −3/2)
 *   f′(x) = 0 if x < −3;  1 if x > 3;  (2x + 3)/6 = x/3 + ½ otherwise
 * f is continuous but f′ jumps at both kinks (0 → −½ at −3, 3/2 → 1 at 3). At the kinks this
 * follows PyTorch 1.13's vectorised backward (the one that runs on all but a tensor's last few
 * elements): f′(−3) := −½, f′(3) := 1. (Its scalar tail loop gives f′(3) = 3/2 instead.)
 * Shape: any → same.
 */
export const hardSwish = activationOp(
  "hardSwish",
  (v) => (v <= -3 ? 0 : v >= 3 ? v : (v * (v + 3)) / 6), // NaN falls through as NaN
  (v) => (v < -3 ? 0 : v < 3 ? v / 3 + 0.5 : 1),
);

/** hardSwish's minimum, f(−3/2) = −3/8. */
export const HARD_SWISH_MIN = -0.375;

// ---- descriptor rows (properties at the defaults; see ActivationProperties) ----

export const hardSigmoidActivation = defineActivation({
  name: "hardSigmoid",
  fn: hardSigmoid,
  defaults: {},
  apply: (x) => hardSigmoid(x),
  layer: "Hardsigmoid",
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
    affineNearZero: true,
    range: [0, 1],
  },
});

export const hardTanhActivation = defineActivation({
  name: "hardTanh",
  fn: (x) => hardTanh(x),
  defaults: { minVal: -1, maxVal: 1 },
  apply: (x, o) => hardTanh(x, o.minVal, o.maxVal),
  check: (o, who) => {
    checkFinite(who, "minVal", o.minVal);
    checkFinite(who, "maxVal", o.maxVal);
    if (!(o.minVal < o.maxVal))
      throw new ValueError(`${who}: minVal (${o.minVal}) must be < maxVal (${o.maxVal})`);
  },
  layer: "Hardtanh",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: false,
    differentiable: false,
    monotonic: true,
    linearNearZero: true,
    affineNearZero: true,
    range: [-1, 1],
  },
});

export const hardSwishActivation = defineActivation({
  name: "hardSwish",
  fn: hardSwish,
  defaults: {},
  apply: (x) => hardSwish(x),
  layer: "Hardswish",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: false,
    differentiable: false,
    monotonic: false,
    linearNearZero: false,
    affineNearZero: true,
    range: [HARD_SWISH_MIN, Infinity],
  },
});
