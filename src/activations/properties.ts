// The article's properties of an activation function, as data: nonlinearity, saturation,
// continuity and smoothness, differentiability, monotonicity, linearity near zero, and range.
// Claims about the mathematical functions at their default parameters; verified numerically
// by properties.test.ts, which derives each verdict from sampled values.
import { resolveName, type ActivationName } from "./registry.js";
import { SELU_ALPHA, SELU_SCALE } from "./rectifiers.js";

/**
 * Definitions (f: ℝ → ℝ at the default parameters; softmax/logSoftmax: see below).
 * - nonlinear:      f is not affine — there are no a, b with f(x) = a·x + b for every x.
 * - saturatesLeft:  f(x) tends to a finite limit as x → −∞ (the gradient vanishes there).
 * - saturatesRight: f(x) tends to a finite limit as x → +∞.
 * - saturating:     saturates on both sides, i.e. the output is bounded (sigmoid, tanh, …).
 *                   ReLU-like units saturate on one side only: saturating = false,
 *                   saturatesLeft = true.
 * - continuous:     continuous on all of ℝ (only step is not).
 * - smooth:         infinitely differentiable (C^∞) on all of ℝ. ELU (α = 1) and softsign are
 *                   C¹ but not C² (f″ jumps at 0), so they are not smooth.
 * - differentiable: differentiable at every x ∈ ℝ (a single kink, as ReLU's at 0, makes it false).
 * - monotonic:      non-decreasing on ℝ (no activation here is decreasing).
 * - linearNearZero: the article's sense, identity-like near 0: f(0) = 0 and f′(0) = 1, so
 *                   f(x) = x + o(x) and a network with small weights starts out as a linear model.
 *                   True for tanh, false for the logistic sigmoid (f(0) = ½, f′(0) = ¼).
 * - affineNearZero: the weaker, affine sense: f is differentiable at 0 with f′(0) ≠ 0, so
 *                   f(x) = f(0) + f′(0)·x + o(x). True for sigmoid (½ + x/4), false for ReLU.
 * - range:          [inf f, sup f] over ℝ, ±Infinity when unbounded. Whether the ends are attained
 *                   is not recorded (σ never reaches 0 or 1 in exact arithmetic; in floating
 *                   point it does).
 *
 * softmax and logSoftmax map a vector to a vector. Their properties are per element: output k
 * as a function of its own logit x_k with the other logits held fixed, which is
 * softmax_k = σ(x_k − c) and logSoftmax_k = ln σ(x_k − c) with c = ln Σ_{j≠k} e^(x_j).
 * linearNearZero/affineNearZero are stated for c = 0 (one other logit equal to 0): softmax_k(0) = ½.
 *
 * Parameterised activations are described at their defaults: ELU with α ≠ 1 is not
 * differentiable at 0; hardTanh(minVal, maxVal) has range [minVal, maxVal]; and so on.
 * softplus is described as the function ln(1 + eˣ); its implementation switches to x above
 * the threshold (PyTorch's), a jump of about 2e-9 at x = 20.
 */
export interface ActivationProperties {
  nonlinear: boolean;
  saturating: boolean;
  saturatesLeft: boolean;
  saturatesRight: boolean;
  continuous: boolean;
  smooth: boolean;
  differentiable: boolean;
  monotonic: boolean;
  linearNearZero: boolean;
  affineNearZero: boolean;
  range: readonly [number, number];
}

/**
 * Minimum values of the non-monotonic units, from 40-digit root finding of f′ = 0
 * (scripts/gen-reference-activations.py, "extrema"): gelu at x ≈ −0.75179, silu at x ≈ −1.27846,
 * mish at x ≈ −1.19243.
 */
export const GELU_MIN = -0.16997120747990366;
export const SILU_MIN = -0.2784645427610738;
export const MISH_MIN = -0.30884341301725043;

const INF = Infinity;

// Columns: nonlinear, saturatesLeft, saturatesRight, continuous, smooth, differentiable,
// monotonic, linearNearZero, affineNearZero, range.
type Bools9 = [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];
type Row = [...Bools9, [number, number]];
const T = true;
const F = false;

// prettier-ignore
const TABLE: Record<ActivationName, Row> = {
  //           nonlin satL  satR  cont  smooth diff  mono  linNZ affNZ range
  sigmoid:     [T,    T,    T,    T,    T,     T,    T,    F,    T,    [0, 1]],
  tanh:        [T,    T,    T,    T,    T,     T,    T,    T,    T,    [-1, 1]],
  relu:        [T,    T,    F,    T,    F,     F,    T,    F,    F,    [0, INF]],
  leakyRelu:   [T,    F,    F,    T,    F,     F,    T,    F,    F,    [-INF, INF]],
  elu:         [T,    T,    F,    T,    F,     T,    T,    T,    T,    [-1, INF]],
  selu:        [T,    T,    F,    T,    F,     F,    T,    F,    F,    [-SELU_SCALE * SELU_ALPHA, INF]],
  gelu:        [T,    T,    F,    T,    T,     T,    F,    F,    T,    [GELU_MIN, INF]],
  softplus:    [T,    T,    F,    T,    T,     T,    T,    F,    T,    [0, INF]],
  softsign:    [T,    T,    T,    T,    F,     T,    T,    T,    T,    [-1, 1]],
  silu:        [T,    T,    F,    T,    T,     T,    F,    F,    T,    [SILU_MIN, INF]],
  mish:        [T,    T,    F,    T,    T,     T,    F,    F,    T,    [MISH_MIN, INF]],
  hardSigmoid: [T,    T,    T,    T,    F,     F,    T,    F,    T,    [0, 1]],
  hardTanh:    [T,    T,    T,    T,    F,     F,    T,    T,    T,    [-1, 1]],
  relu6:       [T,    T,    T,    T,    F,     F,    T,    F,    F,    [0, 6]],
  step:        [T,    T,    T,    F,    F,     F,    T,    F,    F,    [0, 1]],
  linear:      [F,    F,    F,    T,    T,     T,    T,    T,    T,    [-INF, INF]],
  softmax:     [T,    T,    T,    T,    T,     T,    T,    F,    T,    [0, 1]],
  logSoftmax:  [T,    F,    T,    T,    T,     T,    T,    F,    T,    [-INF, 0]],
};

/**
 * The properties of activation `name` (canonical name or alias such as "swish"), as defined
 * above. Returns a fresh object; throws ValueError for an unknown name.
 *
 *   properties("relu")  // { nonlinear: true, saturating: false, saturatesLeft: true, …, range: [0, Infinity] }
 */
export function properties(name: string): ActivationProperties {
  const [nonlinear, satL, satR, continuous, smooth, differentiable, monotonic, lin, aff, range] =
    TABLE[resolveName(name)];
  return {
    nonlinear,
    saturating: satL && satR,
    saturatesLeft: satL,
    saturatesRight: satR,
    continuous,
    smooth,
    differentiable,
    monotonic,
    linearNearZero: lin,
    affineNearZero: aff,
    range: [range[0], range[1]],
  };
}
