// StepLR: multiply the lr by gamma every stepSize epochs, as torch.optim.lr_scheduler.StepLR.
import { LRScheduler, checkInt, checkNonNegative, type LrHolder } from "./scheduler.js";

/**
 * Recursive form (PyTorch's get_lr), e = lastEpoch:
 *   ηₑ = ηₑ₋₁·γ  if e > 0 and e mod stepSize = 0,  else ηₑ₋₁
 * Closed form when nothing else changes the lr:  ηₑ = η₀·γ^⌊e / stepSize⌋.  Default gamma 0.1.
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: LrHolder, stepSize: number, gamma = 0.1) {
    super("StepLR", optimizer);
    checkInt("StepLR", "stepSize", stepSize, 1);
    checkNonNegative("StepLR", "gamma", gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }

  protected computeLr(): number {
    const e = this.lastEpoch;
    const lr = this.optimizer.lr;
    return e === 0 || e % this.stepSize !== 0 ? lr : lr * this.gamma;
  }

  protected config() {
    return { stepSize: this.stepSize, gamma: this.gamma };
  }
}

/** Factory: `optim.stepLR(opt, 30, 0.1)`. */
export function stepLR(optimizer: LrHolder, stepSize: number, gamma = 0.1): StepLR {
  return new StepLR(optimizer, stepSize, gamma);
}
