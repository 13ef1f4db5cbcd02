// CosineAnnealingLR: anneal the lr from its initial value to etaMin along half a cosine over
// tMax epochs (the annealing part of SGDR, no restarts), as PyTorch's CosineAnnealingLR.
import {
  LRScheduler,
  checkInt,
  checkNonNegative,
  scheduleOptions,
  type LrHolder,
} from "./scheduler.js";

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Epochs of the half cosine (the lr reaches etaMin at epoch tMax), an integer ≥ 1. */
  tMax: number;
  /** The lowest lr. Default 0. */
  etaMin?: number;
}

/**
 * Closed form (ηmax = initial lr, T = tMax):  ηₑ = ηmin + ½(ηmax − ηmin)(1 + cos(πe/T)).
 * Computed with PyTorch's recursion so sequences match it, also when something else changes lr:
 *   e = 0:                       ηₑ = ηₑ₋₁ (unchanged)
 *   (e − 1 − T) mod 2T = 0:      ηₑ = ηₑ₋₁ + ½(ηmax − ηmin)(1 − cos(π/T))
 *   otherwise:                   ηₑ = ηmin + (ηₑ₋₁ − ηmin)·(1 + cos(πe/T)) / (1 + cos(π(e − 1)/T))
 * Past T the lr rises again (the cosine continues), as in PyTorch. Default etaMin 0.
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: LrHolder, options: CosineAnnealingLROptions);
  /** The older positional form, kept: `new CosineAnnealingLR(opt, 100, 1e-5)`. */
  constructor(optimizer: LrHolder, tMax: number, etaMin?: number);
  constructor(optimizer: LrHolder, options: CosineAnnealingLROptions | number, etaMinArg?: number) {
    super("CosineAnnealingLR", optimizer);
    const { tMax, etaMin = 0 } = scheduleOptions<CosineAnnealingLROptions>(
      "CosineAnnealingLR",
      options,
      "{ tMax, etaMin? }",
      () => ({ tMax: options as number, etaMin: etaMinArg }),
    );
    checkInt("CosineAnnealingLR", "tMax", tMax, 1);
    checkNonNegative("CosineAnnealingLR", "etaMin", etaMin);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }

  protected computeLr(): number {
    const e = this.lastEpoch;
    const T = this.tMax;
    const lr = this.optimizer.lr;
    const etaMin = this.etaMin;
    if (e === 0) return lr;
    if ((e - 1 - T) % (2 * T) === 0) {
      return lr + ((this.baseLr - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    }
    return (
      ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) *
        (lr - etaMin) +
      etaMin
    );
  }

  protected config() {
    return { tMax: this.tMax, etaMin: this.etaMin };
  }
}

/**
 * Factory: `optim.cosineAnnealingLR(opt, { tMax: 100, etaMin: 1e-5 })` (the older
 * `cosineAnnealingLR(opt, 100, 1e-5)` works too).
 */
export function cosineAnnealingLR(
  optimizer: LrHolder,
  options: CosineAnnealingLROptions,
): CosineAnnealingLR;
export function cosineAnnealingLR(
  optimizer: LrHolder,
  tMax: number,
  etaMin?: number,
): CosineAnnealingLR;
export function cosineAnnealingLR(
  optimizer: LrHolder,
  options: CosineAnnealingLROptions | number,
  etaMin?: number,
): CosineAnnealingLR {
  return typeof options === "number"
    ? new CosineAnnealingLR(optimizer, options, etaMin)
    : new CosineAnnealingLR(optimizer, options);
}
