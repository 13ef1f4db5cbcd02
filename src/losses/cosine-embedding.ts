// Cosine embedding loss (PyTorch's CosineEmbeddingLoss) on pairs of vectors.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, checkPair, pairLabels, type TargetLike } from "./targets.js";

export interface CosineEmbeddingOptions extends ReductionOptions {
  /** Cosine below which dissimilar pairs cost nothing, in [−1, 1] (default 0). */
  margin?: number;
}

/** PyTorch adds this to each squared norm, so a zero vector gives cos = 0, not 0/0. */
const EPSILON = 1e-12;

/**
 * Cosine embedding loss on pairs (x1_n, x2_n), labels y ∈ {−1, +1}:
 *
 *   cos_n = Σ_k x1_{n,k} x2_{n,k} / √((‖x1_n‖² + 1e-12)(‖x2_n‖² + 1e-12))   (PyTorch's eps)
 *   l_n = 1 − cos_n                   if y_n = 1
 *   l_n = max(0, cos_n − margin)      if y_n = −1
 *   reduction: "mean" (default) (1/N) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: x1, x2 [N, D] or [D] · y [N] or [] (±1 only) · output scalar ("none": [N] or []).
 */
export function cosineEmbedding(
  x1: Tensor,
  x2: Tensor,
  y: TargetLike,
  options: CosineEmbeddingOptions = {},
): Tensor {
  const op = "cosineEmbedding";
  const reduction = checkReduction(options.reduction, op);
  const m = checkNumber(options.margin ?? 0, op, "margin", Number.isFinite, "a finite number");
  checkPair(x1, x2, op);
  const labels = pairLabels(y, x1, op);
  const dot = x1.mul(x2).sum(-1);
  const sq1 = x1.square().sum(-1).add(EPSILON);
  const sq2 = x2.square().sum(-1).add(EPSILON);
  const cos = dot.div(sq1.mul(sq2).sqrt());
  // backward comes from autograd through div, sqrt, sum, mul, where and relu
  return reduce(labels.eq(1).where(cos.neg().add(1), cos.sub(m).relu()), reduction);
}
