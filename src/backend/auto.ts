// Size-based dispatch between two backends: small products on one (js: no copies, no call
// overhead), large ones on the other (wasm SIMD: faster per flop once the copy in/out of wasm
// memory is paid). The measure of size is the multiply-add count m·k·n.
import type { Backend } from "./backend.js";

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

/**
 * A backend that runs matmul on `small` when m·k·n < minWork and on `large` otherwise.
 * It reports the name of `large`, whose place it takes in the registry.
 */
export function createAutoBackend(small: Backend, large: Backend, minWork: number): Backend {
  return {
    name: large.name,
    matmul(a, b, c, m, k, n, transA, transB) {
      const backend = m * k * n < minWork ? small : large;
      backend.matmul(a, b, c, m, k, n, transA, transB);
    },
  };
}
