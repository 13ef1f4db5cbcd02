// Binary elementwise ops with NumPy broadcasting: add, sub, mul, div, pow, maximum, minimum,
// comparisons and where. Backward rules reduce the broadcast gradient back to each input's shape.
import { kernels, type BinaryKind } from "../backend/index.js";
import { allocStorage, promote, type DType } from "../tensor/dtype.js";
import { broadcastShapes, broadcastStrides, sameShape, sizeOf } from "../tensor/shape.js";
import type { Tensor, TensorLike } from "../tensor/tensor.js";
import { asTensor, needs, result, sumToShape } from "./define.js";

type Rule = (dY: Tensor, a: Tensor, b: Tensor, y: Tensor) => [Tensor | null, Tensor | null];

function dtypeOf(a: TensorLike, b: TensorLike): DType {
  if (typeof a === "number") return typeof b === "number" ? "float32" : b.dtype;
  if (typeof b === "number") return a.dtype;
  return promote(a.dtype, b.dtype);
}

function binary(op: string, f: (x: number, y: number) => number, rule: Rule | null) {
  const arith: BinaryKind | null =
    op === "add" || op === "sub" || op === "mul" || op === "div" ? op : null;
  return (aIn: TensorLike, bIn: TensorLike): Tensor => {
    const dtype = dtypeOf(aIn, bIn);
    const a = asTensor(aIn, dtype);
    const b = asTensor(bIn, dtype);
    const shape = broadcastShapes(a.shape, b.shape, op);
    const out = allocStorage(dtype, sizeOf(shape));
    // same-shape arithmetic: the kernel; other layouts: the broadcasting loops
    if (arith !== null && sameShape(a.shape, b.shape)) kernels.binary(arith, a.data, b.data, out);
    else kernels.mapBinary(a.data, a.shape, b.data, b.shape, out, shape, f, arith);
    const y = result(op, out, shape, rule ? [a, b] : [], (dY) => {
      const [da, db] = rule!(dY, a, b, y);
      return [
        da && needs(a) ? sumToShape(da, a.shape) : null,
        db && needs(b) ? sumToShape(db, b.shape) : null,
      ];
    });
    return y;
  };
}

/** y = a + b;  da = dY,  db = dY */
export const add = binary(
  "add",
  (x, y) => x + y,
  (dY) => [dY, dY],
);

/** y = a − b;  da = dY,  db = −dY */
export const sub = binary(
  "sub",
  (x, y) => x - y,
  (dY, a, b) => [dY, needs(b) ? dY.neg() : null],
);

/** y = a · b;  da = dY · b,  db = dY · a */
export const mul = binary(
  "mul",
  (x, y) => x * y,
  (dY, a, b) => [needs(a) ? dY.mul(b) : null, needs(b) ? dY.mul(a) : null],
);

/** y = a / b;  da = dY / b,  db = −dY · a / b² = −dY · y / b */
export const div = binary(
  "div",
  (x, y) => x / y,
  (dY, a, b, y) => [needs(a) ? dY.div(b) : null, needs(b) ? dY.mul(y).div(b).neg() : null],
);

/**
 * y = aᵇ;  da = dY · b · a^(b−1),  db = dY · y · ln a
 * (db is taken as 0 where a = 0 and b ≥ 0, as PyTorch does, instead of 0 · −∞ = NaN).
 */
export const pow = binary(
  "pow",
  (x, y) => Math.pow(x, y),
  (dY, a, b, y) => [
    needs(a) ? dY.mul(b).mul(a.pow(b.sub(1))) : null,
    needs(b) ? dY.mul(a.eq(0).mul(b.ge(0)).where(0, y.mul(a.log()))) : null,
  ],
);

/** y = max(a, b);  the gradient goes to the larger input (split evenly on ties, as torch.maximum). */
export const maximum = binary(
  "maximum",
  (x, y) => (x !== x || y !== y ? NaN : x > y ? x : y),
  (dY, a, b) => {
    const wa = a.gt(b).add(a.eq(b).mul(0.5));
    return [needs(a) ? dY.mul(wa) : null, needs(b) ? dY.mul(wa.neg().add(1)) : null];
  },
);

/** y = min(a, b);  the gradient goes to the smaller input (split evenly on ties). */
export const minimum = binary(
  "minimum",
  (x, y) => (x !== x || y !== y ? NaN : x < y ? x : y),
  (dY, a, b) => {
    const wa = a.lt(b).add(a.eq(b).mul(0.5));
    return [needs(a) ? dY.mul(wa) : null, needs(b) ? dY.mul(wa.neg().add(1)) : null];
  },
);

// Comparisons return 1 or 0 in the promoted float dtype and carry no gradient.
/** y = (a = b) ? 1 : 0, broadcasting; no gradient. */
export const eq = binary("eq", (x, y) => (x === y ? 1 : 0), null);
/** y = (a ≠ b) ? 1 : 0, broadcasting; no gradient. */
export const ne = binary("ne", (x, y) => (x !== y ? 1 : 0), null);
/** y = (a < b) ? 1 : 0, broadcasting; no gradient. */
export const lt = binary("lt", (x, y) => (x < y ? 1 : 0), null);
/** y = (a ≤ b) ? 1 : 0, broadcasting; no gradient. */
export const le = binary("le", (x, y) => (x <= y ? 1 : 0), null);
/** y = (a > b) ? 1 : 0, broadcasting; no gradient. */
export const gt = binary("gt", (x, y) => (x > y ? 1 : 0), null);
/** y = (a ≥ b) ? 1 : 0, broadcasting; no gradient. */
export const ge = binary("ge", (x, y) => (x >= y ? 1 : 0), null);

/**
 * y = cond ≠ 0 ? a : b (all three broadcast together).
 * da = dY where cond, else 0;  db = dY where not cond, else 0;  cond gets no gradient.
 */
export function where(condIn: TensorLike, aIn: TensorLike, bIn: TensorLike): Tensor {
  const dtype = dtypeOf(aIn, bIn);
  const a = asTensor(aIn, dtype);
  const b = asTensor(bIn, dtype);
  const cond = asTensor(condIn, dtype);
  const shape = broadcastShapes(broadcastShapes(cond.shape, a.shape, "where"), b.shape, "where");
  const out = allocStorage(
    dtype,
    shape.reduce((p, d) => p * d, 1),
  );
  const c = cond.data;
  const x = a.data;
  const z = b.data;
  kernels.forEachIndex(
    shape,
    (i, ic, ia, ib) => (out[i] = c[ic] !== 0 ? x[ia] : z[ib]),
    broadcastStrides(cond.shape, shape),
    broadcastStrides(a.shape, shape),
    broadcastStrides(b.shape, shape),
  );
  return result("where", out, shape, [a, b], (dY) => [
    needs(a) ? sumToShape(where(cond, dY, 0), a.shape) : null,
    needs(b) ? sumToShape(where(cond, 0, dY), b.shape) : null,
  ]);
}
