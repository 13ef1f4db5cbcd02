// Optimizers by name, for the training loop, the CLI and model files ({ name: "adam", lr: 1e-3 }).
// Holds only the name → constructor table; the update rules live one per file.
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { Adadelta } from "./adadelta.js";
import { Adagrad } from "./adagrad.js";
import { Adam } from "./adam.js";
import { Adamax } from "./adamax.js";
import { AdamW } from "./adamw.js";
import { NAdam } from "./nadam.js";
import type { Optimizer } from "./optimizer.js";
import { RAdam } from "./radam.js";
import { RMSprop } from "./rmsprop.js";
import { SGD } from "./sgd.js";

type Constructor = new (params: Iterable<Tensor>, options?: Record<string, unknown>) => Optimizer;

const OPTIMIZERS = new Map<string, Constructor>([
  ["sgd", SGD as Constructor],
  ["adam", Adam as Constructor],
  ["adamw", AdamW as Constructor],
  ["rmsprop", RMSprop as Constructor],
  ["adagrad", Adagrad as Constructor],
  ["adadelta", Adadelta as Constructor],
  ["adamax", Adamax as Constructor],
  ["nadam", NAdam as Constructor],
  ["radam", RAdam as Constructor],
]);

/** Valid names for `create`, in order of increasing complexity. */
export const OPTIMIZER_NAMES: readonly string[] = [...OPTIMIZERS.keys()];

/**
 * Build an optimizer by name (case-insensitive: "adam", "Adam", "AdamW", …) with the options of
 * that optimizer's factory. Unknown name → ValueError listing the valid names.
 *   optim.create("sgd", model.parameters(), { lr: 0.1, momentum: 0.9 })
 */
export function create(
  name: string,
  params: Iterable<Tensor>,
  options: Record<string, unknown> = {},
): Optimizer {
  const ctor = typeof name === "string" ? OPTIMIZERS.get(name.toLowerCase()) : undefined;
  if (ctor === undefined) {
    throw new ValueError(
      `optim.create: unknown optimizer ${JSON.stringify(name)}; valid names: ${OPTIMIZER_NAMES.join(", ")}`,
    );
  }
  return new ctor(params, options);
}
