// ExponentialLR: multiply the lr by gamma every epoch, as PyTorch's ExponentialLR.
import { LRScheduler, checkNonNegative, type LrHolder } from "./scheduler.js";

/**
 * Recursive form:  ηₑ = ηₑ₋₁·γ for e > 0  (closed form η₀·γᵉ when nothing else changes the lr).
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: LrHolder, gamma: number) {
    super("ExponentialLR", optimizer);
    checkNonNegative("ExponentialLR", "gamma", gamma);
    this.gamma = gamma;
    this.initialStep();
  }

  protected computeLr(): number {
    return this.lastEpoch === 0 ? this.optimizer.lr : this.optimizer.lr * this.gamma;
  }

  protected config() {
    return { gamma: this.gamma };
  }
}

/** Factory: `optim.exponentialLR(opt, 0.95)`. */
export function exponentialLR(optimizer: LrHolder, gamma: number): ExponentialLR {
  return new ExponentialLR(optimizer, gamma);
}
