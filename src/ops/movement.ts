// Movement ops: change how elements are arranged, never their values.
// reshape, transpose/permute, expand (broadcastTo), unsqueeze/squeeze, slice, concat, stack.
import { kernels } from "../backend/index.js";
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocStorage, promote } from "../tensor/dtype.js";
import {
  broadcastShapes,
  broadcastStrides,
  checkShape,
  normAxis,
  sameShape,
  sizeOf,
  stridesOf,
} from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { result } from "./define.js";

/**
 * Same elements, new shape (one entry may be −1: inferred). Shares storage with x.
 * dx = dY reshaped back to x's shape.
 */
export function reshape(x: Tensor, shapeIn: readonly number[]): Tensor {
  const shape = [...shapeIn];
  const unknown = shape.indexOf(-1);
  if (unknown >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== unknown));
    if (shape.lastIndexOf(-1) !== unknown || known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(shapeIn)}`,
      );
    }
    shape[unknown] = x.size / known;
  }
  checkShape(shape, "reshape");
  if (sizeOf(shape) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(shapeIn)}`,
    );
  }
  if (sameShape(shape, x.shape)) return x;
  return result("reshape", x.data, shape, [x], (dY) => [reshape(dY, x.shape)]);
}

/** Reorder axes: y.shape[i] = x.shape[axes[i]].  dx = dY permuted by the inverse permutation. */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  const perm = axes.map((a) => normAxis(a, x.ndim, "permute"));
  if (perm.length !== x.ndim || new Set(perm).size !== perm.length) {
    throw new ShapeError(
      `permute: [${axes.join(", ")}] is not a permutation of the ${x.ndim} axes of ${fmtShape(x.shape)}`,
    );
  }
  const shape = perm.map((a) => x.shape[a]);
  const xStrides = stridesOf(x.shape);
  const readStrides = perm.map((a) => xStrides[a]);
  const out = allocStorage(x.dtype, x.size);
  const src = x.data;
  if (x.ndim === 2 && perm[0] === 1) {
    const [r, c] = x.shape; // plain 2-D transpose: out[j, i] = x[i, j]
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = src[i * c + j];
  } else {
    kernels.forEachIndex(shape, (i, ia) => (out[i] = src[ia]), readStrides);
  }
  const inverse = new Array<number>(perm.length);
  perm.forEach((a, i) => (inverse[a] = i));
  return result("permute", out, shape, [x], (dY) => [permute(dY, inverse)]);
}

/** Swap two axes (a copy; the default swaps the last two, the matrix transpose). */
export function transpose(x: Tensor, axis0 = -2, axis1 = -1): Tensor {
  if (x.ndim < 2)
    throw new ShapeError(`transpose: needs at least 2 dims, got ${fmtShape(x.shape)}`);
  const a = normAxis(axis0, x.ndim, "transpose");
  const b = normAxis(axis1, x.ndim, "transpose");
  const perm = x.shape.map((_, i) => i);
  [perm[a], perm[b]] = [perm[b], perm[a]];
  return permute(x, perm);
}

/** Broadcast x to `shape` (NumPy rules), copying.  dx = dY summed over the broadcast axes. */
export function expand(x: Tensor, shapeIn: readonly number[]): Tensor {
  const shape = checkShape([...shapeIn], "expand");
  const target = broadcastShapes(x.shape, shape, "expand");
  if (!sameShape(target, shape)) {
    throw new ShapeError(`expand: cannot expand ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
  }
  if (sameShape(x.shape, shape)) return x;
  const out = allocStorage(x.dtype, sizeOf(shape));
  const src = x.data;
  if (src.length === 1) out.fill(src[0]);
  else kernels.forEachIndex(shape, (i, ia) => (out[i] = src[ia]), broadcastStrides(x.shape, shape));
  return result("expand", out, shape, [x], (dY) => [
    dY.sum(leadingAndOnes(x.shape, shape), true).reshape(x.shape),
  ]);
}

function leadingAndOnes(small: readonly number[], big: readonly number[]): number[] {
  const lead = big.length - small.length;
  const axes: number[] = [];
  for (let i = 0; i < big.length; i++)
    if (i < lead || (small[i - lead] === 1 && big[i] !== 1)) axes.push(i);
  return axes;
}

/** Insert an axis of length 1 at `axis` (−1 appends). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normAxis(axis, x.ndim + 1, "unsqueeze");
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/** Remove axes of length 1 (only `axis` when given; it must have length 1). */
export function squeeze(x: Tensor, axis?: number): Tensor {
  if (axis === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const a = normAxis(axis, x.ndim, "squeeze");
  if (x.shape[a] !== 1)
    throw new ShapeError(
      `squeeze: axis ${axis} of ${fmtShape(x.shape)} has length ${x.shape[a]}, not 1`,
    );
  return reshape(
    x,
    x.shape.filter((_, i) => i !== a),
  );
}

/**
 * Elements start ≤ k < end along `axis` (negative values count from the end, as Python slices).
 * dx = dY placed back at [start, end), zeros elsewhere.
 */
export function slice(x: Tensor, axis: number, start: number, end?: number): Tensor {
  const a = normAxis(axis, x.ndim, "slice");
  const n = x.shape[a];
  if (!Number.isInteger(start) || (end !== undefined && !Number.isInteger(end))) {
    throw new ValueError(`slice: start and end must be integers, got ${start} and ${end}`);
  }
  const s = Math.min(Math.max(start < 0 ? start + n : start, 0), n);
  const e = Math.max(Math.min(end === undefined ? n : end < 0 ? end + n : end, n), s);
  const outer = sizeOf(x.shape.slice(0, a));
  const inner = sizeOf(x.shape.slice(a + 1));
  const shape = [...x.shape];
  shape[a] = e - s;
  const out = allocStorage(x.dtype, sizeOf(shape));
  for (let o = 0; o < outer; o++) {
    out.set(x.data.subarray((o * n + s) * inner, (o * n + e) * inner), o * (e - s) * inner);
  }
  return result("slice", out, shape, [x], (dY) => {
    const dx = allocStorage(dY.dtype, x.size);
    for (let o = 0; o < outer; o++) {
      dx.set(dY.data.subarray(o * (e - s) * inner, (o + 1) * (e - s) * inner), (o * n + s) * inner);
    }
    return [new Tensor(dx, x.shape)];
  });
}

/**
 * Join tensors along `axis`; all other dims must match.
 * dx_i = the slice of dY that came from input i.
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError("concat: needs at least one tensor");
  const first = tensors[0];
  const a = normAxis(axis, first.ndim, "concat");
  for (const t of tensors) {
    const ok = t.ndim === first.ndim && t.shape.every((d, i) => i === a || d === first.shape[i]);
    if (!ok) {
      throw new ShapeError(
        `concat: shapes ${tensors.map((u) => fmtShape(u.shape)).join(", ")} differ outside axis ${axis}`,
      );
    }
  }
  const dtype = tensors.reduce((d, t) => promote(d, t.dtype), first.dtype);
  const shape = [...first.shape];
  shape[a] = tensors.reduce((s, t) => s + t.shape[a], 0);
  const outer = sizeOf(first.shape.slice(0, a));
  const inner = sizeOf(first.shape.slice(a + 1));
  const out = allocStorage(dtype, sizeOf(shape));
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    const len = t.shape[a] * inner;
    for (let o = 0; o < outer; o++)
      out.set(t.data.subarray(o * len, (o + 1) * len), o * shape[a] * inner + offset);
    offsets.push(offset / inner);
    offset += len;
  }
  return result("concat", out, shape, tensors, (dY) =>
    tensors.map((t, i) =>
      t.requiresGrad ? slice(dY, a, offsets[i], offsets[i] + t.shape[a]) : null,
    ),
  );
}

/** Stack same-shaped tensors along a new axis (concat of unsqueezed inputs). */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError("stack: needs at least one tensor");
  const shape = tensors[0].shape;
  for (const t of tensors) {
    if (!sameShape(t.shape, shape)) {
      throw new ShapeError(
        `stack: all tensors need the same shape, got ${tensors.map((u) => fmtShape(u.shape)).join(", ")}`,
      );
    }
  }
  const a = normAxis(axis, shape.length + 1, "stack"); // errors name stack, not unsqueeze
  // backward comes from autograd through unsqueeze and concat
  return concat(
    tensors.map((t) => unsqueeze(t, a)),
    a,
  );
}
