// Shared pieces of the workload files.
import {
  loadNativeBackend,
  loadWasmBackend,
  loadWasmThreads,
  nativeStatus,
  setBackend,
} from "../../src/node/index.js";

/**
 * A measurement with extras (W2's accuracy; peakRssMiB for a peer measured in a subprocess of
 * its own, replacing this process's), or a skip with the reason printed instead.
 */
export type Measured =
  | number
  | { value: number; accuracy?: number; note?: string; peakRssMiB?: number }
  | { skip: string };

/** Measures one implementation of a workload; resolves to its throughput (higher is better). */
export type Measure = (quick: boolean) => Promise<Measured>;

/**
 * js · wasm (size-dispatching, one thread) · wasm-2t (wasm split over 2 threads when large) ·
 * native (OpenBLAS + C++ addon, npm run build:native; OpenBLAS threads as loadNativeBackend sets).
 */
export type MyelinBackend = "js" | "wasm" | "wasm-2t" | "native";

/** Selects Myelin's backend for this (child) process. */
export function useMyelinBackend(name: MyelinBackend): void {
  if (name === "wasm-2t") {
    if (!loadWasmThreads({ workers: 1 })) throw new Error("bench: wasm threads are not available");
    setBackend("wasm");
    return;
  }
  if (name === "native" && !loadNativeBackend()) {
    throw new Error(`bench: the native backend is not available (${nativeStatus().reason})`);
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
