// A growable array of numbers stored in fixed-size typed-array blocks, so appending never copies
// what is already stored and memory stays close to the data size. Used by the CSV loader.

type Block = Float32Array | Float64Array | Int32Array;
type BlockCtor = new (n: number) => Block;

/** Append-only numeric array in blocks of `blockSize` elements; `toArray` joins them once. */
export class ChunkedArray<T extends Block> {
  private blocks: T[] = [];
  private current: T;
  private used = 0;
  private full = 0; // elements in completed blocks

  constructor(
    private readonly ctor: BlockCtor,
    private readonly blockSize = 1 << 16,
  ) {
    this.current = new ctor(blockSize) as T;
  }

  get length(): number {
    return this.full + this.used;
  }

  push(value: number): void {
    if (this.used === this.blockSize) {
      this.blocks.push(this.current);
      this.full += this.used;
      this.current = new this.ctor(this.blockSize) as T;
      this.used = 0;
    }
    this.current[this.used++] = value;
  }

  /** Element i (0 ≤ i < length). */
  get(i: number): number {
    const b = Math.floor(i / this.blockSize);
    const block = b < this.blocks.length ? this.blocks[b] : this.current;
    return block[i - b * this.blockSize];
  }

  /**
   * One contiguous array of all elements (of `ctor`, default the block type). Blocks are released
   * as they are copied, and this ChunkedArray is empty afterwards.
   */
  drain(ctor: BlockCtor = this.ctor): Block {
    const out = new ctor(this.length);
    let offset = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      out.set(this.blocks[b], offset);
      offset += this.blockSize;
      (this.blocks as (T | null)[])[b] = null; // let the collector take it now
    }
    out.set(this.current.subarray(0, this.used), offset);
    this.blocks = [];
    this.current = new this.ctor(this.blockSize) as T;
    this.used = 0;
    this.full = 0;
    return out;
  }
}
