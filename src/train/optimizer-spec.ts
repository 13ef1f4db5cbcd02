// Turn fit()'s `optimizer` option (a spec like { name: "adam", lr: 1e-3 } or an instance) into
// an optimizer over the model's parameters.
import { create as createOptimizer } from "../optim/index.js";
import type { Tensor } from "../tensor/tensor.js";

/** What fit() needs from an optimizer. */
export interface OptimizerLike {
  lr: number;
  /** Apply one update to every parameter with a gradient. */
  step(): void;
  /** Clear the parameters' gradients. */
  zeroGrad(): void;
  /** The optimizer's state as JSON-able data (for resume). */
  stateDict(): unknown;
  /** Restore state from `stateDict()` output. */
  loadStateDict(state: unknown): void;
}

/** An optimizer by name with its options, { name: "adam", lr: 1e-3 }: what `fit` builds itself. */
export interface OptimizerSpec {
  name: string;
  [option: string]: unknown;
}

function isOptimizer(o: unknown): o is OptimizerLike {
  return typeof (o as OptimizerLike | undefined)?.step === "function";
}

export function resolveOptimizer(
  spec: OptimizerSpec | OptimizerLike | undefined,
  params: Tensor[],
): OptimizerLike {
  if (isOptimizer(spec)) return spec;
  const { name, ...options } = spec ?? { name: "adam" };
  return createOptimizer(name, params, options) as unknown as OptimizerLike;
}
