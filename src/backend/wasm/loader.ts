// Turns the generated base64 string into a running WebAssembly instance.
//
// Node, Deno, Bun and Web Workers: `loadKernels()` compiles synchronously (new WebAssembly.Module).
// Browsers' main thread: Chrome refuses synchronous compilation of modules over 4 KB on the main
// thread; the kernel module is ~1.4 KB, so the synchronous path works there too. Should it ever
// grow past that limit, `loadKernelsAsync()` (WebAssembly.compile) is the browser path.
import { MATMUL_WASM_BASE64, MATMUL_WASM_SHARED_BASE64 } from "./generated/matmul-wasm.js";

/** The functions the AssemblyScript module exports (src/backend/wasm/assembly/matmul.ts). */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  /** First free byte after the module's static data. */
  heapBase(): number;
  /** Scratch bytes matmulF32 needs for its packed blocks. */
  workBytes(): number;
  /**
   * C = op(A)·op(B) in float32; pointers are byte offsets into `memory`; lda is A's stored row
   * stride (k, or the full row count of op(A) when transA).
   */
  matmulF32(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    lda: number,
    transA: number,
    transB: number,
    work: number,
  ): void;
}

/** Decodes base64 with `atob` (present in browsers and Node ≥ 16), so no Buffer is needed. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The compiled kernel module's bytes. */
export function kernelBytes(): Uint8Array<ArrayBuffer> {
  return decodeBase64(MATMUL_WASM_BASE64);
}

/** Compiles and instantiates the kernels synchronously. Throws if the engine rejects them. */
export function loadKernels(): KernelExports {
  const module = new WebAssembly.Module(kernelBytes());
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
}

/** Asynchronous variant of loadKernels, for hosts that forbid synchronous compilation. */
export async function loadKernelsAsync(): Promise<KernelExports> {
  const module = await WebAssembly.compile(kernelBytes());
  const instance = await WebAssembly.instantiate(module, {});
  return instance.exports as unknown as KernelExports;
}

/** The shared-memory build of the kernels (imports env.memory), compiled; for worker threads. */
export function compileSharedKernels(): WebAssembly.Module {
  return new WebAssembly.Module(decodeBase64(MATMUL_WASM_SHARED_BASE64));
}

/** Instantiates the shared-memory build on `memory` (one instance per thread). */
export function instantiateShared(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
): KernelExports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}
