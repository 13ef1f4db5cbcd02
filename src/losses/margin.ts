// The binary hinge loss of Torch7's MarginCriterion (no PyTorch twin).
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, checkSigns, sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface MarginOptions extends ReductionOptions {
  /** Required gap between y·x and 0 (default 1). */
  margin?: number;
}

/**
 * Binary hinge loss (Torch7 MarginCriterion), labels y ∈ {−1, +1}:
 *
 *   l_n = max(0, margin − y_n x_n)      ∂l_n/∂x_n = −y_n if margin − y_n x_n > 0, else 0
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape (±1 only; ValueError otherwise) ·
 * output scalar ("none": [*]).
 */
export function margin(input: Tensor, target: TargetLike, options: MarginOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction, "margin");
  const m = checkNumber(
    options.margin ?? 1,
    "margin",
    "margin",
    Number.isFinite,
    "a finite number",
  );
  const y = sameShapeAs(target, input, "margin");
  checkSigns(y, "margin");
  // backward comes from autograd through mul, sub and relu
  return reduce(input.mul(y).neg().add(m).relu(), reduction);
}

/** margin for fit, predict and the CLI (see LossDescriptor). */
export const marginLoss = defineLoss({
  name: "margin",
  fn: (output, target) => margin(output, target),
  target: "same-shape",
  output: "values",
  tasks: [],
});
