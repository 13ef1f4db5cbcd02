// The kernel interface. A Backend does raw number crunching on typed arrays; it knows nothing
// about autograd or shapes beyond the sizes it is given. The pure-TypeScript backend (js/) is
// always available and is the oracle every other backend is tested against; faster backends
// (wasm/, threads) implement the same methods and must agree within float rounding.
import type { Storage } from "../tensor/dtype.js";

export type BackendName = "js" | "wasm";

export interface Backend {
  readonly name: BackendName;
  /**
   * C = op(A) · op(B), with op(X) = X or Xᵀ; C is overwritten.
   *   op(A): [m, k]   op(B): [k, n]   C: [m, n]   (row-major, contiguous)
   * A is stored [m, k] (or [k, m] when transA), B is [k, n] (or [n, k] when transB).
   * All three arrays have the same element type.
   */
  matmul(
    a: Storage,
    b: Storage,
    c: Storage,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
  ): void;
}
