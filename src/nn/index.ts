// The `nn` namespace: the Module base, layers, activation layers, initialisers and the registry
// that model files use to rebuild architectures.
export { Module, type StateDict } from "./module.js";
export { summary } from "./summary.js";
export { Linear, type LinearOptions } from "./linear.js";
export { BatchNorm1d, type BatchNormOptions } from "./batch-norm.js";
export { Dropout, type DropoutOptions } from "./dropout.js";
export { Sequential } from "./sequential.js";
export { linear, dense, batchNorm1d, dropout, sequential } from "./layers.js";
export * from "./activations.js";
export * as init from "./init.js";
export {
  INIT_NAMES,
  INIT_ALIASES,
  canonicalInit,
  initSpellings,
  initializeByName,
  linearsOf,
  type InitName,
} from "./init-by-name.js";
export {
  Perceptron,
  type PerceptronOptions,
  type PerceptronFitOptions,
  type PerceptronFitResult,
} from "./perceptron.js";
export {
  describeModule,
  buildModule,
  registerLayer,
  unregisterLayer,
  layerTypes,
  LAYER_TYPES,
  type LayerDescription,
  type BuildOptions,
} from "./registry.js";
export { type LayerClass } from "./module.js";
export { readCount, readNumber, readBoolean, type LayerConfig } from "./config.js";
