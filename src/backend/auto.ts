// Size-based dispatch between two backends: small products on one (js: no copies, no call
// overhead), large ones on the other (wasm SIMD: faster per flop once the copy in/out of wasm
// memory is paid). The measure of size is the multiply-add count m·k·n.
import type { Backend } from "./backend.js";

/**
 * m·k·n at and above which the wasm backend beats js, copies included (float32, Node 20).
 * Measured by `npm run bench` (bench/crossover.ts): PLACEHOLDER.
 */
export const WASM_MIN_WORK = 4096;

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
