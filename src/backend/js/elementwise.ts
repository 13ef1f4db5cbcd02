// Reference loops for elementwise maps over NumPy-broadcast operands. Plain, readable, the oracle.
import type { Storage } from "../../tensor/dtype.js";
import { broadcastStrides, sameShape, sizeOf, type Shape } from "../../tensor/shape.js";

/** out[i] = f(x[i]) */
export function mapUnary(x: Storage, out: Storage, f: (v: number) => number): void {
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
}

/**
 * out = f(a, b) with broadcasting; `outShape` is the broadcast shape of aShape and bShape.
 * Fast paths: equal shapes, scalar operand, and a trailing-dims operand (bias rows).
 */
export function mapBinary(
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
  f: (x: number, y: number) => number,
): void {
  const n = out.length;
  if (sameShape(aShape, bShape)) {
    for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
    return;
  }
  if (b.length === 1) {
    const y = b[0];
    for (let i = 0; i < n; i++) out[i] = f(a[i % a.length], y);
    return;
  }
  if (a.length === 1) {
    const x = a[0];
    for (let i = 0; i < n; i++) out[i] = f(x, b[i % b.length]);
    return;
  }
  if (a.length === n && isSuffix(bShape, outShape)) {
    const m = b.length; // b repeats every m elements: out[i] = f(a[i], b[i mod m])
    for (let i = 0; i < n; i++) out[i] = f(a[i], b[i % m]);
    return;
  }
  if (b.length === n && isSuffix(aShape, outShape)) {
    const m = a.length;
    for (let i = 0; i < n; i++) out[i] = f(a[i % m], b[i]);
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  forEachIndex(outShape, (i, ia, ib) => (out[i] = f(a[ia], b[ib])), sa, sb);
}

/** True when `small` equals the trailing dims of `big` (after stripping its leading 1s). */
function isSuffix(small: Shape, big: Shape): boolean {
  let s = 0;
  while (s < small.length && small[s] === 1) s++;
  const k = small.length - s;
  if (k > big.length) return false;
  for (let i = 0; i < k; i++) if (small[s + i] !== big[big.length - k + i]) return false;
  return true;
}

/**
 * Walk every index of `shape` in row-major order, tracking the flat offsets into operands
 * whose strides are given (0 on broadcast axes).
 */
export function forEachIndex(
  shape: Shape,
  visit: (flat: number, offA: number, offB: number, offC: number) => void,
  sa: readonly number[],
  sb: readonly number[] = [],
  sc: readonly number[] = [],
): void {
  const nd = shape.length;
  const total = sizeOf(shape);
  if (total === 0) return;
  const idx = new Array<number>(nd).fill(0);
  let oa = 0;
  let ob = 0;
  let oc = 0;
  for (let flat = 0; flat < total; flat++) {
    visit(flat, oa, ob, oc);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      oa += sa[d] ?? 0;
      ob += sb[d] ?? 0;
      oc += sc[d] ?? 0;
      if (idx[d] < shape[d]) break;
      oa -= (sa[d] ?? 0) * shape[d];
      ob -= (sb[d] ?? 0) * shape[d];
      oc -= (sc[d] ?? 0) * shape[d];
      idx[d] = 0;
    }
  }
}
