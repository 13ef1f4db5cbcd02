// Shared pieces of the workload files.
import { setBackend } from "../../src/backend/registry.js";
import { loadWasmBackend } from "../../src/backend/wasm/index.js";
import { useThreadedWasm } from "../node-threads.js";

/** Measures one implementation of a workload; resolves to its throughput (higher is better). */
export type Measure = (quick: boolean) => Promise<number>;

/** js · wasm (size-dispatching, one thread) · wasm-2t (wasm split over 2 threads when large). */
export type MyelinBackend = "js" | "wasm" | "wasm-2t";

/** Selects Myelin's backend for this (child) process. */
export function useMyelinBackend(name: MyelinBackend): void {
  if (name === "wasm-2t") {
    useThreadedWasm({ workers: 1 });
    return;
  }
  if (name === "wasm" && !loadWasmBackend()) {
    throw new Error("bench: WebAssembly SIMD is not available here");
  }
  setBackend(name);
}

/** Time budget per measurement, ms. */
export function budget(quick: boolean): number {
  return quick ? 600 : 3000;
}
