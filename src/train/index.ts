// The `train` namespace: fit / evaluate / predict, callbacks, metrics and the history.
export { fit, type FitOptions, type TrainingState, type Schedule } from "./fit.js";
export { captureStep, type CaptureStepOptions, type CapturedStep } from "./capture/capture-step.js";
export {
  predict,
  predictProba,
  evaluate,
  type EvaluateOptions,
  type PredictOptions,
} from "./predict.js";
export { History } from "./history.js";
export type { Callback, TrainContext, Logs } from "./callback.js";
export * from "./callbacks/index.js";
export * from "./metrics.js";
export {
  resolveLoss,
  LOSS_NAMES,
  outputKind,
  type LossName,
  type LossSpec,
  type LossFn,
} from "./loss-by-name.js";
export { type OptimizerSpec, type OptimizerLike } from "./optimizer-spec.js";
export { type XY } from "./batching.js";
export { mlp, type MlpOptions } from "./mlp.js";
export { TASK_LOSSES, defaultLoss, headFor, type Head } from "./task-head.js";
export {
  applyPreprocessing,
  predictWithMetadata,
  scoreWithMetadata,
  type Prediction,
  type Scores,
} from "./inference.js";
