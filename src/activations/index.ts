// The `activations` namespace: functional forms of every activation, erf/erfc, the registry of
// names and the property table. Re-exports only.
export { sigmoid, tanh, step, linear, identity } from "./classic.js";
export { relu, leakyRelu, relu6, elu, selu, SELU_ALPHA, SELU_SCALE } from "./rectifiers.js";
export { gelu, softplus, softsign, silu, swish, mish } from "./smooth.js";
export { hardSigmoid, hardTanh } from "./hard.js";
export { softmax, logSoftmax } from "./softmax.js";
export { erf, erfc } from "./erf.js";
export { names, aliases, get, resolveName, type ActivationName } from "./registry.js";
export {
  properties,
  GELU_MIN,
  SILU_MIN,
  MISH_MIN,
  type ActivationProperties,
} from "./properties.js";
