// The softmax family on the backend's row kernels (kernels.softmaxRows, logSoftmaxRows,
// crossEntropyRows): softmax, log-softmax and log-sum-exp along any axis, and softmax
// cross-entropy rows for class-index targets. Every row is shifted by its max m first
// (log-sum-exp: e^(x − m) ≤ 1 never overflows). Used by activations/softmax.ts, the losses and
// inference; nothing else in the library writes these loops.
import { isGradEnabled, noGrad } from "../autograd/no-grad.js";
import { kernels } from "../backend/index.js";
import { allocStorage, type Storage } from "../tensor/dtype.js";
import { normAxis } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { result } from "./define.js";
import { permute } from "./movement.js";

/**
 * Runs a row kernel `f(rows, out, R, C)` along `axis` of x: when the axis is the last one the
 * data already is [R, C]; otherwise it is moved last (a copy; the other axes keep their order,
 * so row r is lane r of the result with `axis` removed), and the result moved back.
 * Returns the result's data in x's layout.
 */
function alongAxis(
  x: Tensor,
  ax: number,
  f: (rows: Storage, out: Storage, R: number, C: number) => void,
): Storage {
  const last = x.ndim - 1;
  const C = x.ndim === 0 ? 1 : x.shape[ax];
  const R = C === 0 ? 0 : x.size / C;
  if (ax === last || x.ndim === 0) {
    const out = allocStorage(x.dtype, x.size);
    f(x.data, out, R, C);
    return out;
  }
  const toLast = [...x.shape.keys()].filter((i) => i !== ax).concat(ax);
  const back = toLast.map((_, i) => toLast.indexOf(i));
  return noGrad(() => {
    const moved = permute(x, toLast);
    const out = allocStorage(x.dtype, x.size);
    f(moved.data, out, R, C);
    return permute(new Tensor(out, moved.shape), back).data;
  });
}

/** A rank-0 tensor is treated as shape [1] (as PyTorch does for dim 0 / −1). */
function axisOf(x: Tensor, axis: number, op: string): number {
  return normAxis(axis, Math.max(x.ndim, 1), op);
}

/**
 * Softmax along `axis` (default −1; torch.softmax(x, dim)).
 *   forward   y_k = e^(x_k − m) / Σ_j e^(x_j − m),  m = max_j x_j
 *   backward  dx_k = y_k · (dY_k − Σ_j dY_j y_j)        (Jacobian diag(y) − y yᵀ)
 * Shape: any → same; each lane along `axis` sums to 1. A lane holding NaN, +∞ or only −∞
 * gives NaN (as PyTorch).
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const ax = axisOf(x, axis, "softmax");
  const shape = x.ndim === 0 ? [1] : x.shape;
  const data = alongAxis(x, ax, kernels.softmaxRows);
  const y: Tensor = result("softmax", data, x.shape, [x], (dY) => {
    const yd = y.detach();
    const dot = dY.mul(yd).reshape(shape).sum(ax, true);
    return [yd.mul(dY.reshape(shape).sub(dot).reshape(x.shape))];
  });
  return y;
}

/**
 * Log-softmax along `axis` (default −1; torch.log_softmax(x, dim)).
 *   forward   y_k = (x_k − m) − ln Σ_j e^(x_j − m)
 *   backward  dx_k = dY_k − softmax(x)_k · Σ_j dY_j = dY_k − e^(y_k) Σ_j dY_j
 * Shape: any → same. Range (−∞, 0]; (x_k − m) is exact for the largest entries, so their small
 * outputs keep full precision, and finite logits never give log 0 (at ±1e4: −2e4, not −∞).
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const ax = axisOf(x, axis, "logSoftmax");
  const shape = x.ndim === 0 ? [1] : x.shape;
  const data = alongAxis(x, ax, kernels.logSoftmaxRows);
  const y: Tensor = result("logSoftmax", data, x.shape, [x], (dY) => {
    const p = y.detach().exp().reshape(shape);
    const total = dY.reshape(shape).sum(ax, true);
    return [dY.sub(p.mul(total).reshape(x.shape))];
  });
  return y;
}

/**
 * y = ln Σ_k e^(x_k) along `axis` (torch.logsumexp);  dx = dY · softmax(x).
 *   forward   y = m + ln Σ_k e^(x_k − m) = m − logSoftmax(x)_{k*},  k* = argmax_k x_k
 *             (at the max, logSoftmax = −ln Σ_k e^(x_k − m) exactly, so the kernel gives y)
 * A lane of all −∞ gives −∞, one holding +∞ gives +∞, NaN gives NaN (m itself, not the kernel's
 * NaN). Shape: x with `axis` removed (kept as 1 with keepDims).
 */
export function logSumExp(x: Tensor, axis: number, keepDims = false): Tensor {
  const ax = normAxis(axis, x.ndim, "logSumExp");
  const kept = x.shape.map((d, i) => (i === ax ? 1 : d));
  const shape = keepDims ? kept : kept.filter((_, i) => i !== ax);
  let lanes = 0;
  const out = allocStorage(
    x.dtype,
    shape.reduce((p, d) => p * d, 1),
  );
  if (x.shape[ax] === 0) out.fill(-Infinity); // an empty sum: ln 0
  alongAxis(x, ax, (rows, logp, R, C) => {
    kernels.logSoftmaxRows(rows, logp, R, C);
    const argmax = new Float64Array(R); // k* per row: the first max, or a NaN
    kernels.argExtremeAxis(rows, argmax, R, C, 1, 1);
    for (let r = 0; r < R; r++) {
      const k = argmax[r];
      const m = rows[r * C + k];
      out[lanes++] = Number.isFinite(m) ? m - logp[r * C + k] : m;
    }
  });
  const y = result("logSumExp", out, shape, [x], (dY) => [
    softmax(x.detach(), ax).mul(dY.reshape(kept)),
  ]);
  return y;
}

/**
 * Softmax cross-entropy of each row of logits x: [M, C] against class indices t: [M] (each in
 * [0, C); the caller checks them):
 *   l_r = −log softmax(x_r)[t_r] = m_r + ln Σ_k e^(x[r, k] − m_r) − x[r, t_r]
 *   ∂l_r/∂x[r, c] = softmax(x_r)[c] − [c = t_r]          (dx = dY_r · that, row by row)
 * One kernel call gives the losses and the gradient rows. Shape: [M, C] → [M].
 */
export function crossEntropyRows(x: Tensor, targets: Int32Array): Tensor {
  const [M, C] = x.shape;
  const loss = allocStorage(x.dtype, M);
  const needsGrad = x.requiresGrad && isGradEnabled();
  const grad = needsGrad ? allocStorage(x.dtype, M * C) : null;
  kernels.crossEntropyRows(x.data, targets, loss, grad, M, C);
  return result(
    "crossEntropyRows",
    loss,
    [M],
    [x],
    (dY) => {
      const dx = allocStorage(x.dtype, M * C);
      for (let r = 0; r < M; r++) {
        const g = dY.data[r];
        for (let c = r * C; c < (r + 1) * C; c++) dx[c] = g * grad![c];
      }
      return [new Tensor(dx, x.shape)];
    },
    true,
  );
}
