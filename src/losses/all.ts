// The list of losses that fit, predict and the CLI know by name, in the order their names are
// listed; the LossName union, the task lists and the output kinds derive from it. Losses with
// other signatures (embedding and ranking losses, klDiv, multilabelMargin, gaussianNll with its
// third argument var) are not listed.
import { bceLoss } from "./bce.js";
import { bceWithLogitsLoss } from "./bce-with-logits.js";
import { crossEntropyLoss } from "./cross-entropy.js";
import type { LossDescriptor } from "./descriptor.js";
import { huberLoss } from "./huber.js";
import { l1Loss } from "./l1.js";
import { marginLoss } from "./margin.js";
import { mseLoss } from "./mse.js";
import { multiMarginLoss } from "./multi-margin.js";
import { multilabelSoftMarginLoss } from "./multilabel-soft-margin.js";
import { nllLoss } from "./nll.js";
import { poissonNllLoss } from "./poisson-nll.js";
import { smoothL1Loss } from "./smooth-l1.js";
import { softMarginLoss } from "./soft-margin.js";

/**
 * Every loss `fit`, `evaluate` and the CLI know by name, as descriptors (name, function, target
 * kind, tasks, output head), in the order of {@link LossName}.
 */
export const LOSSES = [
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  bceLoss,
  bceWithLogitsLoss,
  marginLoss,
  softMarginLoss,
  crossEntropyLoss,
  nllLoss,
  multiMarginLoss,
  poissonNllLoss,
  multilabelSoftMarginLoss,
] as const;

/** The name of a loss `fit` and the CLI know ("mse", "crossEntropy", …): the names in LOSSES. */
export type LossName = (typeof LOSSES)[number]["name"];

const BY_NAME = new Map<string, LossDescriptor<LossName>>(LOSSES.map((d) => [d.name, d]));

/** The descriptor of loss `name`, or undefined for a name no listed loss has. */
export function lossDescriptor(name: string): LossDescriptor<LossName> | undefined {
  return BY_NAME.get(name);
}
