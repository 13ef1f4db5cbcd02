// Rows in, batches out: the validation hold-out and the per-batch row copy used by fit().
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

/** Inputs and targets with the same number of rows (axis 0). */
export interface XY {
  x: Tensor;
  y: Tensor;
}

export function checkXY(set: XY, where: string): void {
  if (set.x.ndim === 0 || set.y.ndim === 0 || set.x.shape[0] !== set.y.shape[0]) {
    throw new ShapeError(
      `${where}: x ${fmtShape(set.x.shape)} and y ${fmtShape(set.y.shape)} need the same number of rows`,
    );
  }
  if (set.x.shape[0] === 0) throw new ValueError(`${where}: the data set is empty (0 rows)`);
}

/** Copy rows order[start..end) (or start..end when order is null) of x and y. */
export function batchRows(set: XY, order: Int32Array | null, start: number, end: number): XY {
  return { x: rows(set.x, order, start, end), y: rows(set.y, order, start, end) };
}

function rows(t: Tensor, order: Int32Array | null, start: number, end: number): Tensor {
  const width = t.size / t.shape[0];
  const count = end - start;
  const shape = [count, ...t.shape.slice(1)];
  if (order === null) return new Tensor(t.data.subarray(start * width, end * width), shape);
  const out = allocStorage(t.dtype, count * width);
  for (let i = 0; i < count; i++) {
    const r = order[start + i];
    if (width === 1) out[i] = t.data[r];
    else out.set(t.data.subarray(r * width, (r + 1) * width), i * width);
  }
  return new Tensor(out, shape);
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
  const nVal = Math.floor(n * fraction);
  if (nVal === 0 || nVal === n)
    throw new ValueError(`fit: validationSplit ${fraction} of ${n} rows leaves an empty part`);
  return [batchRows(train, null, 0, n - nVal), batchRows(train, null, n - nVal, n)];
}
