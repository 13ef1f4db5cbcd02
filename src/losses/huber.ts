// Huber loss (PyTorch's HuberLoss): quadratic near zero, linear with slope delta beyond delta.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1; must be > 0). */
  delta?: number;
}

/**
 * Huber loss, with d_n = x_n − y_n:
 *
 *   l_n = 0.5 d_n²                 if |d_n| < δ      ∂l_n/∂x_n = d_n
 *   l_n = δ (|d_n| − 0.5 δ)        otherwise         ∂l_n/∂x_n = δ · sign(d_n)
 *   (equals δ · smoothL1 with β = δ). reduction: "mean" (default) · "sum" · "none".
 *
 * Shapes: input [*] · target same shape · output scalar ("none": [*]).
 */
export function huber(input: Tensor, target: TargetLike, options: HuberOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction, "huber");
  const delta = checkNumber(options.delta ?? 1, "huber", "delta", (v) => v > 0, "a number > 0");
  const y = sameShapeAs(target, input, "huber");
  const d = input.sub(y);
  const absD = d.abs();
  const quadratic = d.square().mul(0.5);
  const linear = absD.sub(0.5 * delta).mul(delta);
  // backward comes from autograd through where, square, abs and sub
  return reduce(absD.lt(delta).where(quadratic, linear), reduction);
}

/** huber for fit, predict and the CLI (see LossDescriptor). */
export const huberLoss = defineLoss({
  name: "huber",
  fn: (output, target) => huber(output, target),
  target: "same-shape",
  output: "values",
  tasks: ["regression"],
  head: { outputs: "targets" },
});
