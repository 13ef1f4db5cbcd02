// MultiStepLR: multiply the lr by gamma at each milestone epoch, as PyTorch's MultiStepLR.
import { LRScheduler, checkInt, checkNonNegative, type LrHolder } from "./scheduler.js";

/**
 * Recursive form, e = lastEpoch, k(e) = how many times e appears in milestones:
 *   ηₑ = ηₑ₋₁·γ^k(e)
 * Closed form when nothing else changes the lr:  ηₑ = η₀·γ^(number of milestones ≤ e).
 * Default gamma 0.1. Milestones are integers ≥ 1; repeats count repeatedly (as PyTorch's Counter).
 */
export class MultiStepLR extends LRScheduler {
  readonly milestones: readonly number[];
  readonly gamma: number;

  constructor(optimizer: LrHolder, milestones: readonly number[], gamma = 0.1) {
    super("MultiStepLR", optimizer);
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

/** Factory: `optim.multiStepLR(opt, [30, 80], 0.1)`. */
export function multiStepLR(
  optimizer: LrHolder,
  milestones: readonly number[],
  gamma = 0.1,
): MultiStepLR {
  return new MultiStepLR(optimizer, milestones, gamma);
}
