// LinearLR: scale the lr by a factor that moves linearly from startFactor to endFactor over
// totalIters epochs (learning-rate warm-up), as PyTorch's LinearLR.
import { ValueError } from "../../errors.js";
import { LRScheduler, checkInt, type LrHolder } from "./scheduler.js";

/** Options of {@link LinearLR}. */
export interface LinearLROptions {
  /** Factor at epoch 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor from epoch totalIters on, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Epochs to go from startFactor to endFactor. Default 5. */
  totalIters?: number;
}

/**
 * Closed form (s = startFactor, f = endFactor, N = totalIters):  ηₑ = η₀·(s + (f − s)·min(e, N)/N).
 * Computed with PyTorch's recursion so sequences match it:
 *   e = 0:      ηₑ = ηₑ₋₁·s
 *   e > N:      ηₑ = ηₑ₋₁
 *   otherwise:  ηₑ = ηₑ₋₁·(1 + (f − s) / (N·s + (e − 1)(f − s)))
 */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: LrHolder, options: LinearLROptions = {}) {
    super("LinearLR", optimizer);
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5 } = options;
    if (!(startFactor > 0 && startFactor <= 1)) {
      throw new ValueError(`LinearLR: startFactor must be in (0, 1], got ${startFactor}`);
    }
    if (!(endFactor >= 0 && endFactor <= 1)) {
      throw new ValueError(`LinearLR: endFactor must be in [0, 1], got ${endFactor}`);
    }
    checkInt("LinearLR", "totalIters", totalIters, 1);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected computeLr(): number {
    const e = this.lastEpoch;
    const lr = this.optimizer.lr;
    const s = this.startFactor;
    const f = this.endFactor;
    if (e === 0) return lr * s;
    if (e > this.totalIters) return lr;
    return lr * (1 + (f - s) / (this.totalIters * s + (e - 1) * (f - s)));
  }

  protected config() {
    return {
      startFactor: this.startFactor,
      endFactor: this.endFactor,
      totalIters: this.totalIters,
    };
  }
}

/** Factory: `optim.linearLR(opt, { startFactor: 0.1, totalIters: 10 })`. */
export function linearLR(optimizer: LrHolder, options: LinearLROptions = {}): LinearLR {
  return new LinearLR(optimizer, options);
}
