// Linear-memory bookkeeping for one kernel instance. Users never see this: operands are copied
// in, the kernel runs, the result is copied out. Layout of one call (byte offsets, 16-aligned):
//   heapBase · work (packed blocks) · A · B · C
// Memory grows (never shrinks) to the largest call seen so far.
import type { KernelExports } from "./loader.js";

const PAGE = 65536;
/** Largest memory a wasm32 module can address: 65536 pages of 64 KiB. */
const MAX_BYTES = 65536 * PAGE;

/** Rounds up to a multiple of 16 (with float arithmetic: sizes may pass 2^31). */
function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

export class KernelMemory {
  private readonly work: number;
  private readonly operands: number;

  constructor(private readonly kernels: KernelExports) {
    this.work = align16(kernels.heapBase());
    this.operands = align16(this.work + kernels.workBytes());
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
    const buffer = this.kernels.memory.buffer;
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
    // re-read the buffer: it is the same one unless memory grew, but never cache it across calls
    c.set(new Float32Array(this.kernels.memory.buffer, cPtr, m * n));
    return true;
  }

  /** Grows linear memory to at least `bytes`; false when the engine refuses (≥ 4 GiB, OOM). */
  private ensure(bytes: number): boolean {
    const memory = this.kernels.memory;
    const have = memory.buffer.byteLength;
    if (bytes <= have) return true;
    if (bytes > MAX_BYTES) return false;
    try {
      memory.grow(Math.ceil((bytes - have) / PAGE));
      return true;
    } catch {
      return false; // RangeError: the engine could not grow memory this far
    }
  }
}
