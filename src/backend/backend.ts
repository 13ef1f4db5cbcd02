// The kernel interface. A Backend does raw number crunching on typed arrays; it knows nothing
// about autograd or shapes beyond the sizes it is given. The pure-TypeScript backend (js/) is
// always available and is the oracle every other backend is tested against; faster backends
// (wasm/, threads) implement the same methods and must agree within float rounding.
//
// Only matmul is required. The other kernels are optional so that a backend may implement a
// subset (the worker-thread backend has matmul only); the registry and createAutoBackend fill
// the missing ones from the js reference, so getBackend() always returns a FullBackend.
// Every kernel takes Float32Array or Float64Array operands of one element type, contiguous from
// index 0; `out` may be the same array as an input (in place) unless a method says otherwise.
import type { Storage } from "../tensor/dtype.js";

/** "native" is registered only by the Node entry (src/node/native), when its addon loads. */
export type BackendName = "js" | "wasm" | "native";

/** Activations of biasActivation: f(v) = v · max(0, v) · tanh v · 1/(1 + e^(−v)) · v or slope·v. */
export type ActivationKind = "identity" | "relu" | "tanh" | "sigmoid" | "leakyRelu";
/** Elementwise maps of unary: eˣ · tanh x · 1/(1 + e^(−x)) · max(0, x) (NaN stays NaN). */
export type UnaryKind = "exp" | "tanh" | "sigmoid" | "relu";
/** Same-shape arithmetic of binary: a + b · a − b · a·b · a / b. */
export type BinaryKind = "add" | "sub" | "mul" | "div";

/**
 * The kernel interface: raw number crunching on contiguous float32/float64 typed arrays, with
 * no autograd. Only matmul is required; missing kernels are filled from the js reference.
 */
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
  /**
   * out[r, c] = f(x[r, c] + bias[c]), the sum rounded to the element type before f;
   * bias null ⇒ f(x). slope is leakyRelu's negative slope (ignored by the others).
   *   x: [rows, cols]   bias: [cols] | null   →   out: [rows, cols]
   */
  biasActivation?(
    x: Storage,
    bias: Storage | null,
    out: Storage,
    rows: number,
    cols: number,
    act: ActivationKind,
    slope: number,
  ): void;
  /** out[i] = f(x[i]) for i < x.length (see UnaryKind). */
  unary?(kind: UnaryKind, x: Storage, out: Storage): void;
  /** out[i] = a[i] ∘ b[i] for i < out.length; a, b, out of one length (exact IEEE results). */
  binary?(kind: BinaryKind, a: Storage, b: Storage, out: Storage): void;
  /**
   * out[o, i] = Σ_k x[o, k, i]: the sum over the middle axis of x viewed as [outer, n, inner]
   * (inner = 1 sums rows, outer = 1 sums columns).   x: [outer, n, inner] → out: [outer, inner]
   * out must not overlap x.
   */
  sumAxis?(x: Storage, out: Storage, outer: number, n: number, inner: number): void;
  /**
   * out[r, c] = e^(x[r, c] − m_r) / Σ_k e^(x[r, k] − m_r),  m_r = max_k x[r, k]
   * (log-sum-exp shift: exp never overflows). A row holding NaN, +∞ or only −∞ gives NaN.
   */
  softmaxRows?(x: Storage, out: Storage, rows: number, cols: number): void;
  /** out[r, c] = x[r, c] − m_r − ln Σ_k e^(x[r, k] − m_r) (same shift and NaN rules as softmax). */
  logSoftmaxRows?(x: Storage, out: Storage, rows: number, cols: number): void;
  /**
   * Softmax cross-entropy per row from logits and class indices t_r ∈ [0, cols):
   *   loss[r] = −log softmax(x_r)[t_r] = m_r + ln Σ_k e^(x[r, k] − m_r) − x[r, t_r]
   *   grad[r, c] = softmax(x_r)[c] − [c = t_r]        (∂loss[r]/∂x[r, c]; skipped when null)
   *   x: [rows, cols]   targets: [rows]   →   loss: [rows]   grad: [rows, cols] | null
   * grad must not overlap x.
   */
  crossEntropyRows?(
    x: Storage,
    targets: Int32Array,
    loss: Storage,
    grad: Storage | null,
    rows: number,
    cols: number,
  ): void;
}

/** A backend with every kernel: what getBackend() returns. */
export type FullBackend = Required<Backend>;

/** The optional kernels' names (what completeBackend fills in from the js reference). */
export const KERNELS = [
  "biasActivation",
  "unary",
  "binary",
  "sumAxis",
  "softmaxRows",
  "logSoftmaxRows",
  "crossEntropyRows",
] as const satisfies readonly (keyof Backend)[];
export type KernelName = (typeof KERNELS)[number];
