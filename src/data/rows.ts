// Row copies and row views of a tensor [N, ...]: the one implementation behind data.take,
// data.batches, data.trainTestSplit and fit()'s batches and validation hold-out.
// Rows are moved with typed-array copies, not with autograd ops (no graph, no gradient).
import { ValueError } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

/** Elements per row of t: the product of shape[1:]. */
function rowSize(t: Tensor): number {
  let s = 1;
  for (let i = 1; i < t.shape.length; i++) s *= t.shape[i];
  return s;
}

/**
 * Copy rows indices[start..end) of t, in that order (repeats allowed; indices are not checked).
 *   t [N, ...] → [end − start, ...]
 */
export function gatherRows(
  t: Tensor,
  indices: ArrayLike<number>,
  start = 0,
  end = indices.length,
): Tensor {
  const d = rowSize(t);
  const count = end - start;
  const out = allocStorage(t.dtype, count * d);
  const src = t.data;
  for (let i = 0; i < count; i++) {
    const from = indices[start + i] * d;
    const to = i * d;
    // a subarray per row costs more than it saves on short rows
    if (d >= 16) out.set(src.subarray(from, from + d), to);
    else for (let j = 0; j < d; j++) out[to + j] = src[from + j];
  }
  return new Tensor(out, [count, ...t.shape.slice(1)]);
}

/** Rows start..end−1 of t as a view sharing t's storage (no copy).  t [N, ...] → [end − start, ...] */
export function rowView(t: Tensor, start: number, end: number): Tensor {
  const d = rowSize(t);
  return new Tensor(t.data.subarray(start * d, end * d), [end - start, ...t.shape.slice(1)]);
}

/** Rows start..end−1 of t as one contiguous copy.  t [N, ...] → [end − start, ...] */
export function copyRowRange(t: Tensor, start: number, end: number): Tensor {
  const d = rowSize(t);
  return new Tensor(t.data.slice(start * d, end * d), [end - start, ...t.shape.slice(1)]);
}

/** Inputs and targets with the same number of rows (axis 0). */
export interface XY {
  x: Tensor;
  y: Tensor;
}

/**
 * Hold out the LAST k = ⌊fraction·N⌋ rows, in order, without shuffling (Keras's
 * validation_split): [rows 0..N−k−1, rows N−k..N−1] as views of x and y. The tail is null when
 * k = 0. fraction must be in [0, 1).
 */
export function splitLastRows(set: XY, fraction: number): [XY, XY | null] {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new ValueError(`splitLastRows: fraction must be in [0, 1), got ${fraction}`);
  }
  const n = set.x.shape[0];
  const k = Math.floor(n * fraction);
  if (k === 0) return [set, null];
  const view = (start: number, end: number): XY => ({
    x: rowView(set.x, start, end),
    y: rowView(set.y, start, end),
  });
  return [view(0, n - k), view(n - k, n)];
}
