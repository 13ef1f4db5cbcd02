// Built-in callbacks. The NaN/Inf guard is not a callback: fit() checks the loss and every
// gradient before each step (option terminateOnNaN, default true), which a callback cannot do.
export { progress, formatDuration, formatLogs, type ProgressOptions } from "./progress.js";
export {
  earlyStopping,
  type EarlyStoppingOptions,
  type EarlyStoppingCallback,
} from "./early-stopping.js";
export {
  modelCheckpoint,
  type ModelCheckpointOptions,
  type CheckpointInfo,
} from "./model-checkpoint.js";
export {
  reduceLROnPlateau,
  type ReduceLROnPlateauCallbackOptions,
} from "./reduce-lr-on-plateau.js";
export { type MonitorMode } from "./monitor.js";
