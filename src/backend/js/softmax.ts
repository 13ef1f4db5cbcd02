// Reference row-wise softmax, log-softmax and softmax cross-entropy on [rows, cols] arrays.
// Every row is shifted by its max (log-sum-exp: exp never overflows) and evaluated in float64
// arithmetic, each output rounded once to the array's type.
import type { Storage } from "../../tensor/dtype.js";

/** max_k x[row + k] for k < cols (NaN if any element is NaN; −∞ for an empty row). */
function rowMax(x: Storage, row: number, cols: number): number {
  let m = -Infinity;
  for (let c = 0; c < cols; c++) m = Math.max(m, x[row + c]);
  return m;
}

/** Σ_k e^(x[row + k] − m). */
function rowExpSum(x: Storage, row: number, cols: number, m: number): number {
  let s = 0;
  for (let c = 0; c < cols; c++) s += Math.exp(x[row + c] - m);
  return s;
}

/** out[r, c] = e^(x[r, c] − m_r) / Σ_k e^(x[r, k] − m_r),  m_r = max_k x[r, k]. */
export function softmaxRowsJs(x: Storage, out: Storage, rows: number, cols: number): void {
  for (let row = 0; row < rows * cols; row += cols) {
    const m = rowMax(x, row, cols);
    const s = rowExpSum(x, row, cols, m);
    for (let c = 0; c < cols; c++) out[row + c] = Math.exp(x[row + c] - m) / s;
  }
}

/** out[r, c] = x[r, c] − m_r − ln Σ_k e^(x[r, k] − m_r). */
export function logSoftmaxRowsJs(x: Storage, out: Storage, rows: number, cols: number): void {
  for (let row = 0; row < rows * cols; row += cols) {
    const m = rowMax(x, row, cols);
    const logS = Math.log(rowExpSum(x, row, cols, m));
    for (let c = 0; c < cols; c++) out[row + c] = x[row + c] - m - logS;
  }
}

/**
 * loss[r] = ln Σ_k e^(x[r, k] − m_r) − (x[r, t_r] − m_r);  grad[r, c] = softmax(x_r)[c] − [c = t_r]
 * (grad skipped when null). Targets are assumed to be valid class indices.
 */
export function crossEntropyRowsJs(
  x: Storage,
  targets: Int32Array,
  loss: Storage,
  grad: Storage | null,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    const m = rowMax(x, row, cols);
    const s = rowExpSum(x, row, cols, m);
    const t = targets[r];
    loss[r] = Math.log(s) - (x[row + t] - m); // both terms ≥ 0: no cancellation
    if (grad === null) continue;
    for (let c = 0; c < cols; c++) grad[row + c] = Math.exp(x[row + c] - m) / s;
    grad[row + t] = Math.exp(x[row + t] - m) / s - 1;
  }
}
