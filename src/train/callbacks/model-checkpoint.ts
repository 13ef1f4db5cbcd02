// modelCheckpoint(): save the model after an epoch — the best one so far (by a monitored
// value) or every N epochs. Saving goes through a function so the core stays free of file
// APIs; in Node, pass one that calls io.save (the CLI does).
import type { Module } from "../../nn/module.js";
import type { Callback, Logs } from "../callback.js";
import { makeMonitor, type MonitorMode } from "./monitor.js";

/** What `save` receives with the model: the epoch just finished and its logs. */
export interface CheckpointInfo {
  /** 0-based epoch just finished. */
  epoch: number;
  logs: Logs;
}

/** Options of {@link modelCheckpoint}: the save function, and when to call it. */
export interface ModelCheckpointOptions {
  /** Called with the model to keep; in Node, pass one that calls io.save (the CLI does). */
  save: (model: Module, info: CheckpointInfo) => void | Promise<void>;
  /** Save only when the monitored value improves (default true). */
  saveBestOnly?: boolean;
  /** With saveBestOnly false: save every N epochs (default 1). */
  every?: number;
  /** Logged value that decides "best" (default "valLoss"). */
  monitor?: string;
  /** Whether smaller or larger is better (default "auto": from the monitored name). */
  mode?: MonitorMode;
}

/** Save the model through `options.save` after an epoch: the best so far, or every N epochs. */
export function modelCheckpoint(options: ModelCheckpointOptions): Callback {
  const bestOnly = options.saveBestOnly ?? true;
  const every = options.every ?? 1;
  const monitor = makeMonitor(
    options.monitor ?? "valLoss",
    options.mode ?? "auto",
    0,
    "modelCheckpoint",
  );
  let best = monitor.initial;
  return {
    onTrainBegin() {
      best = monitor.initial;
    },
    async onEpochEnd(epoch, logs, ctx) {
      if (bestOnly) {
        const value = monitor.read(logs);
        if (!monitor.improves(value, best)) return;
        best = value;
      } else if ((epoch + 1) % every !== 0) {
        return;
      }
      await options.save(ctx.model, { epoch, logs });
    },
  };
}
