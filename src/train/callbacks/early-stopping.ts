// earlyStopping(): stop when a monitored value has not improved for `patience` epochs,
// optionally restoring the weights of the best epoch.
import type { Tensor } from "../../tensor/tensor.js";
import type { Callback } from "../callback.js";
import { makeMonitor, type MonitorMode } from "./monitor.js";

export interface EarlyStoppingOptions {
  /** Logged value to watch (default "valLoss"; use "loss" without validation data). */
  monitor?: string;
  mode?: MonitorMode;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Smallest change that counts as improvement (default 0). */
  minDelta?: number;
  /** Put back the best epoch's weights when training ends (default false). */
  restoreBest?: boolean;
}

export interface EarlyStoppingCallback extends Callback {
  /** Epoch (0-based) with the best monitored value so far; -1 before the first. */
  readonly bestEpoch: number;
  /** Epoch at which training was stopped, or -1. */
  readonly stoppedEpoch: number;
}

export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStoppingCallback {
  const monitor = makeMonitor(
    options.monitor ?? "valLoss",
    options.mode ?? "auto",
    options.minDelta ?? 0,
    "earlyStopping",
  );
  const patience = options.patience ?? 0;
  let best = monitor.initial;
  let wait = 0;
  let bestWeights: Map<Tensor, Float32Array | Float64Array> | null = null;
  const state = { bestEpoch: -1, stoppedEpoch: -1 };
  return {
    get bestEpoch() {
      return state.bestEpoch;
    },
    get stoppedEpoch() {
      return state.stoppedEpoch;
    },
    onTrainBegin() {
      best = monitor.initial;
      wait = 0;
      state.bestEpoch = -1;
      state.stoppedEpoch = -1;
    },
    onEpochEnd(epoch, logs, ctx) {
      const value = monitor.read(logs);
      if (monitor.improves(value, best)) {
        best = value;
        wait = 0;
        state.bestEpoch = epoch;
        if (options.restoreBest) {
          bestWeights = new Map(
            Object.values(ctx.model.stateDict()).map((t) => [t, t.data.slice()]),
          );
        }
        return;
      }
      wait++;
      if (wait >= Math.max(patience, 1)) {
        state.stoppedEpoch = epoch;
        ctx.stopTraining = true;
      }
    },
    onTrainEnd() {
      if (bestWeights) for (const [t, data] of bestWeights) t.data.set(data);
    },
  };
}
