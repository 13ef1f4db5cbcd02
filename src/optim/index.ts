// The `optim` namespace: optimizers (sorted by increasing complexity), creation by name,
// learning-rate schedules, gradient clipping and the NaN/Inf guard.
export {
  Optimizer,
  type ParamState,
  type OptimizerStateDict,
  type SerializedParamState,
} from "./optimizer.js";
export type { Hyper, HyperValue } from "./validate.js";
export type { EncodedNumber } from "./state-codec.js";
export { SGD, sgd, type SGDOptions } from "./sgd.js";
export { Adam, adam, type AdamOptions } from "./adam.js";
export { AdamW, adamw, type AdamWOptions } from "./adamw.js";
export { RMSprop, rmsprop, type RMSpropOptions } from "./rmsprop.js";
export { Adagrad, adagrad, type AdagradOptions } from "./adagrad.js";
export { Adadelta, adadelta, type AdadeltaOptions } from "./adadelta.js";
export { Adamax, adamax, type AdamaxOptions } from "./adamax.js";
export { NAdam, nadam, type NAdamOptions } from "./nadam.js";
export { RAdam, radam, type RAdamOptions } from "./radam.js";
export { create, OPTIMIZER_NAMES } from "./create.js";
export * from "./schedules/index.js";
export { clipGradNorm, clipGradValue, type ClipGradNormOptions } from "./clip.js";
export {
  checkFinite,
  checkFiniteWeights,
  assertFinite,
  guardedStep,
  NonFiniteTrainingError,
  type NonFiniteReport,
} from "./non-finite.js";
