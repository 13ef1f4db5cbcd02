// Mean squared error (PyTorch's MSELoss), written with tensor ops.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

/**
 * Squared error.
 *
 *   l_n = (x_n − y_n)²                 ∂l_n/∂x_n = 2(x_n − y_n)
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape as input · output scalar ("none": [*]).
 */
export function mse(input: Tensor, target: TargetLike, options: ReductionOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction, "mse");
  const y = sameShapeAs(target, input, "mse");
  // backward comes from autograd through sub, square and the reduction
  return reduce(input.sub(y).square(), reduction);
}

/** mse for fit, predict and the CLI (see LossDescriptor). */
export const mseLoss = defineLoss({
  name: "mse",
  fn: (output, target) => mse(output, target),
  target: "same-shape",
  output: "values",
  tasks: ["regression"],
  defaultFor: ["regression"],
  head: { outputs: "targets" },
});
