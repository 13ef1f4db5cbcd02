// fit()'s post-step weight guard: a copy of the weights taken when an epoch begins, the check of
// every weight after each optimizer step, and the way back to that copy when a weight is not
// finite. Not the loss/gradient guard (optim/non-finite.ts), which runs before the step.
import type { Module } from "../nn/module.js";
import { checkFiniteWeights, NonFiniteTrainingError } from "../optim/non-finite.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * The model's parameters and buffers, with a copy of their values that `capture()` refreshes
 * (into the same arrays: O(weights) per call, no allocation after the first) and `restore()`
 * writes back.
 */
export class WeightGuard {
  private readonly named: [string, Tensor][];
  private readonly saved: (Float32Array | Float64Array)[];
  private savedAtEpoch = 0;

  constructor(private readonly model: Module) {
    this.named = [...model.namedParameters(), ...model.namedBuffers()];
    this.saved = this.named.map(([, t]) => t.data.slice());
  }

  /** Remember the weights as they are when 0-based epoch `epoch` begins. */
  capture(epoch: number): void {
    this.named.forEach(([, t], k) => this.saved[k].set(t.data));
    this.savedAtEpoch = epoch;
  }

  /** The captured copy of `t` (one of the model's parameters or buffers), else undefined. */
  captured(t: Tensor): ArrayLike<number> | undefined {
    const k = this.named.findIndex(([, u]) => u === t);
    return k < 0 ? undefined : this.saved[k];
  }

  /** Write the captured copy back into the model's parameters and buffers. */
  restore(): void {
    this.named.forEach(([, t], k) => t.data.set(this.saved[k]));
  }

  /** The 0-based epoch at whose start the copy was taken. */
  get capturedAtEpoch(): number {
    return this.savedAtEpoch;
  }

  /**
   * After optimizer.step(): when a weight is not finite, put back the captured weights and throw
   * NonFiniteTrainingError (where "weight") naming the layer, element, value, epoch and batch
   * (1-based) and which weights the model now holds.
   */
  check(epoch: number, batch: number): void {
    const report = checkFiniteWeights(this.named);
    if (report === null) return;
    this.restore();
    report.layer = describeParameter(this.model, report.parameter!);
    report.epoch = epoch + 1;
    report.batch = batch + 1;
    const start = this.savedAtEpoch;
    const which = start === 0 ? "the initial weights" : `the end of epoch ${start}`;
    throw new NonFiniteTrainingError(
      report,
      `fit, epoch ${epoch + 1}, batch ${batch + 1}`,
      `the model holds the weights from the start of epoch ${start + 1} (${which})`,
    );
  }
}

/**
 * A dotted parameter name in words: "0.weight" of a Sequential → "layer 0 (Linear) weight";
 * "2.1.bias" → "layer 2.1 (Linear) bias"; a parameter of the model itself → "Linear weight".
 */
export function describeParameter(model: Module, name: string): string {
  const parts = name.split(".");
  const leaf = parts.pop()!;
  let owner: Module = model;
  for (const part of parts) {
    const child = owner.namedChildren().find(([n]) => n === part);
    if (child === undefined) return `parameter ${name}`;
    owner = child[1];
  }
  if (parts.length === 0) return `${owner.typeName} ${leaf}`;
  return `layer ${parts.join(".")} (${owner.typeName}) ${leaf}`;
}
