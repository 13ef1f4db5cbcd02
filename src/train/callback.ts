// The callback interface: small hooks the training loop calls at fixed points. Implement any
// subset; a hook may be async. Set `ctx.stopTraining = true` to end training after this epoch.
import type { Module } from "../nn/module.js";
import type { History } from "./history.js";

/** Flat per-epoch numbers: loss, metrics, their "val" twins (valLoss, valAccuracy) and lr. */
export type Logs = Record<string, number>;

/** What a callback can see and steer. */
export interface TrainContext {
  /** The model being trained. */
  model: Module;
  /** The optimizer; `lr` may be changed (reduce-on-plateau does). */
  optimizer: { lr: number };
  /** Total epochs of the run. */
  epochs: number;
  /** Optimizer steps per epoch. */
  batchesPerEpoch: number;
  /** The logs of the epochs finished so far. */
  history: History;
  /** Set to true to stop after the current epoch. */
  stopTraining: boolean;
}

/**
 * Hooks `fit` calls at fixed points of training; implement any subset, each may be async.
 * Set `ctx.stopTraining = true` to end training after the current epoch.
 */
export interface Callback {
  /** Before the first epoch (after a resume: before the first epoch still to run). */
  onTrainBegin?(ctx: TrainContext): void | Promise<void>;
  /** Before each epoch (0-based). */
  onEpochBegin?(epoch: number, ctx: TrainContext): void | Promise<void>;
  /** After each optimizer step: batch index within the epoch and that batch's loss. */
  onBatchEnd?(batch: number, logs: { loss: number }, ctx: TrainContext): void | Promise<void>;
  /** After each epoch (0-based) with train and validation logs. */
  onEpochEnd?(epoch: number, logs: Logs, ctx: TrainContext): void | Promise<void>;
  /** After the last epoch, or after the epoch in which training was stopped. */
  onTrainEnd?(ctx: TrainContext): void | Promise<void>;
  /**
   * A callback whose state steers the run (earlyStopping: best value, wait, best weights) returns
   * it here, as JSON-able data; fit puts it into every TrainingState (`callbacks`).
   */
  stateDict?(): unknown;
  /** Take back stateDict()'s value when fit resumes; called before onTrainBegin. */
  loadStateDict?(state: unknown): void;
}
