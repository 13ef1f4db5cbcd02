// Negative log-likelihood loss (PyTorch's NLLLoss) on log-probabilities and class indices,
// and the shared core that crossEntropy builds on.
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { classRows } from "./class-axis.js";
import { checkReduction, type ReductionOptions } from "./reduce.js";
import { classIndices, classWeight, type TargetLike, type WeightLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface NllOptions extends ReductionOptions {
  /** Per-class rescaling weight w, shape [C] (default: all ones). */
  weight?: WeightLike;
  /** Targets equal to this value add nothing, not even to the mean's denominator (default −100). */
  ignoreIndex?: number;
}

/** The unreduced picked loss of each row and the weight of each row's target. @internal */
export interface NllParts {
  /** l_n = −w_{y_n} · logp_{n, y_n}, 0 for ignored rows: [M]. */
  l: Tensor;
  /** w_{y_n}, 0 for ignored rows: [M] (the denominator of the weighted mean). */
  wn: Tensor;
  /** 1 for rows whose target is not ignored, else 0: [M] (no graph). */
  mask: Tensor;
}

/**
 * Core of nll and crossEntropy on rows: logp [M, C], checked indices y [M].
 * backward comes from autograd through gather, indexSelect and mul. @internal
 */
export function nllParts(
  logp: Tensor,
  y: Int32Array,
  weight: Tensor | null,
  ignoreIndex: number,
): NllParts {
  const M = y.length;
  const safe = allocStorage("float64", M); // ignored rows point at class 0, then get weight 0
  const maskData = allocStorage(logp.dtype, M);
  for (let n = 0; n < M; n++) {
    const ignored = y[n] === ignoreIndex;
    safe[n] = ignored ? 0 : y[n];
    maskData[n] = ignored ? 0 : 1;
  }
  const mask = new Tensor(maskData, [M]);
  const wn = weight ? weight.indexSelect(new Tensor(safe, [M])).mul(mask) : mask;
  const picked = logp.gather(1, new Tensor(safe, [M, 1])).reshape([M]);
  return { l: picked.mul(wn).neg(), wn, mask };
}

/**
 * Negative log-likelihood. x holds log-probabilities (e.g. from a log-softmax), y class indices.
 *
 *   l_n = −w_{y_n} · x_{n, y_n}        (0 when y_n = ignoreIndex)
 *   ∂l_n/∂x_{n,c} = −w_{y_n} · [c = y_n]
 *   "mean" (default): Σ_n l_n / Σ_n w_{y_n} over non-ignored n — the weighted mean, as PyTorch;
 *          NaN with a zero gradient when every target is ignored (as PyTorch)
 *   "sum": Σ_n l_n · "none": l
 *
 * Shapes: input [N, C] · [C] · [N, C, d1, …]; target [N] · [] · [N, d1, …] (integers in [0, C)
 * or ignoreIndex, as a tensor, number array or number); weight [C]; "none" output = target shape.
 */
export function nll(input: Tensor, target: TargetLike, options: NllOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction, "nll");
  const ignoreIndex = options.ignoreIndex ?? -100;
  const { rows, numClasses, sampleShape } = classRows(input, "nll");
  const y = classIndices(target, sampleShape, numClasses, "nll", ignoreIndex, input.shape);
  const weight = classWeight(options.weight, numClasses, input.dtype, "nll");
  const parts = nllParts(rows, y, weight, ignoreIndex);
  return reduceWeighted(parts.l, parts, reduction, sampleShape);
}

/**
 * "mean" = Σ l / Σ wn (weighted mean), "sum" = Σ l, "none" = l reshaped to `shape`.
 * When every target is ignored the mean is NaN with a zero gradient, as in PyTorch
 * (Σ l = 0 carries the zero gradient; adding NaN sets the value without touching it). @internal
 */
export function reduceWeighted(
  l: Tensor,
  { wn, mask }: Pick<NllParts, "wn" | "mask">,
  reduction: "mean" | "sum" | "none",
  shape: readonly number[],
): Tensor {
  if (reduction === "none") return l.reshape([...shape]);
  if (reduction === "sum") return l.sum();
  let kept = 0;
  for (let n = 0; n < mask.size; n++) kept += mask.data[n];
  if (kept === 0) return l.sum().add(NaN);
  return l.sum().div(wn.sum());
}

/** nll for fit, predict and the CLI (see LossDescriptor). */
export const nllLoss = defineLoss({
  name: "nll",
  fn: (output, target) => nll(output, target),
  target: "class-index",
  output: "probabilities",
  tasks: ["multiclass", "binary"],
  head: { outputs: "classes", activation: "logSoftmax" },
});
