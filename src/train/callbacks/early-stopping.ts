// earlyStopping(): stop when a monitored value has not improved for `patience` epochs,
// optionally restoring the weights of the best epoch. Its state (best value, wait counter, best
// weights) is part of fit's TrainingState, so a resumed run stops where an uninterrupted one does.
import { ValueError } from "../../errors.js";
import { decodeNumber, encodeArray, type EncodedNumber } from "../../optim/state-codec.js";
import type { Callback, TrainContext } from "../callback.js";
import { makeMonitor, type MonitorMode } from "./monitor.js";

/** Options of {@link earlyStopping}. */
export interface EarlyStoppingOptions {
  /** Logged value to watch (default "valLoss"; use "loss" without validation data). */
  monitor?: string;
  /** Whether smaller or larger is better (default "auto": from the monitored name). */
  mode?: MonitorMode;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** Smallest change that counts as improvement (default 0). */
  minDelta?: number;
  /** Put back the best epoch's weights when training ends (default false). */
  restoreBest?: boolean;
}

/**
 * What a checkpoint keeps of the callback: JSON that survives a round trip bit for bit (weights as
 * arrays of encoded numbers, optim/state-codec.ts, by state-dict name).
 */
export interface EarlyStoppingState {
  /** Best monitored value so far; null before the first epoch. */
  best: EncodedNumber | null;
  /** Epochs since the best one. */
  wait: number;
  bestEpoch: number;
  stoppedEpoch: number;
  /** The best epoch's parameters and buffers (restoreBest only), else null. */
  bestWeights: Record<string, EncodedNumber[]> | null;
}

/** The callback {@link earlyStopping} returns, with its best epoch and value so far. */
export interface EarlyStoppingCallback extends Callback {
  /** Epoch (0-based) with the best monitored value so far; -1 before the first. */
  readonly bestEpoch: number;
  /** Best monitored value so far (NaN before the first epoch). */
  readonly best: number;
  /** Epoch at which training was stopped, or -1. */
  readonly stoppedEpoch: number;
  stateDict(): EarlyStoppingState;
  loadStateDict(state: unknown): void;
}

type Weights = Map<string, Float32Array | Float64Array>;

/** Stop when `monitor` has not improved by more than minDelta for `patience` epochs. */
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
  let bestWeights: Weights | null = null;
  let bestEpoch = -1;
  let stoppedEpoch = -1;
  let resumed = false; // loadStateDict ran: onTrainBegin keeps the state instead of resetting it
  const snapshot = (ctx: TrainContext): Weights =>
    new Map(Object.entries(ctx.model.stateDict()).map(([k, t]) => [k, t.data.slice()]));
  return {
    get bestEpoch() {
      return bestEpoch;
    },
    get best() {
      return bestEpoch < 0 ? NaN : best;
    },
    get stoppedEpoch() {
      return stoppedEpoch;
    },
    onTrainBegin(ctx) {
      if (resumed) {
        resumed = false;
        if (bestWeights) checkWeights(bestWeights, ctx);
        if (stoppedEpoch >= 0) ctx.stopTraining = true; // the saved run had already stopped
        return;
      }
      best = monitor.initial;
      wait = 0;
      bestWeights = null;
      bestEpoch = -1;
      stoppedEpoch = -1;
    },
    onEpochEnd(epoch, logs, ctx) {
      const value = monitor.read(logs);
      if (monitor.improves(value, best)) {
        best = value;
        wait = 0;
        bestEpoch = epoch;
        if (options.restoreBest) bestWeights = snapshot(ctx);
        return;
      }
      wait++;
      if (wait >= Math.max(patience, 1)) {
        stoppedEpoch = epoch;
        ctx.stopTraining = true;
      }
    },
    onTrainEnd(ctx) {
      if (!bestWeights) return;
      const current = ctx.model.stateDict();
      for (const [name, data] of bestWeights) current[name].data.set(data);
    },
    stateDict() {
      const weights =
        bestWeights && Object.fromEntries([...bestWeights].map(([k, d]) => [k, encodeArray(d)]));
      const bestValue = bestEpoch < 0 ? null : encodeArray([best])[0];
      return { best: bestValue, wait, bestEpoch, stoppedEpoch, bestWeights: weights };
    },
    loadStateDict(state) {
      const s = checkState(state);
      best = s.best === null ? monitor.initial : decodeNumber(s.best, "earlyStopping best");
      wait = s.wait;
      bestEpoch = s.bestEpoch;
      stoppedEpoch = s.stoppedEpoch;
      bestWeights = s.bestWeights
        ? new Map(
            Object.entries(s.bestWeights).map(([k, v]) => [
              k,
              Float64Array.from(v, (x, i) =>
                decodeNumber(x, `earlyStopping bestWeights.${k}[${i}]`),
              ),
            ]),
          )
        : null;
      resumed = true;
    },
  };
}

/** `state` as an EarlyStoppingState, or ValueError naming the first field that is not. */
function checkState(state: unknown): EarlyStoppingState {
  const fail = (what: string): never => {
    throw new ValueError(`earlyStopping.loadStateDict: ${what}`);
  };
  if (typeof state !== "object" || state === null) return fail("the state must be an object");
  const s = state as Record<string, unknown>;
  const isInt = (v: unknown, min: number): boolean =>
    typeof v === "number" && Number.isSafeInteger(v) && v >= min;
  if (s.best !== null) decodeNumber(s.best, "earlyStopping.loadStateDict: best");
  if (!isInt(s.wait, 0)) fail("wait must be an integer ≥ 0");
  if (!isInt(s.bestEpoch, -1)) fail("bestEpoch must be an integer ≥ −1");
  if (!isInt(s.stoppedEpoch, -1)) fail("stoppedEpoch must be an integer ≥ −1");
  const w = s.bestWeights;
  if (w !== null) {
    if (typeof w !== "object" || Array.isArray(w) || w === undefined) {
      fail("bestWeights must be an object of number arrays or null");
    }
    for (const [k, v] of Object.entries(w as object)) {
      if (!Array.isArray(v)) fail(`bestWeights[${JSON.stringify(k)}] must be an array of numbers`);
    }
  }
  return s as unknown as EarlyStoppingState;
}

/** The saved best weights must name exactly the model's tensors, with their sizes. */
function checkWeights(weights: Weights, ctx: TrainContext): void {
  const current = ctx.model.stateDict();
  const names = Object.keys(current);
  const same =
    names.length === weights.size &&
    names.every((k) => weights.get(k)?.length === current[k].data.length);
  if (!same) {
    throw new ValueError(
      `earlyStopping: the saved best weights (${[...weights.keys()].join(", ")}) do not fit this model (${names.join(", ")})`,
    );
  }
}
