// Reference loops for elementwise maps over NumPy-broadcast operands. Plain, readable, the oracle.
import type { Storage } from "../../tensor/dtype.js";
import type { BinaryKind } from "../backend.js";
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
  arith: Arith | null = null,
): void {
  const n = out.length;
  if (arith !== null && mapArith(arith, a, aShape, b, bShape, out, outShape)) return;
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

/** The four arithmetic ops, which get loops of their own (see mapArith). */
type Arith = BinaryKind;

/**
 * out = a ∘ b for ∘ ∈ {+, −, ·, /} on the common layouts: equal shapes, a scalar operand, or one
 * operand repeating along the leading dims (bias rows). Returns false for other layouts.
 * Why: mapBinary's `f(a[i], b[i])` is one call site shared by every op, so V8 stops inlining f
 * once several ops have run (a 64×64 add ran about 5× slower once V8 stopped inlining it); here each op has
 * its own loop with the operator written out. Same IEEE operations, so the same results.
 */
function mapArith(
  op: Arith,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
): boolean {
  const n = out.length;
  if (sameShape(aShape, bShape)) rows(op, a, 0, b, 0, out, 0, n);
  else if (b.length === 1) scalarRight(op, a, b[0], out, n);
  else if (a.length === 1) scalarLeft(op, a[0], b, out, n);
  else if (a.length === n && b.length > 0 && isSuffix(bShape, outShape)) {
    const m = b.length; // b is one row, repeated: out[r, :] = a[r, :] ∘ b
    for (let o = 0; o < n; o += m) rows(op, a, o, b, 0, out, o, m);
  } else if (b.length === n && a.length > 0 && isSuffix(aShape, outShape)) {
    const m = a.length;
    for (let o = 0; o < n; o += m) rows(op, a, 0, b, o, out, o, m);
  } else return false;
  return true;
}

/** out[o + i] = a[ia + i] ∘ b[ib + i] for i in [0, m). */
export function rows(
  op: Arith,
  a: Storage,
  ia: number,
  b: Storage,
  ib: number,
  out: Storage,
  o: number,
  m: number,
): void {
  switch (op) {
    case "add":
      for (let i = 0; i < m; i++) out[o + i] = a[ia + i] + b[ib + i];
      return;
    case "sub":
      for (let i = 0; i < m; i++) out[o + i] = a[ia + i] - b[ib + i];
      return;
    case "mul":
      for (let i = 0; i < m; i++) out[o + i] = a[ia + i] * b[ib + i];
      return;
    case "div":
      for (let i = 0; i < m; i++) out[o + i] = a[ia + i] / b[ib + i];
      return;
  }
}

/** out[i] = a[i] ∘ y. */
function scalarRight(op: Arith, a: Storage, y: number, out: Storage, n: number): void {
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[i] = a[i] + y;
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[i] = a[i] - y;
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[i] = a[i] * y;
      return;
    case "div":
      for (let i = 0; i < n; i++) out[i] = a[i] / y;
      return;
  }
}

/** out[i] = x ∘ b[i]. */
function scalarLeft(op: Arith, x: number, b: Storage, out: Storage, n: number): void {
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[i] = x + b[i];
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[i] = x - b[i];
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[i] = x * b[i];
      return;
    case "div":
      for (let i = 0; i < n; i++) out[i] = x / b[i];
      return;
  }
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
