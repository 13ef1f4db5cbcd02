// Rows in, batches out for fit(): the checks on x/y, the validation hold-out and the per-batch rows
// (BatchRows: shuffled batches copied into two buffers reused for every batch of every epoch).
// The other row copies are src/data/rows.ts (shared with data.take and data.batches).
import { gatherRows, rowView, splitLastRows, type XY } from "../data/rows.js";
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocStorage, type Storage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

export type { XY };

export function checkXY(set: XY, where: string): void {
  if (set.x.ndim === 0 || set.y.ndim === 0 || set.x.shape[0] !== set.y.shape[0]) {
    throw new ShapeError(
      `${where}: x ${fmtShape(set.x.shape)} and y ${fmtShape(set.y.shape)} need the same number of rows`,
    );
  }
  if (set.x.shape[0] === 0) throw new ValueError(`${where}: the data set is empty (0 rows)`);
}

/** Rows order[start..end) copied, or rows start..end−1 as views when order is null. */
export function batchRows(set: XY, order: Int32Array | null, start: number, end: number): XY {
  if (order === null) return { x: rowView(set.x, start, end), y: rowView(set.y, start, end) };
  return { x: gatherRows(set.x, order, start, end), y: gatherRows(set.y, order, start, end) };
}

/**
 * The batches of one training set, as batchRows gives them, but the shuffled rows are copied into
 * two buffers (x and y, batchSize rows each) that every batch reuses, so an epoch allocates no
 * batch-sized arrays (≈ 400 KB per Fashion-MNIST batch of 128 otherwise). A batch's tensors are
 * valid until the next call of rows(): fit() is done with a batch when its step returns.
 */
export class BatchRows {
  private readonly xBuffer: Storage;
  private readonly yBuffer: Storage;

  constructor(
    private readonly set: XY,
    batchSize: number,
  ) {
    const rows = Math.min(batchSize, set.x.shape[0]);
    this.xBuffer = allocStorage(set.x.dtype, rows * rowSize(set.x));
    this.yBuffer = allocStorage(set.y.dtype, rows * rowSize(set.y));
  }

  /** Rows order[start..end) (end − start ≤ batchSize) in the buffers, or views when order is null. */
  rows(order: Int32Array | null, start: number, end: number): XY {
    if (order === null) return batchRows(this.set, null, start, end);
    return {
      x: gatherInto(this.set.x, order, start, end, this.xBuffer),
      y: gatherInto(this.set.y, order, start, end, this.yBuffer),
    };
  }
}

/** Elements per row of t: the product of shape[1:]. */
function rowSize(t: Tensor): number {
  let size = 1;
  for (let i = 1; i < t.ndim; i++) size *= t.shape[i];
  return size;
}

/** Rows order[start..end) of t copied to the front of `buffer`, as a tensor over that range. */
function gatherInto(t: Tensor, order: Int32Array, start: number, end: number, buffer: Storage) {
  const d = rowSize(t);
  const src = t.data;
  for (let i = start; i < end; i++) {
    const from = order[i] * d;
    const to = (i - start) * d;
    if (d >= 16) buffer.set(src.subarray(from, from + d), to);
    else for (let j = 0; j < d; j++) buffer[to + j] = src[from + j];
  }
  const count = end - start;
  return new Tensor(buffer.subarray(0, count * d), [count, ...t.shape.slice(1)]);
}

/**
 * Split off validation data: explicit `validationData`, or the LAST `fraction` of the rows
 * (taken before any shuffling, as Keras does), or none.
 */
export function splitValidation(
  train: XY,
  fraction?: number,
  validationData?: XY,
): [XY, XY | null] {
  checkXY(train, "fit");
  if (validationData) {
    checkXY(validationData, "fit (validationData)");
    return [train, validationData];
  }
  if (fraction === undefined || fraction === 0) return [train, null];
  if (!(fraction > 0 && fraction < 1))
    throw new ValueError(`fit: validationSplit must be in (0, 1), got ${fraction}`);
  const n = train.x.shape[0];
  const [head, tail] = splitLastRows(train, fraction);
  if (tail === null || head.x.shape[0] === 0)
    throw new ValueError(`fit: validationSplit ${fraction} of ${n} rows leaves an empty part`);
  return [head, tail];
}
