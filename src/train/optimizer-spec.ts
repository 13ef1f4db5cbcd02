// Turn fit()'s `optimizer` option (a spec like { name: "adam", lr: 1e-3 } or an instance) into
// an optimizer over the model's parameters.
import { create as createOptimizer } from "../optim/index.js";
import type { Tensor } from "../tensor/tensor.js";

/** What fit() needs from an optimizer. */
export interface OptimizerLike {
  lr: number;
  step(): void;
  zeroGrad(): void;
  stateDict(): unknown;
  loadStateDict(state: unknown): void;
}

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
