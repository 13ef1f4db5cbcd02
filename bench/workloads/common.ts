// Shared pieces of the workload files.
import { setBackend } from "../../src/backend/registry.js";
import { loadWasmBackend } from "../../src/backend/wasm/index.js";

/** Measures one implementation of a workload; resolves to its throughput (higher is better). */
export type Measure = (quick: boolean) => Promise<number>;

/** Selects Myelin's backend; "wasm" is the registered size-dispatching wasm backend. */
export function useMyelinBackend(name: "js" | "wasm"): void {
  if (name === "wasm" && !loadWasmBackend()) {
    throw new Error("bench: WebAssembly SIMD is not available here");
  }
  setBackend(name);
}

/** Time budget per measurement, ms. */
export function budget(quick: boolean): number {
  return quick ? 600 : 3000;
}
