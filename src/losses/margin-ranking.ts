// Margin ranking loss (PyTorch's MarginRankingLoss): y = 1 says x1 should rank above x2.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, checkSigns, sameShapeAs, type TargetLike } from "./targets.js";

export interface MarginRankingOptions extends ReductionOptions {
  /** Required gap between the two scores (default 0). */
  margin?: number;
}

/**
 * Margin ranking loss on score pairs, labels y ∈ {−1, +1}:
 *
 *   l_n = max(0, −y_n (x1_n − x2_n) + margin)
 *   ∂l_n/∂x1_n = −y_n = −∂l_n/∂x2_n where the hinge is active, else 0
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: x1 [*] · x2 same shape · y same shape (±1 only) · output scalar ("none": [*]).
 */
export function marginRanking(
  x1: Tensor,
  x2: Tensor,
  y: TargetLike,
  options: MarginRankingOptions = {},
): Tensor {
  const op = "marginRanking";
  const reduction = checkReduction(options.reduction, op);
  const m = checkNumber(options.margin ?? 0, op, "margin", Number.isFinite, "a finite number");
  const other = sameShapeAs(x2, x1, op, "x2");
  const labels = sameShapeAs(y, x1, op);
  checkSigns(labels, op);
  // backward comes from autograd through sub, mul and relu
  return reduce(x1.sub(other).mul(labels).neg().add(m).relu(), reduction);
}
