// A growable array of numbers that ends as one contiguous typed array, built for the CSV loader,
// whose peak memory should stay close to the data it returns (RELIABILITY #19).
//
// Where the platform has resizable ArrayBuffers (ES2024: Node 20, current browsers), the elements
// live in one buffer that reserves address space up front and commits memory only as it grows
// (the OS backs a page only once it is written). `drain` moves them into a plain typed array back
// to front while shrinking the buffer behind the copy, so the peak is the data plus one step, not
// twice the data. Elsewhere, or past the reservation, further elements go into fixed-size blocks
// joined by one copy at the end (peak about 2× the data).

type Block = Float32Array | Float64Array | Int32Array;

interface BlockCtor {
  new (n: number): Block;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): Block;
  readonly BYTES_PER_ELEMENT: number;
}

/** ES2024 resizable ArrayBuffer, typed here because the project's lib is ES2022. */
interface ResizableBuffer extends ArrayBuffer {
  readonly resizable?: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}

/** V8's largest maxByteLength for a resizable ArrayBuffer (Node 20); smaller tries follow. */
const MAX_RESERVATION = 2 ** 32;
const MIN_RESERVATION = 2 ** 26;
/** Elements copied per step by `drain` before the resizable buffer is shrunk behind them. */
const DRAIN_STEP = 1 << 18;

/** Reserve a resizable buffer of at most `maxBytes` (halving on failure), or null if unsupported. */
function reserve(maxBytes: number): ResizableBuffer | null {
  const Ctor = ArrayBuffer as unknown as new (
    n: number,
    options: { maxByteLength: number },
  ) => ResizableBuffer;
  if (maxBytes <= 0) return null;
  for (let bytes = maxBytes; ; bytes = Math.floor(bytes / 2)) {
    try {
      const buffer = new Ctor(0, { maxByteLength: bytes });
      return buffer.resizable === true ? buffer : null; // older engines ignore the option
    } catch {
      // not enough address space (32-bit, ulimit -v): try a smaller reservation
      if (bytes <= MIN_RESERVATION) return null;
    }
  }
}

/**
 * Append-only numeric array. The first `blockSize` elements go into a plain array (small inputs
 * never reserve anything); then into one resizable buffer of up to `reserveBytes` (default 4 GiB
 * of address space; 0 = never); then, if that is unavailable or full, into blocks of `blockSize`.
 * `drain` returns all elements as one array.
 */
export class ChunkedArray<T extends Block> {
  private head: T; // contiguous elements 0 … headUsed − 1
  private headUsed = 0;
  private headBuffer: ResizableBuffer | null = null; // backs `head` once it has grown
  private headFrozen = false; // head is full for good; later elements go into blocks
  private blocks: T[] = []; // full blocks after the head
  private current: T | null = null; // the block being filled
  private used = 0; // elements in `current`

  constructor(
    private readonly ctor: BlockCtor,
    private readonly blockSize = 1 << 16,
    private readonly reserveBytes = MAX_RESERVATION,
  ) {
    this.head = new ctor(blockSize) as T;
  }

  get length(): number {
    return this.headUsed + this.blocks.length * this.blockSize + this.used;
  }

  push(value: number): void {
    if (!this.headFrozen) {
      if (this.headUsed === this.head.length) this.growHead();
      if (!this.headFrozen) {
        this.head[this.headUsed++] = value;
        return;
      }
    }
    if (this.current === null || this.used === this.blockSize) {
      if (this.current !== null) this.blocks.push(this.current);
      this.current = new this.ctor(this.blockSize) as T;
      this.used = 0;
    }
    this.current[this.used++] = value;
  }

  /** Element i (0 ≤ i < length). */
  get(i: number): number {
    if (i < this.headUsed) return this.head[i];
    const j = i - this.headUsed;
    const b = Math.floor(j / this.blockSize);
    const block = b < this.blocks.length ? this.blocks[b] : this.current!;
    return block[j - b * this.blockSize];
  }

  /**
   * One contiguous array of all elements (of `ctor`, default the block type); this ChunkedArray is
   * empty afterwards. The result is a plain typed array, never a view of the resizable buffer:
   * V8 compiles code that has seen a resizable-buffer view into a slower form (4× on a dot-product
   * loop, for every caller of that function), so such views must not reach the tensor kernels.
   * The buffer is copied back to front in steps and shrunk behind the copy, which returns its
   * pages as the new array's are first written: the peak stays at the data plus one step.
   */
  drain(ctor: BlockCtor = this.ctor): Block {
    const n = this.length;
    const out = new ctor(n); // zero pages: memory is taken only where it is written
    let offset = this.headUsed;
    for (let b = 0; b < this.blocks.length; b++) {
      out.set(this.blocks[b], offset);
      offset += this.blockSize;
      (this.blocks as (T | null)[])[b] = null; // let the collector take it now
    }
    if (this.current !== null) out.set(this.current.subarray(0, this.used), offset);
    const buffer = this.headBuffer;
    let head = this.head;
    for (let end = this.headUsed; end > 0;) {
      const start = Math.max(0, end - DRAIN_STEP);
      out.set(head.subarray(start, end), start);
      if (buffer !== null) {
        buffer.resize(start * this.bytesPer);
        head = new this.ctor(buffer, 0, start) as T;
      }
      end = start;
    }
    this.head = new this.ctor(this.blockSize) as T;
    this.headUsed = 0;
    this.headBuffer = null;
    this.headFrozen = false;
    this.blocks = [];
    this.current = null;
    this.used = 0;
    return out;
  }

  private get bytesPer(): number {
    return this.ctor.BYTES_PER_ELEMENT;
  }

  /** The head is full: grow it in its resizable buffer (reserving one the first time) or freeze it. */
  private growHead(): void {
    const bytes = this.headUsed * this.bytesPer;
    if (this.headBuffer === null) {
      const buffer = reserve(this.reserveBytes);
      const fits = buffer === null ? 0 : Math.floor(buffer.maxByteLength / this.bytesPer);
      const capacity = Math.min(2 * this.headUsed, fits);
      if (capacity <= this.headUsed) {
        this.headFrozen = true;
        return;
      }
      buffer!.resize(capacity * this.bytesPer);
      const head = new this.ctor(buffer!, 0, capacity) as T;
      head.set(this.head);
      this.head = head;
      this.headBuffer = buffer;
      return;
    }
    // grow by a quarter (at least one block): committed but unwritten pages cost no memory
    const max = this.headBuffer.maxByteLength;
    const grown = Math.min(
      max,
      bytes + Math.max(Math.floor(bytes / 4), this.blockSize * this.bytesPer),
    );
    const capacity = Math.floor(grown / this.bytesPer);
    if (capacity <= this.headUsed) {
      this.headFrozen = true;
      return;
    }
    this.headBuffer.resize(capacity * this.bytesPer);
    this.head = new this.ctor(this.headBuffer, 0, capacity) as T;
  }
}
