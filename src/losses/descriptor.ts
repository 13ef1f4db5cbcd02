// What `fit`, predict and the CLI need to know about a loss, declared beside the loss itself:
// the function with its defaults, the target it takes, what the model outputs for it, the tasks
// it fits and the output layer it wants. all.ts lists the descriptors; nothing else keeps names.
import type { Tensor } from "../tensor/tensor.js";

/** The tasks of train/fit (the same strings as data's Task). */
/** A task a loss fits: several classes, two classes, or numeric targets. */
export type LossTask = "multiclass" | "binary" | "regression";

/** One loss as data: its name, function, target kind, the tasks it fits and the head it needs. */
export interface LossDescriptor<N extends string = string> {
  /** The name `fit({ loss })`, model files and the CLI use ("crossEntropy"). */
  readonly name: N;
  /** The loss with PyTorch's defaults: (output, target) → scalar (mean reduction). */
  readonly fn: (output: Tensor, target: Tensor) => Tensor;
  /**
   * "class-index": target [N] of class indices, passed as it is.
   * "same-shape": target of the output's shape; fit reshapes y when only the shape differs
   * (y [N] for an output [N, 1]).
   */
  readonly target: "class-index" | "same-shape";
  /**
   * What the model's raw output means: "logits" (predictions need softmax/sigmoid),
   * "probabilities" (bce: σ already applied; nll: log-probabilities), or plain "values".
   */
  readonly output: "logits" | "probabilities" | "values";
  /** Tasks it fits, [] when it is usable by name only (margin: ±1 targets). */
  readonly tasks: readonly LossTask[];
  /** Tasks whose default loss it is (crossEntropy: multiclass). */
  readonly defaultFor?: readonly LossTask[];
  /**
   * The output layer for a task it fits: the last Linear's width — "one" unit, one per class
   * ("classes", C) or one per regression target ("targets", K) — and the activation after it.
   */
  readonly head?: { readonly outputs: "one" | "classes" | "targets"; readonly activation?: string };
}

/** Freeze a descriptor, keeping its literal name for the LossName union. */
export function defineLoss<N extends string>(descriptor: LossDescriptor<N>): LossDescriptor<N> {
  return Object.freeze({ ...descriptor });
}
