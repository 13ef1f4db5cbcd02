// Torch7's L1HingeEmbeddingCriterion on pairs of vectors (no PyTorch twin).
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, checkPair, pairLabels, type TargetLike } from "./targets.js";

export interface L1HingeEmbeddingOptions extends ReductionOptions {
  /** Distance beyond which dissimilar pairs cost nothing (default 1). */
  margin?: number;
}

/**
 * L1 hinge embedding loss on pairs (x1_n, x2_n), with
 * d_n = ‖x1_n − x2_n‖₁ = Σ_k |x1_{n,k} − x2_{n,k}|:
 *
 *   l_n = d_n                        if y_n = 1   (similar: pull together)
 *   l_n = max(0, margin − d_n)       if y_n = −1  (dissimilar: push apart up to margin)
 *   ∂d_n/∂x1_{n,k} = sign(x1_{n,k} − x2_{n,k}) = −∂d_n/∂x2_{n,k}
 *   reduction: "mean" (default) (1/N) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: x1, x2 [N, D] or [D] · y [N] or [] (±1 only) · output scalar ("none": [N] or []).
 */
export function l1HingeEmbedding(
  x1: Tensor,
  x2: Tensor,
  y: TargetLike,
  options: L1HingeEmbeddingOptions = {},
): Tensor {
  const op = "l1HingeEmbedding";
  const reduction = checkReduction(options.reduction, op);
  const m = checkNumber(options.margin ?? 1, op, "margin", Number.isFinite, "a finite number");
  checkPair(x1, x2, op);
  const labels = pairLabels(y, x1, op);
  const d = x1.sub(x2).abs().sum(-1);
  // backward comes from autograd through where, relu, abs and sum
  return reduce(labels.eq(1).where(d, d.neg().add(m).relu()), reduction);
}
