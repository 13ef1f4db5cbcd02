// Hinge embedding loss (PyTorch's HingeEmbeddingLoss): x is usually a distance between a pair.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, checkSigns, sameShapeAs, type TargetLike } from "./targets.js";

export interface HingeEmbeddingOptions extends ReductionOptions {
  /** Value beyond which x costs nothing for y = −1 (default 1). */
  margin?: number;
}

/**
 * Hinge embedding loss, labels y ∈ {−1, +1}:
 *
 *   l_n = x_n                        if y_n = 1      ∂l_n/∂x_n = 1
 *   l_n = max(0, margin − x_n)       if y_n = −1     ∂l_n/∂x_n = −[margin − x_n > 0]
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape (±1 only) · output scalar ("none": [*]).
 */
export function hingeEmbedding(
  input: Tensor,
  target: TargetLike,
  options: HingeEmbeddingOptions = {},
): Tensor {
  const op = "hingeEmbedding";
  const reduction = checkReduction(options.reduction, op);
  const m = checkNumber(options.margin ?? 1, op, "margin", Number.isFinite, "a finite number");
  const y = sameShapeAs(target, input, op);
  checkSigns(y, op);
  // backward comes from autograd through where, relu and sub
  return reduce(y.eq(1).where(input, input.neg().add(m).relu()), reduction);
}
