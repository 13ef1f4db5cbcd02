// The backend's entry: what the rest of Myelin may import from backend/ (a lint rule keeps it so).
//   kernels   the one door (dispatch.ts): ops call these, and only dispatch.ts decides js or
//             wasm per kernel and size
//   registry  which backend is active, with the two built-in ones registered here: js (always)
//             and wasm (loaded by the first kernel call where the engine has WebAssembly SIMD)
import type { BackendName } from "./backend.js";
import { setKernelThresholds, WASM_THRESHOLDS } from "./dispatch.js";
import { jsBackend } from "./js/index.js";
import { registerBackend, setDefaultBackendChoice } from "./registry.js";
import { wasmBackend, wasmKernelsAvailable } from "./wasm/index.js";

export * as kernels from "./dispatch.js";
export {
  setBackend,
  getBackend,
  listBackends,
  registerBackend,
  onBackendChange,
  setDefaultBackendChoice,
} from "./registry.js";
export { completeBackend } from "./complete.js";
export { hasWasmSimd } from "./wasm/index.js";
export type {
  Backend,
  BackendName,
  FullBackend,
  ActivationKind,
  UnaryKind,
  BinaryKind,
  KernelName,
} from "./backend.js";
export type { KernelThresholds } from "./dispatch.js";

/** Options of {@link loadWasmBackend}. */
export interface LoadWasmOptions {
  /**
   * Products with m·k·n below this run on the js backend, where the copy in and out of wasm
   * memory costs more than SIMD saves. Default: the measured threshold (dispatch.ts
   * WASM_THRESHOLDS.matmul, 129); 0 sends every float32 product to wasm.
   */
  minWork?: number;
}

/**
 * Loads the kernels and registers the backend as "wasm" (then `setBackend("wasm")` selects it);
 * small calls still run on js, below the thresholds of dispatch.ts. Returns false — and registers
 * nothing — when WebAssembly SIMD is unavailable.
 */
export function loadWasmBackend(options: LoadWasmOptions = {}): boolean {
  if (!wasmKernelsAvailable()) return false;
  setKernelThresholds("wasm", { matmul: Math.max(0, options.minWork ?? WASM_THRESHOLDS.matmul) });
  registerBackend(wasmBackend);
  return true;
}

registerBackend(jsBackend);
setDefaultBackendChoice((): BackendName => (loadWasmBackend() ? "wasm" : "js"));
