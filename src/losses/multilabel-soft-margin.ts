// Multi-label one-versus-all logistic loss (PyTorch's MultiLabelSoftMarginLoss): C independent
// binary logistic losses per sample, averaged over the classes. Not a softmax over classes.
import { ShapeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce } from "./reduce.js";
import type { BceOptions } from "./bce.js";
import { softplus } from "./softplus.js";
import { broadcastWeight, sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

/** Options: reduction, and weight (per class, [C], or anything broadcastable to the input). */
export type MultilabelSoftMarginOptions = BceOptions;

/**
 * For logits x and targets y ∈ [0, 1] (usually 0/1: is class i one of the sample's labels):
 *
 *   l_n = −(1/C) Σ_i w_i [y_{n,i} ln σ(x_{n,i}) + (1 − y_{n,i}) ln σ(−x_{n,i})]
 *       =  (1/C) Σ_i w_i [y_{n,i} softplus(−x_{n,i}) + (1 − y_{n,i}) softplus(x_{n,i})]
 *   ∂l_n/∂x_{n,i} = (w_i / C) (σ(x_{n,i}) − y_{n,i})
 *   reduction over the samples: "mean" (default) (1/N) Σ l_n · "sum" Σ l_n · "none" l
 *   (so "mean" divides by N·C in all, as bceWithLogits on the same data does)
 *
 * Shapes: input [N, C] (or [C], or [*, C]: C is the last axis) · target same shape ·
 * weight [C] (broadcastable to the input) · output scalar ("none": [N], the input without C).
 */
export function multilabelSoftMargin(
  input: Tensor,
  target: TargetLike,
  options: MultilabelSoftMarginOptions = {},
): Tensor {
  const op = "multilabelSoftMargin";
  const reduction = checkReduction(options.reduction, op);
  if (input.ndim === 0) throw new ShapeError(`${op}: input must have a class axis, got a scalar`);
  const y = sameShapeAs(target, input, op);
  const weight = broadcastWeight(options.weight, input.shape, input.dtype, op);
  const C = input.shape[input.ndim - 1];
  // softplus(±x) is the stable −ln σ(∓x); backward comes from autograd through softplus (σ)
  let l = y.mul(softplus(input.neg())).add(y.neg().add(1).mul(softplus(input)));
  if (weight) l = l.mul(weight);
  return reduce(l.sum(-1).div(C), reduction);
}

/** multilabelSoftMargin for fit, predict and the CLI (see LossDescriptor): by name only. */
export const multilabelSoftMarginLoss = defineLoss({
  name: "multilabelSoftMargin",
  fn: (output, target) => multilabelSoftMargin(output, target),
  target: "same-shape",
  output: "logits",
  tasks: [],
});
