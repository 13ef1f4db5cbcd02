// ExponentialLR: multiply the lr by gamma every epoch, as PyTorch's ExponentialLR.
import { LRScheduler, checkNonNegative, scheduleOptions, type LrHolder } from "./scheduler.js";

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** Multiplier applied every epoch. */
  gamma: number;
}

/**
 * Recursive form:  ηₑ = ηₑ₋₁·γ for e > 0  (closed form η₀·γᵉ when nothing else changes the lr).
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: LrHolder, options: ExponentialLROptions | number) {
    super("ExponentialLR", optimizer);
    const { gamma } = scheduleOptions<ExponentialLROptions>(
      "ExponentialLR",
      options,
      "{ gamma }",
      () => ({ gamma: options as number }),
    );
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

/** Factory: `optim.exponentialLR(opt, { gamma: 0.95 })` (the older `exponentialLR(opt, 0.95)` works too). */
export function exponentialLR(
  optimizer: LrHolder,
  options: ExponentialLROptions | number,
): ExponentialLR {
  return new ExponentialLR(optimizer, options);
}
