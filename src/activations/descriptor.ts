// One row per activation: its name, the function with PyTorch's defaults, the layer type that
// wraps it, its properties and the fused backend kernel it maps to. The name tables (names,
// aliases, properties, nn's layer classes) are derived from these rows; this file holds types only.
import type { ActivationKind } from "../ops/linear-stack.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * The article's properties of an activation function, at its default parameters.
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

/** Option values a layer config may hold (they are written to model files as JSON). */
export type ActivationOptions = Record<string, number | string | boolean>;

/** The backend kernel of a fused Linear → activation stack; `slope` reads leakyRelu's slope. */
export interface ActivationKernel<O extends ActivationOptions> {
  kind: ActivationKind;
  /** The slope for x < 0 the kernel takes, read from the layer's options (leakyRelu). */
  slope?: (options: O) => number;
}

/**
 * One activation as data: its name, scalar function and derivative, defaults and checks of its
 * options, its properties, and the layer and kernel it maps to.
 */
export interface ActivationDescriptor<
  N extends string = string,
  O extends ActivationOptions = ActivationOptions,
> {
  /** Canonical name in the `activations` namespace ("leakyRelu"). */
  readonly name: N;
  /** Other accepted spellings ("swish" for silu). */
  readonly aliases: readonly string[];
  /** The function with PyTorch's default options: x → f(x). */
  readonly fn: (x: Tensor) => Tensor;
  /** PyTorch's default options ({} when the function takes none). */
  readonly defaults: Readonly<O>;
  /** f(x) with explicit options (method syntax: rows with different options share one list). */
  apply(x: Tensor, options: O): Tensor;
  /** The nn layer type (class name and model-file type) that wraps it ("LeakyReLU"). */
  readonly layer: string;
  /** Validates a layer's options (defaults filled in); messages start with `who`. */
  check?(options: O, who: string): void;
  /** Properties at the default options (see ActivationProperties). */
  readonly properties: Readonly<ActivationProperties>;
  /** The fused backend kernel, or null when the fused path cannot run this activation. */
  readonly kernel: ActivationKernel<O> | null;
}

/** A row as written in a family file: `saturating` is derived from the two one-sided columns. */
export type ActivationRow<N extends string, O extends ActivationOptions> = Omit<
  ActivationDescriptor<N, O>,
  "properties" | "aliases"
> & {
  aliases?: readonly string[];
  properties: Omit<ActivationProperties, "saturating">;
};

/** Fill the derived columns of a row (saturating = saturatesLeft ∧ saturatesRight). */
export function defineActivation<N extends string, O extends ActivationOptions = ActivationOptions>(
  row: ActivationRow<N, O>,
): ActivationDescriptor<N, O> {
  const p = row.properties;
  return Object.freeze({
    ...row,
    aliases: row.aliases ?? [],
    properties: Object.freeze({ ...p, saturating: p.saturatesLeft && p.saturatesRight }),
  });
}
