// Learning-rate schedules, sorted by increasing complexity.
export { LRScheduler, type LrHolder, type SchedulerStateDict } from "./scheduler.js";
export { StepLR, stepLR } from "./step-lr.js";
export { MultiStepLR, multiStepLR } from "./multi-step-lr.js";
export { ExponentialLR, exponentialLR } from "./exponential-lr.js";
export { CosineAnnealingLR, cosineAnnealingLR } from "./cosine-annealing-lr.js";
export { LinearLR, linearLR, type LinearLROptions } from "./linear-lr.js";
export { OneCycleLR, oneCycleLR, type OneCycleLROptions } from "./one-cycle-lr.js";
export {
  ReduceLROnPlateau,
  reduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type PlateauStateDict,
} from "./reduce-lr-on-plateau.js";
