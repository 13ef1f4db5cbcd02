// Smooth (or nearly smooth) modern activations: GELU, softplus, softsign, SiLU/swish, mish, each
// with its descriptor row. Each is written to stay finite, with a finite gradient, at x = ±1000
// in float32 and float64.
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  activationOp,
  checkFinite,
  readActivationOptions,
  sigmoidScalar,
  softplusScalar,
} from "./define.js";
import { defineActivation } from "./descriptor.js";
import { erfc } from "./erf.js";

/**
 * Minimum values of the non-monotonic units, from 40-digit root finding of f′ = 0
 * (scripts/gen-reference-activations.py, "extrema"): gelu at x ≈ −0.75179, silu at x ≈ −1.27846,
 * mish at x ≈ −1.19243.
 */
export const GELU_MIN = -0.16997120747990366;
/** min over x of silu(x) = x·σ(x), at x ≈ −1.27846. */
export const SILU_MIN = -0.2784645427610738;
/** min over x of mish(x) = x·tanh(softplus(x)), at x ≈ −1.19243. */
export const MISH_MIN = -0.30884341301725043;

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_TANH_C = 0.044715;

/** Standard normal CDF Φ(v) = ½·erfc(−v/√2); erfc keeps Φ's relative precision in the left tail. */
function normalCdf(v: number): number {
  return 0.5 * erfc(-v * SQRT1_2);
}

/** Standard normal density φ(v) = e^(−v²/2) / √(2π). */
function normalPdf(v: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * v * v);
}

const geluExact = activationOp(
  "gelu",
  (v) => v * normalCdf(v),
  (v) => normalCdf(v) + v * normalPdf(v),
);

const geluTanh = activationOp(
  "gelu",
  (v) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_C * v * v * v))),
  (v) => {
    const t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_C * v * v * v));
    if (t === 1 || t === -1) return 0.5 * (1 + t); // sech² u = 0 exactly: avoid 0·∞ for huge |v|
    const du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_C * v * v);
    return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du;
  },
);

/** Settings of gelu, named as nn.gelu's. */
export interface GeluOptions {
  /** "none" (exact, the default) or "tanh" (the tanh approximation). */
  approximate?: "none" | "tanh";
}

/**
 * Gaussian error linear unit (torch.nn.functional.gelu), default approximate = "none":
 * `gelu(x, { approximate: "tanh" })`, as the layer `nn.gelu({ approximate: "tanh" })`.
 *   "none":  f(x) = x·Φ(x),  Φ(x) = ½(1 + erf(x/√2)) the standard normal CDF
 *            f′(x) = Φ(x) + x·φ(x),  φ(x) = e^(−x²/2)/√(2π)
 *   "tanh":  f(x) = ½x(1 + tanh u),  u = √(2/π)(x + 0.044715x³)
 *            f′(x) = ½(1 + tanh u) + ½x(1 − tanh² u)·√(2/π)(1 + 3·0.044715x²)
 * Range [−0.16997…, ∞) for "none" (minimum at x ≈ −0.75179). Φ is computed as ½·erfc(−x/√2),
 * which keeps full relative precision for x ≪ 0, where PyTorch's 1 + erf(·) cancels.
 * Shape: any → same.
 */
export function gelu(x: Tensor, options?: GeluOptions | "none" | "tanh"): Tensor {
  const { approximate = "none" } =
    typeof options === "string"
      ? { approximate: options }
      : readActivationOptions<GeluOptions>("gelu", options, '{ approximate?: "none" | "tanh" }');
  if (approximate === "none") return geluExact(x);
  if (approximate === "tanh") return geluTanh(x);
  throw new ValueError(`gelu: approximate must be "none" or "tanh", got ${String(approximate)}`);
}

/** Settings of softplus, named as nn.softplus's. */
export interface SoftplusOptions {
  /** β > 0. Default 1. */
  beta?: number;
  /** Above βx > threshold the output is x. Default 20. */
  threshold?: number;
}

/**
 * Softplus (torch.nn.functional.softplus), defaults beta = 1, threshold = 20:
 * `softplus(x, { beta: 2 })`, as the layer `nn.softplus({ beta: 2 })`.
 *   f(x) = (1/β)·ln(1 + e^(βx))   if βx ≤ threshold, else x (the linear branch, as PyTorch)
 *   f′(x) = σ(βx)                  if βx ≤ threshold, else 1
 * ln(1 + e^z) is evaluated as max(z, 0) + ln(1 + e^(−|z|)), so e^z never overflows whatever the
 * threshold. softplus(1000) === 1000; softplus(−1000) = 0. Note: the switch makes f jump by
 * ln(1 + e^(−threshold))/β ≈ 2e-9 at βx = threshold, as in PyTorch.
 * Shape: any → same.
 */
export function softplus(
  x: Tensor,
  options?: SoftplusOptions | number,
  thresholdArg?: number,
): Tensor {
  const { beta = 1, threshold = 20 } =
    typeof options === "number"
      ? { beta: options, threshold: thresholdArg }
      : readActivationOptions<SoftplusOptions>("softplus", options, "{ beta?, threshold? }");
  if (typeof beta !== "number" || !Number.isFinite(beta) || beta <= 0)
    throw new ValueError(`softplus: beta must be a positive finite number, got ${String(beta)}`);
  if (typeof threshold !== "number" || Number.isNaN(threshold))
    throw new ValueError(`softplus: threshold must be a number, got ${String(threshold)}`);
  const op = activationOp(
    "softplus",
    (v) => (beta * v > threshold ? v : softplusScalar(beta * v) / beta),
    (v) => (beta * v > threshold ? 1 : sigmoidScalar(beta * v)),
  );
  return op(x);
}

/**
 * Softsign (torch.nn.functional.softsign).
 *   f(x) = x / (1 + |x|)          range (−1, 1)
 *   f′(x) = 1 / (1 + |x|)²        (continuous; f″ jumps from 2 to −2 at 0)
 * Shape: any → same.
 */
export const softsign = activationOp(
  "softsign",
  (v) => v / (1 + Math.abs(v)),
  (v) => 1 / ((1 + Math.abs(v)) * (1 + Math.abs(v))),
);

/**
 * SiLU, a.k.a. swish with β = 1 (torch.nn.functional.silu).
 *   f(x) = x·σ(x)                    range [−0.27846…, ∞) (minimum at x ≈ −1.27846)
 *   f′(x) = σ(x)·(1 + x(1 − σ(x)))
 * Shape: any → same. At x = −1000: σ = 0, so f = −0 and f′ = 0 (no ∞·0).
 */
export const silu = activationOp(
  "silu",
  (v) => v * sigmoidScalar(v),
  (v) => {
    const s = sigmoidScalar(v);
    return s * (1 + v * (1 - s));
  },
);

/** Alias of {@link silu}. */
export const swish = silu;

/**
 * Mish (torch.nn.functional.mish).
 *   f(x) = x·tanh(softplus(x)),  softplus(x) = ln(1 + eˣ)     range [−0.30884…, ∞)
 *   f′(x) = tanh(sp) + x·σ(x)·(1 − tanh²(sp)),  sp = softplus(x)   (since sp′ = σ)
 * softplus is the overflow-free form, so f(1000) = 1000 and f′(1000) = 1.
 * Shape: any → same.
 */
export const mish = activationOp(
  "mish",
  (v) => v * Math.tanh(softplusScalar(v)),
  (v) => {
    const t = Math.tanh(softplusScalar(v));
    return t + v * sigmoidScalar(v) * (1 - t * t);
  },
);

// ---- descriptor rows (properties at the defaults; see ActivationProperties) ----

export const geluActivation = defineActivation({
  name: "gelu",
  fn: (x) => gelu(x),
  defaults: { approximate: "none" } as { approximate: "none" | "tanh" },
  apply: (x, o) => gelu(x, o.approximate),
  check: (o, who) => {
    const a: unknown = o.approximate;
    if (a !== "none" && a !== "tanh")
      throw new ValueError(`${who}: approximate must be "none" or "tanh", got ${String(a)}`);
  },
  layer: "GELU",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: false,
    linearNearZero: false,
    affineNearZero: true,
    range: [GELU_MIN, Infinity],
  },
});

export const softplusActivation = defineActivation({
  name: "softplus",
  fn: (x) => softplus(x),
  defaults: { beta: 1, threshold: 20 },
  apply: (x, o) => softplus(x, o.beta, o.threshold),
  check: (o, who) => {
    checkFinite(who, "beta", o.beta);
    if (o.beta <= 0) throw new ValueError(`${who}: beta must be positive, got ${o.beta}`);
    checkFinite(who, "threshold", o.threshold);
  },
  layer: "Softplus",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: true,
    range: [0, Infinity],
  },
});

export const softsignActivation = defineActivation({
  name: "softsign",
  fn: softsign,
  defaults: {},
  apply: (x) => softsign(x),
  layer: "Softsign",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: false,
    differentiable: true,
    monotonic: true,
    linearNearZero: true,
    affineNearZero: true,
    range: [-1, 1],
  },
});

export const siluActivation = defineActivation({
  name: "silu",
  aliases: ["swish"],
  fn: silu,
  defaults: {},
  apply: (x) => silu(x),
  layer: "SiLU",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: false,
    linearNearZero: false,
    affineNearZero: true,
    range: [SILU_MIN, Infinity],
  },
});

export const mishActivation = defineActivation({
  name: "mish",
  fn: mish,
  defaults: {},
  apply: (x) => mish(x),
  layer: "Mish",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: false,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: false,
    linearNearZero: false,
    affineNearZero: true,
    range: [MISH_MIN, Infinity],
  },
});
