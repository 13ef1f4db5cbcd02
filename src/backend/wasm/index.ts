// The WebAssembly SIMD backend. float32 kernels run in the AssemblyScript module
// (assembly/matmul.ts, assembly/kernels.ts); float64 is delegated to the js backend — WebAssembly
// SIMD has only two f64 lanes, and float64 exists in Myelin for gradient checks, where exactness
// beats speed. Every call copies its operands into wasm memory and the results out.
import { jsBackend } from "../js/index.js";
import type { FullBackend } from "../backend.js";
import type { Storage } from "../../tensor/dtype.js";
import { hasWasmSimd } from "./feature-probe.js";
import { wasmKernels } from "./elementwise.js";
import { compileKernels } from "./loader.js";
import { KernelMemory } from "./memory.js";

let memory: KernelMemory | null = null;

/** The kernel instance, compiled on first use. Throws if the engine lacks WebAssembly SIMD. */
function kernelMemory(): KernelMemory {
  if (memory === null) {
    if (!hasWasmSimd()) {
      throw new Error("wasm backend: this JavaScript engine does not support WebAssembly SIMD");
    }
    memory = new KernelMemory(compileKernels());
  }
  return memory;
}

function matmulWasm(
  a: Storage,
  b: Storage,
  c: Storage,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  if (a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array) {
    if (kernelMemory().matmulF32(a, b, c, m, k, n, transA, transB)) return;
  }
  // float64 (or operands too large for a 32-bit wasm memory): the reference kernel
  jsBackend.matmul(a, b, c, m, k, n, transA, transB);
}

/**
 * The raw wasm backend: every float32 kernel call runs in wasm, whatever its size (operands are
 * copied into wasm memory and the results copied back; see elementwise.ts for the chunks).
 * float64 → js backend, and so are operands too large for a 32-bit wasm memory.
 */
export const wasmBackend: FullBackend = {
  name: "wasm",
  matmul: matmulWasm,
  ...wasmKernels(kernelMemory),
};

/**
 * Compiles the kernels (once) and returns true, or false when this engine lacks WebAssembly SIMD
 * or the module fails to compile. The backend's entry (../index.ts) registers wasmBackend then.
 */
export function wasmKernelsAvailable(): boolean {
  if (!hasWasmSimd()) return false;
  try {
    kernelMemory();
  } catch {
    return false;
  }
  return true;
}

export { hasWasmSimd } from "./feature-probe.js";
