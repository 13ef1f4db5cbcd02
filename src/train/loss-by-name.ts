// fit()'s `loss` option: a name or a function. Names are the losses/ descriptors (losses/all.ts)
// with their defaults; same-shape targets are reshaped to the output's shape where sizes match
// (y [N] vs output [N, 1]).
import { ValueError } from "../errors.js";
import { LOSSES, lossDescriptor, type LossName } from "../losses/all.js";
import type { LossDescriptor } from "../losses/descriptor.js";
import type { Tensor } from "../tensor/tensor.js";

export type { LossName } from "../losses/all.js";
/** A loss as a function: (output, target) → scalar tensor. */
export type LossFn = (output: Tensor, target: Tensor) => Tensor;
/** A loss as `fit` takes it: a built-in name or a {@link LossFn}. */
export type LossSpec = LossName | LossFn;

/** Every loss name fit accepts, in the order of losses/all.ts. */
export const LOSS_NAMES: LossName[] = LOSSES.map((d) => d.name);

function descriptorOf(name: string): LossDescriptor<LossName> {
  const d = lossDescriptor(name);
  if (d === undefined) {
    throw new ValueError(
      `fit: unknown loss ${JSON.stringify(name)}; valid names: ${LOSS_NAMES.join(", ")}`,
    );
  }
  return d;
}

/** The loss function for `spec`: a name is looked up in LOSSES; a function is returned as is. */
export function resolveLoss(spec: LossSpec): LossFn {
  if (typeof spec === "function") return spec;
  const { fn, target } = descriptorOf(spec);
  if (target === "class-index") return fn;
  return (o, y) =>
    fn(o, y.size === o.size && y.ndim !== o.ndim ? y.reshape(o.shape as number[]) : y);
}

/** What the model outputs for loss `name`: logits (predictions need softmax/sigmoid), probabilities or values. */
export function outputKind(name: LossName): "logits" | "probabilities" | "values" {
  return descriptorOf(name).output;
}
