// StepLR: multiply the lr by gamma every stepSize epochs, as torch.optim.lr_scheduler.StepLR.
import {
  LRScheduler,
  checkInt,
  checkNonNegative,
  scheduleOptions,
  type LrHolder,
} from "./scheduler.js";

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** Epochs between two reductions, an integer ≥ 1. */
  stepSize: number;
  /** Multiplier applied every stepSize epochs. Default 0.1. */
  gamma?: number;
}

/**
 * Recursive form (PyTorch's get_lr), e = lastEpoch:
 *   ηₑ = ηₑ₋₁·γ  if e > 0 and e mod stepSize = 0,  else ηₑ₋₁
 * Closed form when nothing else changes the lr:  ηₑ = η₀·γ^⌊e / stepSize⌋.  Default gamma 0.1.
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: LrHolder, options: StepLROptions);
  /** The older positional form, kept: `new StepLR(opt, 30, 0.1)`. */
  constructor(optimizer: LrHolder, stepSize: number, gamma?: number);
  constructor(optimizer: LrHolder, options: StepLROptions | number, gammaArg?: number) {
    super("StepLR", optimizer);
    const { stepSize, gamma = 0.1 } = scheduleOptions<StepLROptions>(
      "StepLR",
      options,
      "{ stepSize, gamma? }",
      () => ({ stepSize: options as number, gamma: gammaArg }),
    );
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

/** Factory: `optim.stepLR(opt, { stepSize: 30, gamma: 0.1 })` (the older `stepLR(opt, 30, 0.1)` works too). */
export function stepLR(optimizer: LrHolder, options: StepLROptions): StepLR;
export function stepLR(optimizer: LrHolder, stepSize: number, gamma?: number): StepLR;
export function stepLR(
  optimizer: LrHolder,
  options: StepLROptions | number,
  gamma?: number,
): StepLR {
  return typeof options === "number"
    ? new StepLR(optimizer, options, gamma)
    : new StepLR(optimizer, options);
}
