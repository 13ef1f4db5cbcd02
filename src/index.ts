// Myelin's public API. The only barrel file: it re-exports, it does not implement.
/**
 * The browser-safe core: tensors and autodiff, layers, losses, optimizers, training, data and
 * model files as bytes. Import it as "myelin/browser" in a bundler; "myelin" in Node adds files.
 *
 * @module myelin/browser
 */
export { Tensor, type NestedArray, type TensorLike, type Axis } from "./tensor/tensor.js";
export {
  tensor,
  fromData,
  zeros,
  ones,
  full,
  zerosLike,
  onesLike,
  arange,
  linspace,
  eye,
  randn,
  rand,
  type CreateOptions,
  type RandomOptions,
} from "./tensor/create.js";
export type { Shape } from "./tensor/shape.js";
export type { DType, Storage } from "./tensor/dtype.js";
export { seed, Random, globalRandom, type RandomState } from "./tensor/random.js";
export * from "./ops/index.js";
export { noGrad, isGradEnabled } from "./autograd/no-grad.js";
export {
  setBackend,
  getBackend,
  listBackends,
  loadWasmBackend,
  hasWasmSimd,
  type LoadWasmOptions,
  type Backend,
  type BackendName,
  type FullBackend,
  type ActivationKind,
  type UnaryKind,
  type BinaryKind,
} from "./backend/index.js";
export {
  MyelinError,
  ShapeError,
  DTypeError,
  ValueError,
  IndexError,
  GradError,
  NonFiniteError,
} from "./errors.js";
export * as diagnostics from "./diagnostics/index.js";
export * as activations from "./activations/index.js";
export * as nn from "./nn/index.js";
export { Perceptron, type PerceptronInput, type PerceptronLabels } from "./nn/perceptron.js";
export * as losses from "./losses/index.js";
export * as optim from "./optim/index.js";
export * as regularization from "./regularization/index.js";
export * as train from "./train/index.js";
export * as data from "./data/index.js";
export * as io from "./io/public.js";
export * as worker from "./worker/index.js";
