// Built-in callbacks. The NaN/Inf guard is not a callback: fit() checks the loss and every
// gradient before each step and every weight after it (option terminateOnNaN, default true),
// which a callback cannot do. divergence() watches for a finite loss that blows up.
export { progress, formatDuration, formatLogs, type ProgressOptions } from "./progress.js";
export {
  earlyStopping,
  type EarlyStoppingOptions,
  type EarlyStoppingCallback,
  type EarlyStoppingState,
} from "./early-stopping.js";
export {
  modelCheckpoint,
  type ModelCheckpointOptions,
  type CheckpointInfo,
} from "./model-checkpoint.js";
export {
  reduceLROnPlateauCallback,
  reduceLROnPlateau,
  type ReduceLROnPlateauCallbackOptions,
} from "./reduce-lr-on-plateau.js";
export { type MonitorMode } from "./monitor.js";
export {
  divergence,
  type DivergenceOptions,
  type DivergenceReport,
  type DivergenceCallback,
} from "./divergence.js";
