// Rows in, batches out for fit(): the checks on x/y, the validation hold-out and the per-batch rows.
// The row copies themselves are src/data/rows.ts (shared with data.take and data.batches).
import { gatherRows, rowView, splitLastRows, type XY } from "../data/rows.js";
import { ShapeError, ValueError, fmtShape } from "../errors.js";

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
