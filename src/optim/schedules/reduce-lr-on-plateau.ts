// ReduceLROnPlateau: multiply the lr by `factor` when a metric (validation loss, accuracy) has not
// improved for `patience` steps, as PyTorch's ReduceLROnPlateau. Driven by step(metric), not time.
import { ValueError } from "../../errors.js";
import { decodeNumber, encodeNumber } from "../state-codec.js";
import { checkHeader, checkInt, checkNonNegative, type LrHolder } from "./scheduler.js";

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** "min": lower is better (loss, default); "max": higher is better (accuracy). */
  mode?: "min" | "max";
  /** new lr = lr·factor, factor in [0, 1). Default 0.1. */
  factor?: number;
  /** Steps without improvement tolerated before reducing. Default 10. */
  patience?: number;
  /** Minimum significant improvement. Default 1e-4. */
  threshold?: number;
  /** "rel" (default): relative to best; "abs": absolute. */
  thresholdMode?: "rel" | "abs";
  /** Steps to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the lr. Default 0. */
  minLr?: number;
  /** Reductions smaller than eps are skipped. Default 1e-8. */
  eps?: number;
}

/** Plain JSON data for resume. */
export interface PlateauStateDict {
  type: "ReduceLROnPlateau";
  config: Record<string, number | string>;
  lastEpoch: number;
  best: number | string;
  numBadEpochs: number;
  cooldownCounter: number;
  lastLr: number | string;
}

/**
 * On step(x), with best = the best metric so far (±∞ at first):
 *   improved  ⇔  min/rel: x < best·(1 − threshold)   min/abs: x < best − threshold
 *                max/rel: x > best·(1 + threshold)   max/abs: x > best + threshold
 *   improved → best = x, bad = 0;  otherwise bad += 1;  in cooldown: cooldown −= 1, bad = 0
 *   bad > patience → η ← max(η·factor, minLr) if that lowers η by more than eps; cooldown reset.
 * A NaN metric never improves (counts as bad), as in PyTorch.
 */
export class ReduceLROnPlateau {
  readonly typeName = "ReduceLROnPlateau";
  readonly optimizer: LrHolder;
  readonly options: Required<ReduceLROnPlateauOptions>;
  lastEpoch = 0;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private lastLr: number;

  constructor(optimizer: LrHolder, options: ReduceLROnPlateauOptions = {}) {
    const o: Required<ReduceLROnPlateauOptions> = {
      mode: "min",
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: "rel",
      cooldown: 0,
      minLr: 0,
      eps: 1e-8,
      ...options,
    };
    const W = "ReduceLROnPlateau";
    if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.lr !== "number") {
      throw new ValueError(`${W}: expected an optimizer with a numeric lr`);
    }
    if (o.mode !== "min" && o.mode !== "max") {
      throw new ValueError(`${W}: mode must be "min" or "max", got ${JSON.stringify(o.mode)}`);
    }
    if (o.thresholdMode !== "rel" && o.thresholdMode !== "abs") {
      throw new ValueError(
        `${W}: thresholdMode must be "rel" or "abs", got ${JSON.stringify(o.thresholdMode)}`,
      );
    }
    if (!(o.factor >= 0 && o.factor < 1)) {
      throw new ValueError(`${W}: factor must be in [0, 1), got ${o.factor}`);
    }
    checkInt(W, "patience", o.patience, 0);
    checkInt(W, "cooldown", o.cooldown, 0);
    checkNonNegative(W, "threshold", o.threshold);
    checkNonNegative(W, "minLr", o.minLr);
    checkNonNegative(W, "eps", o.eps);
    this.optimizer = optimizer;
    this.options = o;
    this.best = o.mode === "min" ? Infinity : -Infinity;
    this.lastLr = optimizer.lr;
  }

  private isBetter(x: number): boolean {
    const { mode, thresholdMode, threshold } = this.options;
    const best = this.best;
    if (mode === "min")
      return thresholdMode === "rel" ? x < best * (1 - threshold) : x < best - threshold;
    return thresholdMode === "rel" ? x > best * (1 + threshold) : x > best + threshold;
  }

  /** Record one metric value (call once per epoch, after validation). */
  step(metric: number): void {
    if (typeof metric !== "number") {
      throw new ValueError(`ReduceLROnPlateau.step: metric must be a number, got ${typeof metric}`);
    }
    this.lastEpoch += 1;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs during cooldown are ignored
    }
    if (this.numBadEpochs > this.options.patience) {
      const oldLr = this.optimizer.lr;
      const newLr = Math.max(oldLr * this.options.factor, this.options.minLr);
      if (oldLr - newLr > this.options.eps) this.optimizer.lr = newLr;
      this.cooldownCounter = this.options.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.lr;
  }

  /** The learning rate after the last step(metric). */
  getLastLr(): number {
    return this.lastLr;
  }

  /** Options, counters and best metric as plain JSON data, for a checkpoint. */
  stateDict(): PlateauStateDict {
    return {
      type: "ReduceLROnPlateau",
      config: { ...this.options },
      lastEpoch: this.lastEpoch,
      best: encodeNumber(this.best),
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastLr: encodeNumber(this.lastLr),
    };
  }

  /** Restore counters saved from a ReduceLROnPlateau with the same options (else ValueError). */
  loadStateDict(sd: unknown): void {
    const where = "ReduceLROnPlateau.loadStateDict";
    checkHeader(sd, this.typeName, { ...this.options }, where);
    const r = sd as Record<string, unknown>;
    const ints: number[] = [];
    for (const k of ["lastEpoch", "numBadEpochs", "cooldownCounter"]) {
      const v = r[k];
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
        throw new ValueError(`${where}: ${k} must be an integer ≥ 0, got ${JSON.stringify(v)}`);
      }
      ints.push(v);
    }
    const best = decodeNumber(r.best, `${where}: best`);
    const lastLr = decodeNumber(r.lastLr, `${where}: lastLr`);
    [this.lastEpoch, this.numBadEpochs, this.cooldownCounter] = ints;
    this.best = best;
    this.lastLr = lastLr;
  }
}

/** Factory: `optim.reduceLROnPlateau(opt, { patience: 5 })`, then `sched.step(valLoss)`. */
export function reduceLROnPlateau(
  optimizer: LrHolder,
  options: ReduceLROnPlateauOptions = {},
): ReduceLROnPlateau {
  return new ReduceLROnPlateau(optimizer, options);
}
