// The reduction step shared by every loss: "mean" | "sum" | "none" (PyTorch's `reduction`).
// Validation of the option lives here too, so every loss rejects an unknown value the same way.
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * How a loss reduces l_n: "mean" (1/N Σ l_n, the default), "sum" (Σ l_n) or "none" (l, unreduced).
 */
export type Reduction = "mean" | "sum" | "none";

/** Options every loss accepts. */
export interface ReductionOptions {
  /** "mean" (default): average of l_n · "sum": Σ l_n · "none": the unreduced l. */
  reduction?: Reduction;
}

/** Return `reduction` (default "mean") or throw ValueError if it is not one of `allowed`. */
export function checkReduction<R extends string = Reduction>(
  reduction: unknown,
  op: string,
  allowed: readonly R[] = ["mean", "sum", "none"] as unknown as readonly R[],
): R {
  const r = reduction ?? "mean";
  if (typeof r === "string" && (allowed as readonly string[]).includes(r)) return r as R;
  throw new ValueError(
    `${op}: reduction ${JSON.stringify(reduction)} is not one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
  );
}

/**
 * Apply a reduction to the unreduced loss l (any shape).
 *   "mean" → (1/n) Σ l  (n = l.size; over zero elements this is 0/0 = NaN, as in PyTorch)
 *   "sum"  → Σ l        (0 over zero elements)
 *   "none" → l unchanged
 * backward comes from autograd through sum and mul.
 */
export function reduce(l: Tensor, reduction: Reduction): Tensor {
  switch (reduction) {
    case "mean":
      return l.mean();
    case "sum":
      return l.sum();
    case "none":
      return l;
    default:
      return reduction satisfies never;
  }
}
