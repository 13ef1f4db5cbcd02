// Turns the generated base64 strings into compiled WebAssembly modules and running instances.
//
// Both builds import their linear memory (env.memory). The plain build gets a non-shared Memory
// from memory.ts, which never grows it: Memory.grow on non-shared memory detaches the old
// ArrayBuffer, which slows every typed-array loop in the process (bench/micro/detach.ts); when a
// call needs more, memory.ts instantiates the same compiled module on a new, larger Memory.
//
// Node, Deno, Bun and Web Workers: `compileKernels()` compiles synchronously (new
// WebAssembly.Module). Browsers' main thread: Chrome refuses synchronous compilation of modules
// over 8 MB there (4 KB before 2023); the kernel module is ~13 KB, so on an old Chrome
// `compileKernelsAsync()` is the main-thread path (loadWasmBackend then reports false).
import { MATMUL_WASM_BASE64, MATMUL_WASM_SHARED_BASE64 } from "./generated/matmul-wasm.js";

/**
 * The functions the AssemblyScript module exports (src/backend/wasm/assembly/*.ts). The
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
  /** out[i] = f(x[i]) for i < n; kind: 0 identity · 1 relu · 2 tanh · 3 sigmoid · 4 leakyRelu · 5 exp. */
  mapF32(kind: number, x: number, out: number, n: number, slope: number): void;
  /** out[r, c] = f(x[r, c] + bias[c]) (kinds as mapF32). */
  biasActivationF32(
    x: number,
    bias: number,
    out: number,
    rows: number,
    cols: number,
    kind: number,
    slope: number,
  ): void;
  /** out[i] = a[i] ∘ b[i]; kind: 0 add · 1 sub · 2 mul · 3 div. */
  binaryF32(kind: number, a: number, b: number, out: number, n: number): void;
  /** out[o, i] = Σ_k x[o, k, i]. */
  sumAxisF32(x: number, out: number, outer: number, n: number, inner: number): void;
  /** Row-wise softmax (log 0) or log-softmax (log 1). */
  softmaxRowsF32(x: number, out: number, rows: number, cols: number, log: number): void;
  /** Per-row softmax cross-entropy loss and (hasGrad 1) its gradient; targets are int32. */
  crossEntropyRowsF32(
    x: number,
    targets: number,
    loss: number,
    grad: number,
    rows: number,
    cols: number,
    hasGrad: number,
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
