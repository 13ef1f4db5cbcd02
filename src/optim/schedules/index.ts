// Learning-rate schedules, sorted by increasing complexity.
export {
  LRScheduler,
  type LrHolder,
  type SchedulerStateDict,
  type ScheduleConfigValue,
} from "./scheduler.js";
export { StepLR, stepLR, type StepLROptions } from "./step-lr.js";
export { MultiStepLR, multiStepLR, type MultiStepLROptions } from "./multi-step-lr.js";
export { ExponentialLR, exponentialLR, type ExponentialLROptions } from "./exponential-lr.js";
export {
  CosineAnnealingLR,
  cosineAnnealingLR,
  type CosineAnnealingLROptions,
} from "./cosine-annealing-lr.js";
export { LinearLR, linearLR, type LinearLROptions } from "./linear-lr.js";
export {
  OneCycleLR,
  oneCycleLR,
  type OneCycleLROptions,
  type OneCycleLRSettings,
} from "./one-cycle-lr.js";
export {
  ReduceLROnPlateau,
  reduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type PlateauStateDict,
} from "./reduce-lr-on-plateau.js";
