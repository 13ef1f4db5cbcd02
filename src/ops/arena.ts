// Cheap small arrays for the fused path. A typed array above 64 bytes costs V8 an off-heap
// allocation (~200–350 ns here), more than a whole batch-1 layer; a view into a shared slab costs
// ~25 ns. The arena hands out fresh (zero-filled, never reused) views carved from slabs of
// 32 requests or more. Trade-off: a view kept alive keeps its whole slab alive, so retaining one
// step's saved activations or gradients pins at most ~32 steps' worth of them.
import { allocStorage, type DType, type Storage } from "../tensor/dtype.js";

/** Requests up to this many elements come from a slab; larger ones are allocated directly. */
const MAX_CARVED = 4096;
/** A slab holds at least this many elements (16 KB of float32). */
const MIN_SLAB = 4096;
/** …and at least this many copies of the request that opened it. */
const REQUESTS_PER_SLAB = 32;

export class Arena {
  private slab: Storage;
  private used = 0;

  constructor(readonly dtype: DType) {
    this.slab = allocStorage(dtype, 0);
  }

  /** A fresh zero-filled array of n elements (a view into a slab when n is small). */
  take(n: number): Storage {
    if (n > MAX_CARVED) return allocStorage(this.dtype, n);
    if (this.used + n > this.slab.length) {
      this.slab = allocStorage(this.dtype, Math.max(MIN_SLAB, REQUESTS_PER_SLAB * n));
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}
