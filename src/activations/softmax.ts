// Softmax and log-softmax along one axis, with the log-sum-exp shift so exp never overflows.
// Forward loops here; backward rules are the closed forms below, written with tensor ops.
import { result } from "../ops/define.js";
import { allocStorage, type Storage } from "../tensor/dtype.js";
import { normAxis, sizeOf } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { ValueError } from "../errors.js";
import { defineActivation } from "./descriptor.js";

/**
 * For every lane along `axis` (the n elements base, base+inner, …), write
 *   out_k = (x_k − m) − ln Σ_j e^(x_j − m),  m = max_j x_j      (log-softmax)
 * log-sum-exp: subtract m so e^(x − m) ≤ 1 never overflows. A lane that is all −∞ gives NaN,
 * as in PyTorch; a +∞ entry gives NaN too.
 */
function logSoftmaxData(x: Tensor, ax: number): Storage {
  const outer = sizeOf(x.shape.slice(0, ax));
  const n = x.shape[ax];
  const inner = sizeOf(x.shape.slice(ax + 1));
  const d = x.data;
  const out = allocStorage(x.dtype, x.size);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, d[base + k * inner]);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(d[base + k * inner] - m);
      // (x_k − m) first: exact for the largest entries, so their small outputs keep full precision
      const logS = Math.log(s);
      for (let k = 0; k < n; k++) out[base + k * inner] = d[base + k * inner] - m - logS;
    }
  }
  return out;
}

/** A rank-0 tensor is treated as shape [1] (as PyTorch does for dim 0 / −1). */
function axisOf(x: Tensor, axis: number, op: string): number {
  return normAxis(axis, Math.max(x.ndim, 1), op);
}

/**
 * Softmax along `axis` (default −1, the last axis; torch.softmax(x, dim)).
 *   forward   y_k = e^(x_k) / Σ_j e^(x_j)  = e^(x_k − m) / Σ_j e^(x_j − m),  m = max_j x_j
 *   backward  dx_k = y_k · (dY_k − Σ_j dY_j y_j)        (Jacobian diag(y) − y yᵀ)
 * Shape: any → same; each lane along `axis` sums to 1. Invariant to x + c along the axis.
 * Logits of ±1e4 (or ±1000 in float32) stay finite. An all −∞ lane gives NaN (as PyTorch).
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const ax = axisOf(x, axis, "softmax");
  const shape = x.ndim === 0 ? [1] : x.shape;
  const data = logSoftmaxData(x.ndim === 0 ? x.reshape(1) : x, ax);
  for (let i = 0; i < data.length; i++) data[i] = Math.exp(data[i]);
  const y: Tensor = result("softmax", data, x.shape, [x], (dY) => {
    const yd = y.detach();
    const dot = dY.mul(yd).reshape(shape).sum(ax, true);
    return [yd.mul(dY.reshape(shape).sub(dot).reshape(x.shape))];
  });
  return y;
}

/**
 * Log-softmax along `axis` (default −1; torch.log_softmax(x, dim)).
 *   forward   y_k = x_k − log Σ_j e^(x_j) = x_k − m − log Σ_j e^(x_j − m)   (log-sum-exp)
 *   backward  dx_k = dY_k − softmax(x)_k · Σ_j dY_j = dY_k − e^(y_k) Σ_j dY_j
 * Shape: any → same. Range (−∞, 0]. Never forms log(0) for finite logits: at logits ±1e4 the
 * smaller entries get y ≈ −2e4, not −∞.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const ax = axisOf(x, axis, "logSoftmax");
  const shape = x.ndim === 0 ? [1] : x.shape;
  const data = logSoftmaxData(x.ndim === 0 ? x.reshape(1) : x, ax);
  const y: Tensor = result("logSoftmax", data, x.shape, [x], (dY) => {
    const p = y.detach().exp().reshape(shape);
    const total = dY.reshape(shape).sum(ax, true);
    return [dY.sub(p.mul(total).reshape(x.shape))];
  });
  return y;
}

// ---- descriptor rows (properties per element, at the defaults; see ActivationProperties) ----

function checkAxis(o: { axis: number }, who: string): void {
  const axis: unknown = o.axis;
  if (typeof axis !== "number" || !Number.isInteger(axis))
    throw new ValueError(`${who}: axis must be an integer, got ${String(axis)}`);
}

export const softmaxActivation = defineActivation({
  name: "softmax",
  fn: (x) => softmax(x),
  defaults: { axis: -1 },
  apply: (x, o) => softmax(x, o.axis),
  check: checkAxis,
  layer: "Softmax",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: true,
    saturatesRight: true,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: true,
    range: [0, 1],
  },
});

export const logSoftmaxActivation = defineActivation({
  name: "logSoftmax",
  fn: (x) => logSoftmax(x),
  defaults: { axis: -1 },
  apply: (x, o) => logSoftmax(x, o.axis),
  check: checkAxis,
  layer: "LogSoftmax",
  kernel: null,
  properties: {
    nonlinear: true,
    saturatesLeft: false,
    saturatesRight: true,
    continuous: true,
    smooth: true,
    differentiable: true,
    monotonic: true,
    linearNearZero: false,
    affineNearZero: true,
    range: [-Infinity, 0],
  },
});
