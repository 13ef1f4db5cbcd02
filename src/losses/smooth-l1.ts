// Smooth L1 loss (PyTorch's SmoothL1Loss): quadratic near zero, linear beyond beta.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface SmoothL1Options extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1; 0 gives the L1 loss). */
  beta?: number;
}

/**
 * Smooth L1, with d_n = x_n − y_n:
 *
 *   l_n = 0.5 d_n² / β      if |d_n| < β      ∂l_n/∂x_n = d_n / β
 *   l_n = |d_n| − 0.5 β     otherwise         ∂l_n/∂x_n = sign(d_n)
 *   β = 0 is the L1 loss (as in PyTorch). reduction: "mean" (default) · "sum" · "none".
 *
 * Shapes: input [*] · target same shape · output scalar ("none": [*]).
 */
export function smoothL1(input: Tensor, target: TargetLike, options: SmoothL1Options = {}): Tensor {
  const reduction = checkReduction(options.reduction, "smoothL1");
  const beta = checkNumber(options.beta ?? 1, "smoothL1", "beta", (b) => b >= 0, "a number ≥ 0");
  const y = sameShapeAs(target, input, "smoothL1");
  const d = input.sub(y);
  const absD = d.abs();
  // β = 0: only the linear branch (the quadratic one would divide by zero)
  if (beta === 0) return reduce(absD, reduction);
  const quadratic = d.square().mul(0.5 / beta);
  const linear = absD.sub(0.5 * beta);
  // backward comes from autograd through where, square, abs and sub
  return reduce(absD.lt(beta).where(quadratic, linear), reduction);
}

/** smoothL1 for fit, predict and the CLI (see LossDescriptor). */
export const smoothL1Loss = defineLoss({
  name: "smoothL1",
  fn: (output, target) => smoothL1(output, target),
  target: "same-shape",
  output: "values",
  tasks: ["regression"],
  head: { outputs: "targets" },
});
