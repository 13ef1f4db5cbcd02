// Size-based dispatch between two backends: small problems on one (js: no copies, no call
// overhead), large ones on the other (wasm SIMD: faster per element once the copy in/out of wasm
// memory is paid). Each kernel has its own measured threshold; a kernel that never pays has
// Infinity. Also: completeBackend, which fills a partial backend's missing kernels from js.
import type { ActivationKind, Backend, FullBackend, UnaryKind } from "./backend.js";
import { KERNELS } from "./backend.js";
import { jsBackend } from "./js/index.js";

/**
 * m·k·n at and above which the wasm backend beats js, copies included (float32, Node 20).
 * Measured by bench/workloads/crossover.ts (raw Backend.matmul, no transposes, shapes
 * m ∈ {1,4,16,64} × k ∈ {2,8,16,32,64} × n ∈ {1,8,16,32,64}) on a 2-core AMD EPYC, Node 20.20,
 * 2026-11-29, three runs (one quiet, two with other processes loading the CPU). Every run gave
 * the same answer: js won only on shapes with m·k·n ≤ 128 (e.g. 1×64×1: js 0.29 µs, wasm
 * 0.61 µs; 64×2×1: 0.50 vs 0.44 — a tie), wasm won on every shape from 129 up (1×8×32: 0.48 vs
 * 0.28 µs; 16×64×64: 113 vs 5.5 µs; 64×64×64: 450 vs 16 µs). A wasm call costs a fraction of
 * a µs plus its copies, and the js kernel runs at ~1 GFLOP/s, so the crossover is tiny.
 */
export const WASM_MIN_WORK = 129;

/** Element counts from which the large backend runs each non-matmul kernel. */
export interface KernelThresholds {
  /** rows·cols, per activation. */
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

/**
 * float32 element counts at and above which the wasm backend runs each kernel. Measured by
 * bench/micro/kernels.ts (raw kernels, copies in and out of wasm memory included) on a 2-core
 * AMD EPYC, Node 20.20, 2026-11-29, two runs that agreed; ns per call js / wasm at
 *                               16        64        256      1024     16384
 *   biasActivation identity   26/98     89/106   323/129  1287/256  19661/2703
 *   biasActivation relu       46/107   152/117   562/169  2117/380  34883/4863   (leaky: same)
 *   biasActivation tanh      306/164   686/334  2765/1025 11048/3790 (sigmoid ≈ 0.8× these)
 *   unary exp                116/108   458/193  1749/537  7392/1911  (tanh, sigmoid alike)
 *   unary relu                28/85     77/92   311/122  1109/254
 *   binary add, mul           25/97     84/108  317/149  1187/327
 *   sumAxis [1, n/64, 64]     26/94    133/101  361/124  1245/229   (rows [n/64, 64, 1] faster)
 *   softmaxRows cols 10      164/147  1025/408 4246/1361 17504/5267
 *   logSoftmaxRows cols 10   115/155   718/451 2985/1533 12400/5952
 *   crossEntropyRows cols 10 189/226  1149/508 4797/1578 19622/5982
 * A wasm call costs ~90 ns plus ~0.1–0.2 ns per element copied; the js loops take ~1 ns per
 * element for arithmetic and 7–11 ns for exp/tanh/sigmoid, so every kernel pays from a few
 * dozen elements on. Each threshold is the first size where wasm wins by ≥ 20 % (room for the
 * caller's subarray views, ~50 ns), not the first tie — except tanh at 64, not 16: at 16 the raw
 * numbers favour wasm, but the fused stack's batch-1 step (bench/micro/w1.ts W1b, 16 tanh units)
 * ran 0.15 µs slower with it. Callers test these sizes before calling into the registry, so
 * small tensors pay no dispatch at all.
 */
export const WASM_MIN_SIZE: KernelThresholds = {
  biasActivation: { identity: 256, relu: 256, tanh: 64, sigmoid: 64, leakyRelu: 256 },
  unary: { exp: 64, tanh: 64, sigmoid: 64, relu: 256 },
  binary: 256,
  sumAxis: 256,
  softmaxRows: 64,
  logSoftmaxRows: 64,
  crossEntropyRows: 64,
};

/** `backend` itself when it has every kernel, else a backend with the missing ones from js. */
export function completeBackend(backend: Backend): FullBackend {
  if (KERNELS.every((k) => backend[k] !== undefined)) return backend as FullBackend;
  const full: Backend = { ...jsBackend, name: backend.name, matmul: backend.matmul.bind(backend) };
  for (const k of KERNELS) {
    const kernel = backend[k];
    if (kernel !== undefined) Object.assign(full, { [k]: kernel.bind(backend) });
  }
  return full as FullBackend;
}

/**
 * A backend that runs matmul on `small` when m·k·n < minWork and on `large` otherwise, and each
 * other kernel on `large` from its threshold in `sizes` on (on `small` always when `large` lacks
 * it; missing kernels of `small` come from js). It reports the name of `large`, whose place it
 * takes in the registry.
 */
export function createAutoBackend(
  small: Backend,
  large: Backend,
  minWork: number,
  sizes: KernelThresholds = WASM_MIN_SIZE,
): FullBackend {
  const lo = completeBackend(small);
  const hi = completeBackend(large);
  const has = (k: (typeof KERNELS)[number]): boolean => large[k] !== undefined;
  const bias = has("biasActivation") ? sizes.biasActivation : null;
  const unary = has("unary") ? sizes.unary : null;
  const at = (k: (typeof KERNELS)[number], size: number): number => (has(k) ? size : Infinity);
  const binary = at("binary", sizes.binary);
  const sum = at("sumAxis", sizes.sumAxis);
  const softmax = at("softmaxRows", sizes.softmaxRows);
  const logSoftmax = at("logSoftmaxRows", sizes.logSoftmaxRows);
  const crossEntropy = at("crossEntropyRows", sizes.crossEntropyRows);
  return {
    name: large.name,
    matmul(a, b, c, m, k, n, transA, transB) {
      const backend = m * k * n < minWork ? small : large;
      backend.matmul(a, b, c, m, k, n, transA, transB);
    },
    biasActivation(x, b, out, rows, cols, act, slope) {
      const backend = bias !== null && rows * cols >= bias[act] ? hi : lo;
      backend.biasActivation(x, b, out, rows, cols, act, slope);
    },
    unary(kind, x, out) {
      (unary !== null && x.length >= unary[kind] ? hi : lo).unary(kind, x, out);
    },
    binary(kind, a, b, out) {
      (out.length >= binary ? hi : lo).binary(kind, a, b, out);
    },
    sumAxis(x, out, outer, n, inner) {
      (outer * n * inner >= sum ? hi : lo).sumAxis(x, out, outer, n, inner);
    },
    softmaxRows(x, out, rows, cols) {
      (rows * cols >= softmax ? hi : lo).softmaxRows(x, out, rows, cols);
    },
    logSoftmaxRows(x, out, rows, cols) {
      (rows * cols >= logSoftmax ? hi : lo).logSoftmaxRows(x, out, rows, cols);
    },
    crossEntropyRows(x, targets, loss, grad, rows, cols) {
      const backend = rows * cols >= crossEntropy ? hi : lo;
      backend.crossEntropyRows(x, targets, loss, grad, rows, cols);
    },
  };
}
