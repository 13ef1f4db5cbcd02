// Activations by name: the canonical list, aliases, and lookup of the function with its
// PyTorch defaults (for the CLI's --activation flag, the playground and model files).
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { linear, sigmoid, step, tanh } from "./classic.js";
import { hardSigmoid, hardTanh } from "./hard.js";
import { elu, leakyRelu, relu, relu6, selu } from "./rectifiers.js";
import { gelu, mish, silu, softplus, softsign } from "./smooth.js";
import { logSoftmax, softmax } from "./softmax.js";

/** Every activation, by its canonical name. */
export const names = [
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "elu",
  "selu",
  "gelu",
  "softplus",
  "softsign",
  "silu",
  "mish",
  "hardSigmoid",
  "hardTanh",
  "relu6",
  "step",
  "linear",
  "softmax",
  "logSoftmax",
] as const;

export type ActivationName = (typeof names)[number];

/** Other accepted spellings → canonical name. */
export const aliases: Readonly<Record<string, ActivationName>> = Object.freeze({
  swish: "silu",
  identity: "linear",
});

const FUNCTIONS: Record<ActivationName, (x: Tensor) => Tensor> = {
  sigmoid,
  tanh,
  relu,
  leakyRelu: (x) => leakyRelu(x),
  elu: (x) => elu(x),
  selu,
  gelu: (x) => gelu(x),
  softplus: (x) => softplus(x),
  softsign,
  silu,
  mish,
  hardSigmoid,
  hardTanh: (x) => hardTanh(x),
  relu6,
  step,
  linear,
  softmax: (x) => softmax(x),
  logSoftmax: (x) => logSoftmax(x),
};

/** Canonical name for `name` (or an alias); throws ValueError listing the valid names. */
export function resolveName(name: string): ActivationName {
  if (Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) return name as ActivationName;
  if (Object.prototype.hasOwnProperty.call(aliases, name)) return aliases[name];
  throw new ValueError(
    `unknown activation "${String(name)}"; expected one of ${names.join(", ")} (or ${Object.keys(aliases).join(", ")})`,
  );
}

/** The activation function `name` with PyTorch's default arguments (softmax: last axis). */
export function get(name: string): (x: Tensor) => Tensor {
  return FUNCTIONS[resolveName(name)];
}
