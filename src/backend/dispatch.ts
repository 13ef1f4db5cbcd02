// The one door to the kernels. Every op that loops over numbers calls a function of this module,
// and this module alone decides, per kernel and per size, whether the js reference loops run or
// the active backend's kernel does. Below a kernel's threshold the js loops win (no copies into
// wasm memory, no call overhead); at and above it the backend does. Thresholds are per backend
// name (THRESHOLDS); a backend without a row — a future "native" one before it is measured —
// runs every call. The js backend runs everything itself.
//
// Not here: which backend is active (registry.ts), the kernels themselves (js/, wasm/), the
// autograd side of an op (src/ops/).
import type { Storage } from "../tensor/dtype.js";
import type { ActivationKind, BackendName, BinaryKind, FullBackend, UnaryKind } from "./backend.js";
import { activateRange, activationGradRange } from "./js/activation.js";
import { jsBackend } from "./js/index.js";
import { linearForwardJs, linearInputGradJs, linearParamGradsJs } from "./js/linear.js";
import { getBackend, onBackendChange } from "./registry.js";

// Loops only the js side has (layouts no backend kernel takes): maps with a scalar function or
// broadcast operands, strided walks over a shape, arg-max/min along an axis.
export { mapUnary, mapBinary, forEachIndex } from "./js/elementwise.js";
export { argExtremeAxis } from "./js/reduce.js";

/** Sizes at and above which a backend runs each kernel (below them: the js loops). */
export interface KernelThresholds {
  /** m·k·n of a product. */
  matmul: number;
  /**
   * N·D·H of a fused Linear layer's products (forward, weight gradient, input gradient); below
   * it the js register-blocked loops run, which beat `matmul` + copies on tiny layers.
   */
  linear: number;
  /** rows·cols, per activation (also the bias add of a fused layer: "identity"). */
  biasActivation: Record<ActivationKind, number>;
  /** x.length, per map. */
  unary: Record<UnaryKind, number>;
  /** out.length (all four ops). */
  binary: number;
  /** outer·n·inner. */
  sumAxis: number;
  /** rows·cols. */
  softmaxRows: number;
  logSoftmaxRows: number;
  crossEntropyRows: number;
}

/** The same threshold for every kernel: 0 runs all on the backend, Infinity none. */
function uniform(v: number): KernelThresholds {
  return {
    matmul: v,
    linear: v,
    biasActivation: { identity: v, relu: v, tanh: v, sigmoid: v, leakyRelu: v },
    unary: { exp: v, tanh: v, sigmoid: v, relu: v },
    binary: v,
    sumAxis: v,
    softmaxRows: v,
    logSoftmaxRows: v,
    crossEntropyRows: v,
  };
}

/** Every kernel on the backend, whatever the size (a backend not measured yet). */
const ALWAYS = uniform(0);
/** The js backend never hands work to another. */
const NEVER = uniform(Infinity);

/**
 * The measured float32 crossovers of the wasm SIMD backend (copies in and out of wasm memory
 * included): bench/workloads/crossover.ts for matmul, bench/micro/kernels.ts for the others,
 * bench/micro/w1.ts for `linear`; the figures are in BENCHMARKS.md ("Kernel thresholds"). Each is
 * the first size where wasm wins by ≥ 20 %, except tanh at 64 (W1b ran faster with it) and
 * `linear` at 1024 (batch-1 layers of 256 multiply-adds ran faster in the js loops).
 */
export const WASM_THRESHOLDS: Readonly<KernelThresholds> = Object.freeze({
  matmul: 129,
  linear: 1024,
  biasActivation: { identity: 256, relu: 256, tanh: 64, sigmoid: 64, leakyRelu: 256 },
  unary: { exp: 64, tanh: 64, sigmoid: 64, relu: 256 },
  binary: 256,
  sumAxis: 256,
  softmaxRows: 64,
  logSoftmaxRows: 64,
  crossEntropyRows: 64,
});

/** The table, by backend name; a name without a row runs every kernel on its backend. */
const THRESHOLDS = new Map<BackendName, KernelThresholds>([["wasm", { ...WASM_THRESHOLDS }]]);

/** The active backend and its thresholds, looked up once per backend change. */
let route: { backend: FullBackend; at: KernelThresholds } | null = null;
onBackendChange(() => (route = null));

/** The thresholds in force for `name`: js none, a measured backend its row, others all. */
function thresholdsOf(name: BackendName): KernelThresholds {
  return name === "js" ? NEVER : (THRESHOLDS.get(name) ?? ALWAYS);
}

function current(): { backend: FullBackend; at: KernelThresholds } {
  if (route === null) {
    const backend = getBackend();
    route = { backend, at: thresholdsOf(backend.name) };
  }
  return route;
}

/** The thresholds in force for `name` (a copy). */
export function kernelThresholds(name: BackendName): KernelThresholds {
  const t = thresholdsOf(name);
  return { ...t, biasActivation: { ...t.biasActivation }, unary: { ...t.unary } };
}

/**
 * Replace some of `name`'s thresholds (benchmarks and tests use it to force a path; the wasm
 * loader's `minWork` sets `matmul`). Returns the previous full set, for restoring.
 */
export function setKernelThresholds(
  name: BackendName,
  changes: Partial<KernelThresholds>,
): KernelThresholds {
  const previous = kernelThresholds(name);
  THRESHOLDS.set(name, { ...previous, ...changes });
  route = null;
  return previous;
}

/** x[off, off + n) as an array of its own (a view; no copy). */
function view(x: Storage, off: number, n: number): Storage {
  return off === 0 && x.length === n ? x : x.subarray(off, off + n);
}

/** C = op(A)·op(B) (see Backend.matmul for the layout).  Size: m·k·n. */
export function matmul(
  a: Storage,
  b: Storage,
  c: Storage,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  const { backend, at } = current();
  (m * k * n >= at.matmul ? backend : jsBackend).matmul(a, b, c, m, k, n, transA, transB);
}

/** out[i] = f(x[i]) (see UnaryKind).  Size: x.length. */
export function unary(kind: UnaryKind, x: Storage, out: Storage): void {
  const { backend, at } = current();
  (x.length >= at.unary[kind] ? backend : jsBackend).unary(kind, x, out);
}

/** out[i] = a[i] ∘ b[i], same-shape operands.  Size: out.length. */
export function binary(kind: BinaryKind, a: Storage, b: Storage, out: Storage): void {
  const { backend, at } = current();
  (out.length >= at.binary ? backend : jsBackend).binary(kind, a, b, out);
}

/** out[o, i] = Σ_k x[o, k, i] (x viewed as [outer, n, inner]).  Size: outer·n·inner. */
export function sumAxis(x: Storage, out: Storage, outer: number, n: number, inner: number): void {
  const { backend, at } = current();
  (outer * n * inner >= at.sumAxis ? backend : jsBackend).sumAxis(x, out, outer, n, inner);
}

/** Row-wise softmax of x: [rows, cols] (see Backend.softmaxRows).  Size: rows·cols. */
export function softmaxRows(x: Storage, out: Storage, rows: number, cols: number): void {
  const { backend, at } = current();
  (rows * cols >= at.softmaxRows ? backend : jsBackend).softmaxRows(x, out, rows, cols);
}

/** Row-wise log-softmax of x: [rows, cols].  Size: rows·cols. */
export function logSoftmaxRows(x: Storage, out: Storage, rows: number, cols: number): void {
  const { backend, at } = current();
  (rows * cols >= at.logSoftmaxRows ? backend : jsBackend).logSoftmaxRows(x, out, rows, cols);
}

/** Softmax cross-entropy per row, and its gradient (see Backend.crossEntropyRows). */
export function crossEntropyRows(
  x: Storage,
  targets: Int32Array,
  loss: Storage,
  grad: Storage | null,
  rows: number,
  cols: number,
): void {
  const { backend, at } = current();
  const b = rows * cols >= at.crossEntropyRows ? backend : jsBackend;
  b.crossEntropyRows(x, targets, loss, grad, rows, cols);
}

/**
 * y[yOff + i] = f(z[zOff + i]) for i in [0, n) (z and y may be the same array and offset); f as in
 * js/activation.ts activateRange.  Size: n.
 */
export function activate(
  kind: ActivationKind,
  slope: number,
  z: Storage,
  zOff: number,
  y: Storage,
  yOff: number,
  n: number,
): void {
  const { backend, at } = current();
  if (n >= at.biasActivation[kind]) {
    backend.biasActivation(view(z, zOff, n), null, view(y, yOff, n), 1, n, kind, slope);
  } else activateRange(kind, slope, z, zOff, y, yOff, n);
}

/**
 * dZ[i] = dY[i] · f′ at element i, from the saved input z and output y (js/activation.ts
 * activationGradRange: the one derivative of each kernel activation). Always the js loop: one
 * multiply per element, nothing a copy into wasm memory would pay for.
 */
export const activationGrad = activationGradRange;

/**
 * Z = A·Wᵀ + b, the net input of a Linear layer, rows of A from aOff, Z written from zOff.
 *   A: [N, D]   W: [H, D]   b: [H] | null   →   Z: [N, H]        Size: N·D·H.
 * On a backend: its matmul on views, then the bias added by its biasActivation("identity") from
 * that kernel's own threshold on (the same float32 sums either way).
 */
export function linearForward(
  a: Storage,
  aOff: number,
  W: Storage,
  b: Storage | null,
  z: Storage,
  zOff: number,
  N: number,
  D: number,
  H: number,
): void {
  const { backend, at } = current();
  if (N * D * H < at.linear) {
    linearForwardJs(a, aOff, W, b, z, zOff, N, D, H);
    return;
  }
  const zv = view(z, zOff, N * H);
  backend.matmul(view(a, aOff, N * D), W, zv, N, D, H, false, true);
  if (b === null) return;
  const adder = N * H >= at.biasActivation.identity ? backend : jsBackend;
  adder.biasActivation(zv, b, zv, N, H, "identity", 0);
}

/**
 * dW = dZᵀ·A and db = Σ_n dZ[n, :] (overwritten; either may be null).
 *   dZ: [N, H]   A: [N, D] (from aOff)   →   dW: [H, D]   db: [H]        Size: N·D·H.
 */
export function linearParamGrads(
  dZ: Storage,
  a: Storage,
  aOff: number,
  dW: Storage | null,
  db: Storage | null,
  N: number,
  D: number,
  H: number,
): void {
  const { backend, at } = current();
  if (N * D * H < at.linear) {
    linearParamGradsJs(dZ, a, aOff, dW, db, N, D, H);
    return;
  }
  if (dW !== null) backend.matmul(dZ, view(a, aOff, N * D), dW, H, N, D, true, false);
  // column sums of dZ in row order: the same sums on either side of the threshold
  if (db !== null)
    (N * H >= at.sumAxis ? backend : jsBackend).sumAxis(view(dZ, 0, N * H), db, 1, N, H);
}

/**
 * dA = dZ·W (overwritten), the gradient flowing into a Linear layer's input.
 *   dZ: [N, H]   W: [H, D]   →   dA: [N, D]        Size: N·D·H.
 */
export function linearInputGrad(
  dZ: Storage,
  W: Storage,
  dA: Storage,
  N: number,
  D: number,
  H: number,
): void {
  const { backend, at } = current();
  if (N * D * H < at.linear) linearInputGradJs(dZ, W, dA, N, D, H);
  else backend.matmul(view(dZ, 0, N * H), W, view(dA, 0, N * D), N, H, D, false, false);
}
