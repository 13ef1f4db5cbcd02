// Binary cross-entropy on logits (PyTorch's BCEWithLogitsLoss): sigmoid and BCE in one stable form.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce } from "./reduce.js";
import { softplus } from "./softplus.js";
import type { BceOptions } from "./bce.js";
import { broadcastWeight, sameShapeAs, type TargetLike, type WeightLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface BceWithLogitsOptions extends BceOptions {
  /** Weight p_c of positive examples, broadcast along the last (class) axis: [C] (default 1). */
  posWeight?: WeightLike;
}

/**
 * Binary cross-entropy with the sigmoid built in, on logits x and targets z ∈ [0, 1]:
 *
 *   l_n = −w_n [p z_n ln σ(x_n) + (1 − z_n) ln(1 − σ(x_n))]
 *       = w_n [softplus(x_n) − x_n z_n + (p − 1) z_n softplus(−x_n)]
 *   with softplus(x) = max(x, 0) + ln(1 + e^(−|x|)); without posWeight (p = 1) this is the stable
 *   max(x, 0) − x z + ln(1 + e^(−|x|)), finite for any x.
 *   ∂l_n/∂x_n = w_n [σ(x_n)(1 + (p − 1) z_n) − p z_n]       (= w_n (σ(x_n) − z_n) when p = 1)
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape · weight broadcastable to [*] · posWeight broadcastable to
 * [*] (typically [C] for input [N, C]) · output scalar ("none": [*]).
 */
export function bceWithLogits(
  input: Tensor,
  target: TargetLike,
  options: BceWithLogitsOptions = {},
): Tensor {
  const op = "bceWithLogits";
  const reduction = checkReduction(options.reduction, op);
  const z = sameShapeAs(target, input, op);
  const weight = broadcastWeight(options.weight, input.shape, input.dtype, op);
  const posWeight = broadcastWeight(options.posWeight, input.shape, input.dtype, op, "posWeight");
  // backward comes from autograd through softplus (σ), mul and sub
  let l = softplus(input).sub(input.mul(z));
  if (posWeight) l = l.add(posWeight.sub(1).mul(z).mul(softplus(input.neg())));
  if (weight) l = l.mul(weight);
  return reduce(l, reduction);
}

/** bceWithLogits for fit, predict and the CLI (see LossDescriptor). */
export const bceWithLogitsLoss = defineLoss({
  name: "bceWithLogits",
  fn: (output, target) => bceWithLogits(output, target),
  target: "same-shape",
  output: "logits",
  tasks: ["binary"],
  defaultFor: ["binary"],
  head: { outputs: "one" },
});
