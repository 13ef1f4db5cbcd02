// Activations by name, derived from the rows of all.ts: the canonical list, aliases, and lookup
// of a row or of the function with its PyTorch defaults (for the CLI's --activation flag, the
// playground and model files).
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { ACTIVATIONS } from "./all.js";
import type { ActivationDescriptor, ActivationOptions } from "./descriptor.js";

/** The name of a built-in activation ("relu", "tanh", …): the names in ACTIVATIONS. */
export type ActivationName = (typeof ACTIVATIONS)[number]["name"];

/** Any row, its options type forgotten (consumers pass options they got from the row). */
export type AnyActivation = ActivationDescriptor<ActivationName, ActivationOptions>;

/** Every activation, by its canonical name. */
export const names: readonly ActivationName[] = Object.freeze(ACTIVATIONS.map((row) => row.name));

/** Other accepted spellings → canonical name. */
export const aliases: Readonly<Record<string, ActivationName>> = Object.freeze(
  Object.fromEntries(
    ACTIVATIONS.flatMap((row) => row.aliases.map((alias) => [alias, row.name] as const)),
  ),
);

const BY_NAME = new Map<string, AnyActivation>(
  ACTIVATIONS.map((row) => [row.name, row as unknown as AnyActivation]),
);

/** Canonical name for `name` (or an alias); throws ValueError listing the valid names. */
export function resolveName(name: string): ActivationName {
  if (BY_NAME.has(name)) return name as ActivationName;
  if (Object.prototype.hasOwnProperty.call(aliases, name)) return aliases[name];
  throw new ValueError(
    `unknown activation "${String(name)}"; expected one of ${names.join(", ")} (or ${Object.keys(aliases).join(", ")})`,
  );
}

/** The row of activation `name` (canonical or alias); throws ValueError for an unknown name. */
export function descriptorOf(name: string): AnyActivation {
  return BY_NAME.get(resolveName(name))!;
}

/** Every row, its options type forgotten. */
export function allActivations(): readonly AnyActivation[] {
  return [...BY_NAME.values()];
}

/** The activation function `name` with PyTorch's default arguments (softmax: last axis). */
export function get(name: string): (x: Tensor) => Tensor {
  return descriptorOf(name).fn;
}
