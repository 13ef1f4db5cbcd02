// f and f′ of a library activation, sampled on an interval: f is the library's own function and f′
// comes from the library's autograd (backward through f), not from a hand-written derivative.
// Pure numbers; the explorer view (activation-explorer.ts) draws them.
import { activations, tensor } from "../../../src/index.js";

export interface ActivationCurve {
  x: number[];
  f: number[];
  /** df/dx by autograd; for softmax/logSoftmax, ∂f_k/∂x_k of output k with one other logit 0. */
  df: number[];
}

/**
 * Sample n points of [lo, hi]. Each x is fed as the row [x, 0] and output column 0 is kept: an
 * elementwise f gives f(x) and f′(x) there, and softmax/logSoftmax (vector → vector) give their
 * per-element function of the library's property table, f_k(x_k) with one other logit c = 0:
 *
 *   L = Σᵢ f(Xᵢ)₀    ⇒   ∂L/∂Xᵢ₀ = f′(xᵢ)   (rows are independent)
 */
export function activationCurve(name: string, lo = -5, hi = 5, n = 201): ActivationCurve {
  const fn = activations.get(name);
  const x = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const X = tensor(
    x.map((v) => [v, 0]),
    { dtype: "float64", requiresGrad: true },
  );
  const y = fn(X).slice(1, 0, 1);
  y.sum().backward();
  const f = Array.from(y.data as ArrayLike<number>);
  const g = X.grad!.data as ArrayLike<number>;
  return { x, f, df: x.map((_, i) => g[2 * i]) };
}
