// Mean absolute error (PyTorch's L1Loss), written with tensor ops.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

/**
 * Absolute error.
 *
 *   l_n = |x_n − y_n|                  ∂l_n/∂x_n = sign(x_n − y_n)  (0 at x_n = y_n, as PyTorch)
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape · output scalar ("none": [*]).
 */
export function l1(input: Tensor, target: TargetLike, options: ReductionOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction, "l1");
  const y = sameShapeAs(target, input, "l1");
  // backward comes from autograd through sub, abs and the reduction
  return reduce(input.sub(y).abs(), reduction);
}

/** l1 for fit, predict and the CLI (see LossDescriptor). */
export const l1Loss = defineLoss({
  name: "l1",
  fn: (output, target) => l1(output, target),
  target: "same-shape",
  output: "values",
  tasks: ["regression"],
  head: { outputs: "targets" },
});
