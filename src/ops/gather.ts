// Integer indexing: indexSelect (pick rows/entries along an axis) and gather (torch.gather).
// Indices are validated: NaN, fractions and out-of-range values throw typed errors.
import { IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { normAxis, sizeOf } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { result } from "./define.js";

/** Integer indices: a number array, an Int32Array or a tensor holding whole numbers. */
export type IndexLike = readonly number[] | Int32Array | Tensor;

/** Validate indices for an axis of length n; returns them as an Int32Array. */
export function toIndices(indices: IndexLike, n: number, op: string): Int32Array {
  const src = indices instanceof Tensor ? indices.data : indices;
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (!Number.isInteger(v))
      throw new ValueError(`${op}: index ${i} is ${v}, expected an integer`);
    if (v < -n || v >= n)
      throw new IndexError(`${op}: index ${v} (position ${i}) is out of range for size ${n}`);
    out[i] = v < 0 ? v + n : v;
  }
  return out;
}

/**
 * y = x[indices] along `axis` (rows for axis 0). Shape: x [.., n, ..] → y [.., k, ..], k = #indices.
 * dx = scatter-add of dY into the selected positions (a row picked twice gets both gradients).
 */
export function indexSelect(x: Tensor, indices: IndexLike, axis = 0): Tensor {
  const a = normAxis(axis, x.ndim, "indexSelect");
  const n = x.shape[a];
  const idx = toIndices(indices, n, "indexSelect");
  const outer = sizeOf(x.shape.slice(0, a));
  const inner = sizeOf(x.shape.slice(a + 1));
  const k = idx.length;
  const shape = [...x.shape];
  shape[a] = k;
  const out = allocStorage(x.dtype, outer * k * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const from = (o * n + idx[j]) * inner;
      out.set(x.data.subarray(from, from + inner), (o * k + j) * inner);
    }
  }
  return result("indexSelect", out, shape, [x], (dY) => {
    const dx = allocStorage(dY.dtype, x.size);
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < k; j++) {
        const to = (o * n + idx[j]) * inner;
        const from = (o * k + j) * inner;
        for (let i = 0; i < inner; i++) dx[to + i] += dY.data[from + i];
      }
    return [new Tensor(dx, x.shape)];
  });
}

/**
 * torch.gather: y[.., j, ..] = x[.., index[.., j, ..], ..] along `axis`; index has x's rank and
 * y has index's shape (other dims of index must not exceed x's). dx = scatter-add of dY.
 */
export function gather(x: Tensor, axis: number, index: IndexLike | Tensor): Tensor {
  const a = normAxis(axis, x.ndim, "gather");
  const idxShape = index instanceof Tensor ? index.shape : [index.length];
  if (idxShape.length !== x.ndim || idxShape.some((d, i) => i !== a && d > x.shape[i])) {
    throw new ShapeError(
      `gather: index of shape ${fmtShape(idxShape)} does not fit x of shape ${fmtShape(x.shape)} along axis ${axis}`,
    );
  }
  const n = x.shape[a];
  const idx = toIndices(index, n, "gather");
  const outer = sizeOf(idxShape.slice(0, a));
  const k = idxShape[a];
  const inner = sizeOf(idxShape.slice(a + 1));
  const xInner = sizeOf(x.shape.slice(a + 1));
  // position of x element for (o, j, i): o decomposes over idx's leading dims; with dims ≤ x's we map
  const lead = idxShape.slice(0, a);
  const xLeadStrides = lead.map((_, d) => sizeOf(x.shape.slice(d + 1)));
  const trail = idxShape.slice(a + 1);
  const xTrailStrides = trail.map((_, d) => sizeOf(x.shape.slice(a + 2 + d)));
  const offsets = new Int32Array(outer * k * inner);
  let p = 0;
  for (let o = 0; o < outer; o++) {
    let baseO = 0;
    let rem = o;
    for (let d = lead.length - 1; d >= 0; d--) {
      baseO += (rem % lead[d]) * xLeadStrides[d];
      rem = Math.floor(rem / lead[d]);
    }
    for (let j = 0; j < k; j++)
      for (let i = 0; i < inner; i++) {
        let baseI = 0;
        let r = i;
        for (let d = trail.length - 1; d >= 0; d--) {
          baseI += (r % trail[d]) * xTrailStrides[d];
          r = Math.floor(r / trail[d]);
        }
        offsets[p] = baseO + idx[p] * xInner + baseI;
        p++;
      }
  }
  const out = allocStorage(x.dtype, offsets.length);
  for (let q = 0; q < offsets.length; q++) out[q] = x.data[offsets[q]];
  return result("gather", out, [...idxShape], [x], (dY) => {
    const dx = allocStorage(dY.dtype, x.size);
    for (let q = 0; q < offsets.length; q++) dx[offsets[q]] += dY.data[q];
    return [new Tensor(dx, x.shape)];
  });
}
