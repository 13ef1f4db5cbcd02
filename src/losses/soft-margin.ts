// Soft-margin (logistic) loss for ±1 labels (PyTorch's SoftMarginLoss).
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { softplus } from "./softplus.js";
import { checkSigns, sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

/**
 * Two-class logistic loss, labels y ∈ {−1, +1}:
 *
 *   l_n = ln(1 + e^(−y_n x_n)) = softplus(−y_n x_n)       ∂l_n/∂x_n = −y_n σ(−y_n x_n)
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape (±1 only; ValueError otherwise) ·
 * output scalar ("none": [*]).
 */
export function softMargin(
  input: Tensor,
  target: TargetLike,
  options: ReductionOptions = {},
): Tensor {
  const reduction = checkReduction(options.reduction, "softMargin");
  const y = sameShapeAs(target, input, "softMargin");
  checkSigns(y, "softMargin");
  // backward comes from autograd through softplus (stable for large |x|) and mul
  return reduce(softplus(input.mul(y).neg()), reduction);
}

/** softMargin for fit, predict and the CLI (see LossDescriptor). */
export const softMarginLoss = defineLoss({
  name: "softMargin",
  fn: (output, target) => softMargin(output, target),
  target: "same-shape",
  output: "values",
  tasks: [],
});
