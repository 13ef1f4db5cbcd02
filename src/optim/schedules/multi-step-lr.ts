// MultiStepLR: multiply the lr by gamma at each milestone epoch, as PyTorch's MultiStepLR.
import { ValueError } from "../../errors.js";
import {
  LRScheduler,
  checkInt,
  checkNonNegative,
  scheduleOptions,
  type LrHolder,
} from "./scheduler.js";

/** Options of {@link MultiStepLR}. */
export interface MultiStepLROptions {
  /** Epochs at which the lr is multiplied by gamma, integers ≥ 1. */
  milestones: readonly number[];
  /** Multiplier at each milestone. Default 0.1. */
  gamma?: number;
}

/**
 * Recursive form, e = lastEpoch, k(e) = how many times e appears in milestones:
 *   ηₑ = ηₑ₋₁·γ^k(e)
 * Closed form when nothing else changes the lr:  ηₑ = η₀·γ^(number of milestones ≤ e).
 * Default gamma 0.1. Milestones are integers ≥ 1; repeats count repeatedly (as PyTorch's Counter).
 */
export class MultiStepLR extends LRScheduler {
  readonly milestones: readonly number[];
  readonly gamma: number;

  constructor(optimizer: LrHolder, options: MultiStepLROptions);
  /** The older positional form, kept: `new MultiStepLR(opt, [30, 80], 0.1)`. */
  constructor(optimizer: LrHolder, milestones: readonly number[], gamma?: number);
  constructor(
    optimizer: LrHolder,
    options: MultiStepLROptions | readonly number[],
    gammaArg?: number,
  ) {
    super("MultiStepLR", optimizer);
    const { milestones, gamma = 0.1 } = scheduleOptions<MultiStepLROptions>(
      "MultiStepLR",
      options,
      "{ milestones, gamma? }",
      () => ({ milestones: options as readonly number[], gamma: gammaArg }),
    );
    if (!Array.isArray(milestones)) {
      throw new ValueError(`MultiStepLR: milestones must be an array of integers ≥ 1`);
    }
    milestones.forEach((m, i) => checkInt("MultiStepLR", `milestones[${i}]`, m, 1));
    checkNonNegative("MultiStepLR", "gamma", gamma);
    this.milestones = [...milestones].sort((a, b) => a - b);
    this.gamma = gamma;
    this.initialStep();
  }

  protected computeLr(): number {
    const k = this.milestones.filter((m) => m === this.lastEpoch).length;
    return k === 0 ? this.optimizer.lr : this.optimizer.lr * this.gamma ** k;
  }

  protected config() {
    return { milestones: this.milestones, gamma: this.gamma };
  }
}

/**
 * Factory: `optim.multiStepLR(opt, { milestones: [30, 80], gamma: 0.1 })` (the older
 * `multiStepLR(opt, [30, 80], 0.1)` works too).
 */
export function multiStepLR(optimizer: LrHolder, options: MultiStepLROptions): MultiStepLR;
export function multiStepLR(
  optimizer: LrHolder,
  milestones: readonly number[],
  gamma?: number,
): MultiStepLR;
export function multiStepLR(
  optimizer: LrHolder,
  options: MultiStepLROptions | readonly number[],
  gamma?: number,
): MultiStepLR {
  return Array.isArray(options)
    ? new MultiStepLR(optimizer, options as readonly number[], gamma)
    : new MultiStepLR(optimizer, options as MultiStepLROptions);
}
