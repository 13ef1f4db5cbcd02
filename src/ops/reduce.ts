// Reductions: sum, mean, max, min, argmax, argmin (logSumExp is in softmax.ts) — over one axis, several axes
// (sum/mean) or everything (axis omitted), with keepDims.
import { kernels } from "../backend/index.js";
import { ShapeError, fmtShape } from "../errors.js";
import { allocStorage, promote } from "../tensor/dtype.js";
import { normAxis } from "../tensor/shape.js";
import { Tensor, type Axis } from "../tensor/tensor.js";
import { result } from "./define.js";

/** Sorted, de-duplicated, non-negative axes; all axes when `axis` is undefined. */
function axesOf(x: Tensor, axis: Axis | undefined, op: string): number[] {
  if (axis === undefined) return x.shape.map((_, i) => i);
  if (typeof axis === "number") return [normAxis(axis, x.ndim, op)];
  const list = typeof axis === "number" ? [axis] : [...axis];
  const axes = [...new Set(list.map((a) => normAxis(a, x.ndim, op)))];
  return axes.sort((p, q) => p - q);
}

/** Output shape with reduced axes removed, or kept as 1. */
function reducedShape(shape: readonly number[], axes: number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

function splitAt(shape: readonly number[], axis: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape[axis], inner];
}

/** Σ over the axes, computed one axis at a time (last first). No graph: used by sum. */
function sumData(x: Tensor, axes: number[]) {
  let data = x.data;
  const shape = [...x.shape];
  for (let j = axes.length - 1; j >= 0; j--) {
    const [outer, n, inner] = splitAt(shape, axes[j]);
    const out = allocStorage(x.dtype, outer * inner);
    kernels.sumAxis(data, out, outer, n, inner);
    data = out;
    shape[axes[j]] = 1;
  }
  return data;
}

/**
 * y = Σ_axes x;  dx = dY broadcast back over the reduced axes (∂y/∂x_i = 1).
 * Shape: x [..] → y with `axes` removed (or 1 with keepDims).
 */
export function sum(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  if (axis === undefined) return sumAll(x, keepDims);
  const axes = axesOf(x, axis, "sum");
  const shape = reducedShape(x.shape, axes, keepDims);
  const keptShape = reducedShape(x.shape, axes, true);
  return result("sum", sumData(x, axes), shape, [x], (dY) => [
    dY.reshape(keptShape).expand(x.shape),
  ]);
}

/**
 * sum over every axis, as one node: y = Σ x;  dx = dY broadcast to x's shape (a fresh array, so
 * a leaf may keep it as its .grad). Same values as the per-axis path.
 */
function sumAll(x: Tensor, keepDims: boolean): Tensor {
  const axes = x.shape.map((_, i) => i);
  const shape = keepDims ? x.shape.map(() => 1) : [];
  return result("sum", sumData(x, axes), shape, [x], (dY) => [filled(dY.data[0], x)], true);
}

/** A fresh tensor of x's shape with every element v, in x's dtype. */
function filled(v: number, x: Tensor): Tensor {
  const out = allocStorage(x.dtype, x.size);
  out.fill(v);
  return new Tensor(out, x.shape);
}

/** y = (1/n) Σ_axes x, n = number of reduced elements;  dx = dY / n broadcast back. */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  if (axis === undefined) return meanAll(x, keepDims);
  const axes = axesOf(x, axis, "mean");
  let n = 1;
  for (const a of axes) n *= x.shape[a];
  // backward comes from autograd through sum and mul
  return sum(x, axes, keepDims).mul(1 / n);
}

/**
 * mean over every axis, as one node with the values of sum(x)·(1/n):
 *   y = (Σ x)·c,  c = 1/n rounded to x's dtype;  dx = dY·c broadcast to x's shape.
 */
function meanAll(x: Tensor, keepDims: boolean): Tensor {
  const axes = x.shape.map((_, i) => i);
  const shape = keepDims ? x.shape.map(() => 1) : [];
  const c = allocStorage(x.dtype, 1);
  c[0] = 1 / x.size;
  const out = sumData(x, axes);
  out[0] *= c[0];
  return result(
    "mean",
    out,
    shape,
    [x],
    (dY) => {
      // dY·c is rounded in the promoted dtype, as the mul of the generic path
      const dx = allocStorage(promote(dY.dtype, x.dtype), x.size);
      dx.fill(dY.data[0] * c[0]);
      return [new Tensor(dx, x.shape)];
    },
    true,
  );
}

/**
 * y = max over `axis` (all elements when omitted).
 * dx = dY on the elements equal to the max, split evenly among ties (torch.amax's rule).
 */
export function max(x: Tensor, axis?: number, keepDims = false): Tensor {
  return extreme(x, axis, keepDims, 1, "max");
}

/** y = min over `axis`; gradient as for max. */
export function min(x: Tensor, axis?: number, keepDims = false): Tensor {
  return extreme(x, axis, keepDims, -1, "min");
}

function extreme(x: Tensor, axis: number | undefined, keepDims: boolean, sign: 1 | -1, op: string) {
  if (x.size === 0)
    throw new ShapeError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  const flat = axis === undefined;
  const src = flat ? x.reshape(x.size) : x;
  const ax = flat ? 0 : normAxis(axis, x.ndim, op);
  const [outer, n, inner] = splitAt(src.shape, ax);
  const idx = allocStorage(x.dtype, outer * inner);
  kernels.argExtremeAxis(src.data, idx, outer, n, inner, sign);
  const out = allocStorage(x.dtype, outer * inner);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++)
      out[o * inner + i] = src.data[o * n * inner + idx[o * inner + i] * inner + i];
  const keptShape = flat ? x.shape.map(() => 1) : reducedShape(x.shape, [ax], true);
  const shape = flat ? (keepDims ? keptShape : []) : reducedShape(x.shape, [ax], keepDims);
  const y: Tensor = result(op, out, shape, [x], (dY) => {
    const yk = y.detach().reshape(keptShape);
    const mask = x.eq(yk);
    const count = mask.sum(flat ? undefined : ax, true);
    return [mask.div(count).mul(dY.reshape(keptShape))];
  });
  return y;
}

/** Index of the largest element along `axis` (of the flattened tensor when omitted); no gradient. */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argExtreme(x, axis, keepDims, 1, "argmax");
}

/** Index of the smallest element along `axis`; no gradient. */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argExtreme(x, axis, keepDims, -1, "argmin");
}

function argExtreme(
  x: Tensor,
  axis: number | undefined,
  keepDims: boolean,
  sign: 1 | -1,
  op: string,
) {
  if (x.size === 0)
    throw new ShapeError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  const flat = axis === undefined;
  const ax = flat ? 0 : normAxis(axis, x.ndim, op);
  const [outer, n, inner] = flat ? [1, x.size, 1] : splitAt(x.shape, ax);
  const out = allocStorage(x.dtype, outer * inner);
  kernels.argExtremeAxis(x.data, out, outer, n, inner, sign);
  const shape = flat
    ? keepDims
      ? x.shape.map(() => 1)
      : []
    : reducedShape(x.shape, [ax], keepDims);
  return result(op, out, shape, [], () => []);
}
