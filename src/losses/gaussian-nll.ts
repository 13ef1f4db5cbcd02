// Gaussian negative log-likelihood (PyTorch's GaussianNLLLoss): the model predicts a mean and a
// variance for each target. Not in losses/all.ts: it takes three arguments (input, target, var).
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { result } from "../ops/define.js";
import { allocStorage } from "../tensor/dtype.js";
import { sameShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { asTensorArg, broadcastWeight, checkNumber, type TargetLike } from "./targets.js";

export interface GaussianNllOptions extends ReductionOptions {
  /** Add the constant ½ ln(2π) to every l_n (default false). */
  full?: boolean;
  /** Variances below eps are read as eps, for stability (default 1e-6). */
  eps?: number;
}

/**
 * max(v, eps) in value, the identity in gradient: PyTorch clamps var in place under no_grad, so
 * ∂l/∂v is the derivative at the clamped value, passed to v unchanged (also where v < eps).
 */
function clampForValueOnly(v: Tensor, eps: number): Tensor {
  const out = allocStorage(v.dtype, v.size);
  for (let i = 0; i < v.size; i++) out[i] = Math.max(v.data[i], eps);
  return result("clampForValueOnly", out, v.shape, [v], (dY) => [dY]);
}

/**
 * The variance as given or made to broadcast against the input, by PyTorch's rules:
 * var of the input's shape (one variance per element, heteroscedastic); var of the input's shape
 * without its last axis (one variance per row, unsqueezed to [..., 1]); or that with a last axis
 * of 1 (homoscedastic across the last axis). Anything else is a ShapeError.
 */
function varianceFor(variance: TargetLike, input: Tensor, op: string): Tensor {
  const v = asTensorArg(variance, input.dtype).to(input.dtype);
  if (sameShape(v.shape, input.shape)) return v;
  const lead = input.shape.slice(0, -1);
  if (input.ndim >= 1 && sameShape(v.shape, lead)) return v.unsqueeze(-1);
  if (input.ndim >= 1 && v.ndim >= 1 && sameShape(v.shape.slice(0, -1), lead)) {
    if (v.shape[v.ndim - 1] === 1) return v;
  }
  throw new ShapeError(
    `${op}: var shape ${fmtShape(v.shape)} does not fit input shape ${fmtShape(input.shape)}; expected ${fmtShape(input.shape)}, ${fmtShape(lead)} or ${fmtShape([...lead, 1])}`,
  );
}

/**
 * Negative log-likelihood of targets y under N(μ = x, σ² = v), v clamped below at eps:
 *
 *   l_n = ½ (ln max(v_n, eps) + (x_n − y_n)² / max(v_n, eps))   [+ ½ ln(2π) when full]
 *   ∂l_n/∂x_n = (x_n − y_n) / v_n          ∂l_n/∂y_n = −(x_n − y_n) / v_n
 *   ∂l_n/∂v_n = ½ (1/v_n − (x_n − y_n)² / v_n²)    (v_n the clamped value; the clamp itself
 *   passes the gradient through unchanged, as PyTorch's no_grad clamp does)
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target the input's shape (or broadcastable to it with size-1 axes) ·
 * var the input's shape, or it without the last axis ([N] for input [N, D]: one variance per
 * sample), or that with a last axis of 1 · output scalar ("none": [*]).
 * Throws ValueError if an element of var is negative (or NaN).
 */
export function gaussianNll(
  input: Tensor,
  target: TargetLike,
  variance: TargetLike,
  options: GaussianNllOptions = {},
): Tensor {
  const op = "gaussianNll";
  const reduction = checkReduction(options.reduction, op);
  const eps = checkNumber(options.eps ?? 1e-6, op, "eps", (v) => v > 0, "a number > 0");
  const y = broadcastWeight(target, input.shape, input.dtype, op, "target")!;
  const v = varianceFor(variance, input, op);
  for (let i = 0; i < v.size; i++) {
    if (!(v.data[i] >= 0)) throw new ValueError(`${op}: var[${i}] is ${v.data[i]}; must be ≥ 0`);
  }
  const vc = clampForValueOnly(v, eps);
  // backward comes from autograd through log, square, div and add
  let l = vc.log().add(input.sub(y).square().div(vc)).mul(0.5);
  if (options.full === true) l = l.add(0.5 * Math.log(2 * Math.PI));
  return reduce(l, reduction);
}
