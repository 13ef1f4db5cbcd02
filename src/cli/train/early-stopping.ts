// Early stopping for `myelin train`: on by default whenever there is a validation set, watching
// the validation loss with --patience and restoring the best epoch's weights (train.earlyStopping
// with restoreBest; its state is in every checkpoint, so --resume stays exact). This file decides
// whether it runs and says what it did; the rule itself is the library's.
import { train } from "../../node/index.js";
import { fmt } from "../output.js";
import { PATIENCE, type TrainConfig } from "./flags.js";
import type { Split } from "./split.js";

/** The patience this run uses, or null when early stopping is off (flag, or no validation set). */
export function earlyStoppingPatience(
  config: Pick<TrainConfig, "patience" | "no-early-stopping">,
  split: Pick<Split, "val">,
): number | null {
  if (config["no-early-stopping"] === true || split.val === undefined) return null;
  return config.patience ?? PATIENCE;
}

/** What early stopping did, for the summary, the model file and the report. */
export interface EarlyStoppingOutcome {
  [key: string]: number | boolean | string;
  monitor: "valLoss";
  patience: number;
  /** The epoch whose weights were kept (1-based). */
  keptEpoch: number;
  /** Its validation loss. */
  bestValLoss: number;
  epochsRun: number;
  /** Whether training ended because `patience` epochs passed without improvement. */
  stoppedEarly: boolean;
}

/** The library callback for this run. */
export function earlyStoppingCallback(patience: number): train.EarlyStoppingCallback {
  return train.earlyStopping({ monitor: "valLoss", patience, restoreBest: true });
}

/** After fit: what the callback kept, or undefined when no epoch was scored. */
export function earlyStoppingOutcome(
  cb: train.EarlyStoppingCallback,
  patience: number,
  epochsRun: number,
): EarlyStoppingOutcome | undefined {
  if (cb.bestEpoch < 0) return undefined;
  return {
    monitor: "valLoss",
    patience,
    keptEpoch: cb.bestEpoch + 1,
    bestValLoss: cb.best,
    epochsRun,
    stoppedEarly: cb.stoppedEpoch >= 0,
  };
}

/** "kept epoch 37 of 58 (best validation loss 0.0810); stopped early after 20 epochs without improvement". */
export function earlyStoppingText(o: EarlyStoppingOutcome): string {
  const kept = `kept epoch ${o.keptEpoch} of ${o.epochsRun} (best validation loss ${fmt(o.bestValLoss)})`;
  if (o.stoppedEarly) {
    return `${kept}; stopped early after ${o.patience} epochs without improvement`;
  }
  return `${kept}; ran every epoch`;
}
