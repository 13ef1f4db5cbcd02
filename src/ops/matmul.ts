// Matrix product, 2-D and batched (leading batch dims broadcast, as torch.matmul).
import { kernels } from "../backend/index.js";
import { ShapeError, fmtShape } from "../errors.js";
import { allocStorage, promote } from "../tensor/dtype.js";
import { broadcastShapes, sizeOf } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { result, sumToShape } from "./define.js";

/**
 * Matrix product.
 *
 *   forward   Y = A·B                 A: [..., N, K]  B: [..., K, M]  →  Y: [..., N, M]
 *   backward  dA = dY · Bᵀ            [N, M]·[M, K] → [N, K]
 *             dB = Aᵀ · dY            [K, N]·[N, M] → [K, M]
 * Batch dims broadcast; their gradients are summed back to each input's batch shape.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return matmulT(a, b, false, false);
}

/** Y = op(A)·op(B) with op(X) = X or Xᵀ on the last two dims; transposes are never materialised. */
export function matmulT(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  if (a.ndim < 2 || b.ndim < 2) {
    throw new ShapeError(
      `matmul: both operands need at least 2 dims, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)} (reshape vectors to [1, n] or [n, 1])`,
    );
  }
  const ar = a.shape[a.ndim - 2];
  const ac = a.shape[a.ndim - 1];
  const br = b.shape[b.ndim - 2];
  const bc = b.shape[b.ndim - 1];
  const n = transA ? ac : ar;
  const k = transA ? ar : ac;
  const k2 = transB ? bc : br;
  const m = transB ? br : bc;
  if (k !== k2) {
    throw new ShapeError(
      `matmul: inner dimensions differ: ${fmtShape(a.shape)}${transA ? "ᵀ" : ""} · ${fmtShape(b.shape)}${transB ? "ᵀ" : ""} (${k} vs ${k2})`,
    );
  }
  if (a.ndim === 2 && b.ndim === 2 && a.dtype === b.dtype)
    return matmul2d(a, b, transA, transB, n, k, m);
  const batch = broadcastShapes(
    a.shape.slice(0, -2),
    b.shape.slice(0, -2),
    `matmul (batch dims of ${fmtShape(a.shape)} · ${fmtShape(b.shape)})`,
  );
  const dtype = promote(a.dtype, b.dtype);
  const A = a.dtype === dtype ? a : a.to(dtype);
  const B = b.dtype === dtype ? b : b.to(dtype);
  const batchCount = sizeOf(batch);
  const out = allocStorage(dtype, batchCount * n * m);
  const aBatch = sizeOf(a.shape.slice(0, -2));
  const bBatch = sizeOf(b.shape.slice(0, -2));
  for (let t = 0; t < batchCount; t++) {
    const ia = batchIndex(t, batch, a.shape.slice(0, -2)) * ar * ac;
    const ib = batchIndex(t, batch, b.shape.slice(0, -2)) * br * bc;
    const aView = aBatch === 1 ? A.data : A.data.subarray(ia, ia + ar * ac);
    const bView = bBatch === 1 ? B.data : B.data.subarray(ib, ib + br * bc);
    const cView = batchCount === 1 ? out : out.subarray(t * n * m, (t + 1) * n * m);
    kernels.matmul(aView, bView, cView, n, k, m, transA, transB);
  }
  const shape = [...batch, n, m];
  return result("matmul", out, shape, [A, B], (dY) => [
    A.requiresGrad
      ? sumToShape(transA ? matmulT(B, dY, transB, true) : matmulT(dY, B, false, !transB), A.shape)
      : null,
    B.requiresGrad
      ? sumToShape(transB ? matmulT(dY, A, true, transA) : matmulT(A, dY, !transA, false), B.shape)
      : null,
  ]);
}

/** The 2-D case of matmulT (no batch dims, one dtype): same kernel call, same backward rule. */
function matmul2d(
  A: Tensor,
  B: Tensor,
  transA: boolean,
  transB: boolean,
  n: number,
  k: number,
  m: number,
): Tensor {
  const out = allocStorage(A.dtype, n * m);
  kernels.matmul(A.data, B.data, out, n, k, m, transA, transB);
  return result("matmul", out, [n, m], [A, B], (dY) => [
    A.requiresGrad
      ? transA
        ? matmulT(B, dY, transB, true)
        : matmulT(dY, B, false, !transB)
      : null,
    B.requiresGrad
      ? transB
        ? matmulT(dY, A, true, transA)
        : matmulT(A, dY, !transA, false)
      : null,
  ]);
}

/** Flat index into an operand's (possibly broadcast) batch dims for output batch t. */
function batchIndex(t: number, batch: readonly number[], own: readonly number[]): number {
  let index = 0;
  let stride = 1;
  let rem = t;
  for (let d = batch.length - 1; d >= 0; d--) {
    const coord = rem % batch[d];
    rem = Math.floor(rem / batch[d]);
    const od = d - (batch.length - own.length);
    if (od >= 0) {
      if (own[od] !== 1) index += coord * stride;
      stride *= own[od];
    }
  }
  return index;
}
