// Which loss and output layer fit a task, read from the losses/ descriptors: multiclass → C
// logits + crossEntropy, binary → one logit + bceWithLogits, regression → K values + mse; and
// which other loss names each task accepts.
import { ValueError } from "../errors.js";
import type { Task } from "../data/dataset.js";
import { LOSSES, lossDescriptor } from "../losses/all.js";
import type { LossName } from "./loss-by-name.js";

function lossesFor(task: Task): readonly LossName[] {
  const fitting = LOSSES.filter((d) => (d.tasks as readonly Task[]).includes(task));
  const first = fitting.filter((d) =>
    (d.defaultFor as readonly Task[] | undefined)?.includes(task),
  );
  return Object.freeze([...first, ...fitting.filter((d) => !first.includes(d))].map((d) => d.name));
}

/** Losses that make sense for each task (the targets they take: class indices, 0/1, or values); the default first. */
export const TASK_LOSSES: Record<Task, readonly LossName[]> = {
  multiclass: lossesFor("multiclass"),
  binary: lossesFor("binary"),
  regression: lossesFor("regression"),
};

/** The default loss: crossEntropy (multiclass), bceWithLogits (binary), mse (regression). */
export function defaultLoss(task: Task): LossName {
  return TASK_LOSSES[task][0];
}

/** The output layer a task and loss need: width of the last Linear and the activation after it. */
export interface Head {
  /** Width of the last Linear layer. */
  outFeatures: number;
  /** Activation after it: "sigmoid" for bce (probabilities), "logSoftmax" for nll. */
  outputActivation?: string;
}

/**
 * The output layer for a task and loss, from the loss's `head`: numClasses C (classification)
 * or targetWidth K (regression). bce/bceWithLogits → 1 output; crossEntropy/nll/multiMargin → C.
 * Throws ValueError for a loss that does not fit the task.
 */
export function headFor(task: Task, loss: LossName, numClasses: number, targetWidth = 1): Head {
  const head = lossDescriptor(loss)?.head;
  if (!TASK_LOSSES[task].includes(loss) || head === undefined) {
    throw new ValueError(
      `loss "${loss}" does not fit a ${task} task; use one of ${TASK_LOSSES[task].join(", ")}`,
    );
  }
  const widths = { one: 1, classes: numClasses, targets: targetWidth };
  const out: Head = { outFeatures: widths[head.outputs] };
  if (head.activation !== undefined) out.outputActivation = head.activation;
  return out;
}
