// The `activations` namespace: functional forms of every activation, erf/erfc, the descriptor
// rows, the registry of names derived from them and the property table. Re-exports only.
export { sigmoid, tanh, step, linear, identity } from "./classic.js";
export {
  relu,
  leakyRelu,
  prelu,
  PRELU_INIT,
  relu6,
  elu,
  celu,
  selu,
  SELU_ALPHA,
  SELU_SCALE,
  type LeakyReluOptions,
  type AlphaOptions,
} from "./rectifiers.js";
export {
  gelu,
  softplus,
  softsign,
  silu,
  swish,
  mish,
  type GeluOptions,
  type SoftplusOptions,
} from "./smooth.js";
export { hardSigmoid, hardTanh, hardSwish, HARD_SWISH_MIN, type HardTanhOptions } from "./hard.js";
export { softmax, logSoftmax } from "./softmax.js";
export { erf, erfc } from "./erf.js";
export {
  names,
  aliases,
  get,
  resolveName,
  descriptorOf,
  allActivations,
  type ActivationName,
  type AnyActivation,
} from "./registry.js";
export { ACTIVATIONS } from "./all.js";
export {
  defineActivation,
  type ActivationDescriptor,
  type ActivationOptions,
  type ActivationKernel,
  type ActivationRow,
} from "./descriptor.js";
export {
  properties,
  GELU_MIN,
  SILU_MIN,
  MISH_MIN,
  type ActivationProperties,
} from "./properties.js";
