// fit()'s `loss` option: a name or a function. Names map to the functional losses with their
// defaults; targets are reshaped to the output's shape where sizes match (y [N] vs output [N, 1]).
import { ValueError } from "../errors.js";
import * as losses from "../losses/index.js";
import type { Tensor } from "../tensor/tensor.js";

export type LossFn = (output: Tensor, target: Tensor) => Tensor;
export type LossName =
  | "mse"
  | "l1"
  | "smoothL1"
  | "huber"
  | "crossEntropy"
  | "nll"
  | "bce"
  | "bceWithLogits"
  | "margin"
  | "softMargin"
  | "multiMargin";
export type LossSpec = LossName | LossFn;

/** Losses whose target has the output's shape (reshaped when only the shape differs). */
const ELEMENTWISE: Record<string, LossFn> = {
  mse: (o, y) => losses.mse(o, y),
  l1: (o, y) => losses.l1(o, y),
  smoothL1: (o, y) => losses.smoothL1(o, y),
  huber: (o, y) => losses.huber(o, y),
  bce: (o, y) => losses.bce(o, y),
  bceWithLogits: (o, y) => losses.bceWithLogits(o, y),
  margin: (o, y) => losses.margin(o, y),
  softMargin: (o, y) => losses.softMargin(o, y),
};

/** Losses with class-index targets [N]. */
const CLASS_INDEX: Record<string, LossFn> = {
  crossEntropy: (o, y) => losses.crossEntropy(o, y),
  nll: (o, y) => losses.nll(o, y),
  multiMargin: (o, y) => losses.multiMargin(o, y),
};

export const LOSS_NAMES = [...Object.keys(ELEMENTWISE), ...Object.keys(CLASS_INDEX)] as LossName[];

export function resolveLoss(spec: LossSpec): LossFn {
  if (typeof spec === "function") return spec;
  const elementwise = ELEMENTWISE[spec];
  if (elementwise) {
    return (o, y) =>
      elementwise(o, y.size === o.size && y.ndim !== o.ndim ? y.reshape(o.shape as number[]) : y);
  }
  const classIndex = CLASS_INDEX[spec];
  if (classIndex) return classIndex;
  throw new ValueError(
    `fit: unknown loss ${JSON.stringify(spec)}; valid names: ${LOSS_NAMES.join(", ")}`,
  );
}

/** True for losses whose model output is logits over classes (predictions need softmax/sigmoid). */
export function outputKind(name: LossName): "logits" | "probabilities" | "values" {
  if (name === "crossEntropy" || name === "bceWithLogits" || name === "multiMargin")
    return "logits";
  if (name === "bce" || name === "nll") return "probabilities";
  return "values";
}
