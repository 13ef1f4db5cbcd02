// Which loss and output layer fit a task: multiclass → C logits + crossEntropy, binary → one logit +
// bceWithLogits, regression → K values + mse; and which other loss names each task accepts.
import { ValueError } from "../errors.js";
import type { Task } from "../data/dataset.js";
import type { LossName } from "./loss-by-name.js";

/** Losses that make sense for each task (the targets they take: class indices, 0/1, or values). */
export const TASK_LOSSES: Record<Task, readonly LossName[]> = {
  multiclass: ["crossEntropy", "nll", "multiMargin"],
  binary: ["bceWithLogits", "bce", "crossEntropy", "nll", "multiMargin"],
  regression: ["mse", "l1", "smoothL1", "huber"],
};

/** The default loss: crossEntropy (multiclass), bceWithLogits (binary), mse (regression). */
export function defaultLoss(task: Task): LossName {
  return TASK_LOSSES[task][0];
}

export interface Head {
  /** Width of the last Linear layer. */
  outFeatures: number;
  /** Activation after it: "sigmoid" for bce (probabilities), "logSoftmax" for nll. */
  outputActivation?: string;
}

/**
 * The output layer for a task and loss. numClasses C (classification) or targetWidth K
 * (regression). bce/bceWithLogits → 1 output; crossEntropy/nll/multiMargin → C outputs.
 * Throws ValueError for a loss that does not fit the task.
 */
export function headFor(task: Task, loss: LossName, numClasses: number, targetWidth = 1): Head {
  if (!TASK_LOSSES[task].includes(loss)) {
    throw new ValueError(
      `loss "${loss}" does not fit a ${task} task; use one of ${TASK_LOSSES[task].join(", ")}`,
    );
  }
  if (task === "regression") return { outFeatures: targetWidth };
  if (loss === "bceWithLogits") return { outFeatures: 1 };
  if (loss === "bce") return { outFeatures: 1, outputActivation: "sigmoid" };
  if (loss === "nll") return { outFeatures: numClasses, outputActivation: "logSoftmax" };
  return { outFeatures: numClasses };
}
