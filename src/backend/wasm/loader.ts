// Turns the generated base64 strings into compiled WebAssembly modules and running instances.
//
// Both builds import their linear memory (env.memory). The plain build gets a non-shared Memory
// from memory.ts, which never grows it: Memory.grow on non-shared memory detaches the old
// ArrayBuffer, which slows every typed-array loop in the process (bench/micro/detach.ts); when a
// call needs more, memory.ts instantiates the same compiled module on a new, larger Memory.
//
// Node, Deno, Bun and Web Workers: `compileKernels()` compiles synchronously (new
// WebAssembly.Module). Browsers' main thread: Chrome refuses synchronous compilation of modules
// over 4 KB on the main thread; the kernel module is ~1.4 KB, so the synchronous path works there
// too. Should it ever grow past that limit, `compileKernelsAsync()` is the browser path.
import { MATMUL_WASM_BASE64, MATMUL_WASM_SHARED_BASE64 } from "./generated/matmul-wasm.js";

/**
 * The functions the AssemblyScript module exports (src/backend/wasm/assembly/matmul.ts). The
 * module re-exports the memory it imports; the caller owns that Memory and uses its own handle.
 */
export interface KernelExports {
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

/** Compiles the plain (non-shared memory) kernels synchronously. Throws if the engine rejects them. */
export function compileKernels(): WebAssembly.Module {
  return new WebAssembly.Module(kernelBytes());
}

/** Asynchronous variant of compileKernels, for hosts that forbid synchronous compilation. */
export function compileKernelsAsync(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(kernelBytes());
}

/**
 * Instantiates the plain build on `memory` (a non-shared WebAssembly.Memory of at least one
 * page). Cheap: the module is compiled once and instantiated again for every new Memory.
 */
export function instantiateKernels(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
): KernelExports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
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
