// Linear-memory bookkeeping for the kernels. Users never see this: operands are copied in, the
// kernel runs, the result is copied out. Layout of one call (byte offsets, 16-aligned):
//   heapBase · work (packed blocks) · A · B · C
//
// The memory is never grown in place. WebAssembly.Memory.grow on a non-shared memory detaches
// the old ArrayBuffer, and after the first detach anywhere in the process V8 runs every
// typed-array loop slower, for good (bench/micro/detach.ts: ×1.5 on a small loop). So when a call
// needs more bytes than the current Memory has, a new Memory is created — max(needed, 2 × current)
// for geometric headroom — and the compiled module is instantiated again on it; the old Memory and
// instance become garbage, their buffer intact. Nothing is kept between calls, so nothing is
// copied over. Memory never shrinks.
import { instantiateKernels, type KernelExports } from "./loader.js";

const PAGE = 65536;
/** Largest memory a wasm32 module can address: 65536 pages of 64 KiB. */
const MAX_PAGES = 65536;
const MAX_BYTES = MAX_PAGES * PAGE;
/** The first Memory fits a float32 product of 256×256 operands (A, B and C) without growing. */
const INITIAL_OPERAND_BYTES = 3 * 4 * 256 * 256;

/** Rounds up to a multiple of 16 (with float arithmetic: sizes may pass 2^31). */
function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** A new non-shared Memory of `pages` pages, or null when the engine refuses (RangeError/OOM). */
function tryMemory(pages: number): WebAssembly.Memory | null {
  try {
    return new WebAssembly.Memory({ initial: pages });
  } catch {
    return null;
  }
}

export class KernelMemory {
  private readonly work: number;
  private readonly operands: number;
  private memory: WebAssembly.Memory;
  private kernels: KernelExports;
  /** A float32 view of the whole current memory (replaced with it). */
  private heap: Float32Array;

  /** `module` is the compiled plain build (loader.ts compileKernels). */
  constructor(private readonly module: WebAssembly.Module) {
    // heapBase and workBytes are constants of the module: read them from a one-page instance
    const probe = instantiateKernels(module, new WebAssembly.Memory({ initial: 1 }));
    this.work = align16(probe.heapBase());
    this.operands = align16(this.work + probe.workBytes());
    const pages = Math.ceil((this.operands + INITIAL_OPERAND_BYTES) / PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages });
    this.kernels = instantiateKernels(module, this.memory);
    this.heap = new Float32Array(this.memory.buffer);
  }

  /** The current kernel memory's buffer (for inspection: its size; replaced, never detached). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /**
   * C = op(A)·op(B) for float32 arrays via the wasm kernel (see Backend.matmul for the layout).
   * A has m·k elements, B has k·n, C receives m·n. Returns false (and leaves C alone) when the
   * operands do not fit in a 32-bit wasm memory; the caller then uses another kernel.
   */
  matmulF32(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
  ): boolean {
    const aBytes = align16(4 * m * k);
    const bBytes = align16(4 * k * n);
    const cBytes = align16(4 * m * n);
    const aPtr = this.operands;
    const bPtr = aPtr + aBytes;
    const cPtr = bPtr + bBytes;
    if (!this.ensure(cPtr + cBytes)) return false;
    const buffer = this.memory.buffer;
    new Float32Array(buffer, aPtr, m * k).set(a.subarray(0, m * k));
    new Float32Array(buffer, bPtr, k * n).set(b.subarray(0, k * n));
    const lda = transA ? m : k;
    this.kernels.matmulF32(
      aPtr,
      bPtr,
      cPtr,
      m,
      k,
      n,
      lda,
      transA ? 1 : 0,
      transB ? 1 : 0,
      this.work,
    );
    c.set(new Float32Array(buffer, cPtr, m * n));
    return true;
  }

  /**
   * Byte offsets of consecutive regions holding `counts[i]` 4-byte elements each, every one
   * rounded up to 16 bytes (kernels may touch whole vectors in the padding), after making room.
   * null when they do not fit in a 32-bit wasm memory.
   */
  private place(counts: number[]): number[] | null {
    const ptrs: number[] = [];
    let at = this.operands;
    for (const n of counts) {
      ptrs.push(at);
      at += align16(4 * n);
    }
    return this.ensure(at) ? ptrs : null;
  }

  /** Copies x[0, n) into the heap at byte offset ptr. */
  private put(x: Float32Array | Int32Array, ptr: number, n: number): void {
    const src = x.length === n ? x : x.subarray(0, n);
    if (src instanceof Int32Array) new Int32Array(this.memory.buffer, ptr, n).set(src);
    else this.heap.set(src, ptr >> 2);
  }

  /** Copies n floats from the heap at byte offset ptr into out[0, n). */
  private get(ptr: number, out: Float32Array, n: number): void {
    out.set(this.heap.subarray(ptr >> 2, (ptr >> 2) + n));
  }

  /** out[i] = f(x[i]) (kind numbers as the kernel's mapF32). False when it does not fit. */
  mapF32(kind: number, x: Float32Array, out: Float32Array, slope: number): boolean {
    const n = x.length;
    const p = this.place([n]);
    if (p === null) return false;
    this.put(x, p[0], n);
    this.kernels.mapF32(kind, p[0], p[0], n, slope);
    this.get(p[0], out, n);
    return true;
  }

  /** out[r, c] = f(x[r, c] + bias[c]). False when it does not fit. */
  biasActivationF32(
    x: Float32Array,
    bias: Float32Array,
    out: Float32Array,
    rows: number,
    cols: number,
    kind: number,
    slope: number,
  ): boolean {
    const n = rows * cols;
    const p = this.place([n, cols]);
    if (p === null) return false;
    this.put(x, p[0], n);
    this.put(bias, p[1], cols);
    this.kernels.biasActivationF32(p[0], p[1], p[0], rows, cols, kind, slope);
    this.get(p[0], out, n);
    return true;
  }

  /** out[i] = a[i] ∘ b[i] (kind 0 add · 1 sub · 2 mul · 3 div). False when it does not fit. */
  binaryF32(kind: number, a: Float32Array, b: Float32Array, out: Float32Array): boolean {
    const n = out.length;
    const p = this.place([n, n]);
    if (p === null) return false;
    this.put(a, p[0], n);
    this.put(b, p[1], n);
    this.kernels.binaryF32(kind, p[0], p[1], p[0], n);
    this.get(p[0], out, n);
    return true;
  }

  /** out[o, i] = Σ_k x[o, k, i]. False when it does not fit. */
  sumAxisF32(x: Float32Array, out: Float32Array, outer: number, n: number, inner: number) {
    const size = outer * n * inner;
    const p = this.place([size, outer * inner]);
    if (p === null) return false;
    this.put(x, p[0], size);
    this.kernels.sumAxisF32(p[0], p[1], outer, n, inner);
    this.get(p[1], out, outer * inner);
    return true;
  }

  /** Row-wise softmax (log false) or log-softmax (log true). False when it does not fit. */
  softmaxRowsF32(x: Float32Array, out: Float32Array, rows: number, cols: number, log: boolean) {
    const n = rows * cols;
    const p = this.place([n, n]);
    if (p === null) return false;
    this.put(x, p[0], n);
    this.kernels.softmaxRowsF32(p[0], p[1], rows, cols, log ? 1 : 0);
    this.get(p[1], out, n);
    return true;
  }

  /** Per-row softmax cross-entropy and (grad not null) its gradient. False when it does not fit. */
  crossEntropyRowsF32(
    x: Float32Array,
    targets: Int32Array,
    loss: Float32Array,
    grad: Float32Array | null,
    rows: number,
    cols: number,
  ): boolean {
    const n = rows * cols;
    const p = this.place([n, rows, rows, grad === null ? 0 : n]);
    if (p === null) return false;
    this.put(x, p[0], n);
    this.put(targets, p[1], rows);
    this.kernels.crossEntropyRowsF32(p[0], p[1], p[2], p[3], rows, cols, grad === null ? 0 : 1);
    this.get(p[2], loss, rows);
    if (grad !== null) this.get(p[3], grad, n);
    return true;
  }

  /**
   * Makes the memory at least `bytes` long by replacing it (never Memory.grow, see the header):
   * a new Memory of max(bytes, 2 × current) — or exactly `bytes` when the engine refuses the
   * headroom — and a new instance on it. False when even `bytes` cannot be had (≥ 4 GiB, OOM).
   */
  private ensure(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return true;
    if (bytes > MAX_BYTES) return false;
    const needed = Math.ceil(bytes / PAGE);
    const roomy = Math.min(MAX_PAGES, Math.max(needed, 2 * (have / PAGE)));
    const memory = tryMemory(roomy) ?? (roomy > needed ? tryMemory(needed) : null);
    if (memory === null) return false;
    this.kernels = instantiateKernels(this.module, memory);
    this.memory = memory;
    this.heap = new Float32Array(memory.buffer);
    return true;
  }
}
