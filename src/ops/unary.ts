// Unary elementwise ops. Each states y = f(x) and dx = dY · f′(x), using the saved output y
// where that is cheaper or more stable (exp, sqrt, tanh, sigmoid).
import { kernels, type ActivationKind, type UnaryKind } from "../backend/index.js";
import { ValueError } from "../errors.js";
import { allocStorage, promote } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { result } from "./define.js";

/**
 * Define a unary op from its scalar forward f and its derivative rule.
 * `grad(dY, x, y)` returns dx = dY · f′(x), given the input x and the saved output y.
 * `kernel` names the backend map that computes f (exp, tanh, sigmoid, relu), if any: then the
 * kernel runs (same formula as f; the dispatch picks js or wasm), else the scalar f in a loop.
 */
export function unaryOp(
  op: string,
  f: (v: number) => number,
  grad: ((dY: Tensor, x: Tensor, y: Tensor) => Tensor) | null,
  kernel: UnaryKind | null = null,
): (x: Tensor) => Tensor {
  return (x: Tensor): Tensor => {
    const out = allocStorage(x.dtype, x.size);
    if (kernel !== null) kernels.unary(kernel, x.data, out);
    else kernels.mapUnary(x.data, out, f);
    const y: Tensor = result(op, out, x.shape, grad ? [x] : [], (dY) => [grad!(dY, x, y)]);
    return y;
  };
}

/**
 * dx = dY · f′ for an activation the kernels know, by their one derivative rule
 * (kernels.activationGrad: f′ from the saved output y for tanh and sigmoid, from x for relu).
 */
function activationGrad(kind: ActivationKind) {
  return (dY: Tensor, x: Tensor, y: Tensor): Tensor => {
    const dx = allocStorage(promote(dY.dtype, y.dtype), x.size);
    kernels.activationGrad(kind, 0, dY.data, x.data, 0, y.data, 0, dx, x.size);
    return new Tensor(dx, x.shape);
  };
}

/** y = −x;  dx = −dY */
export const neg = unaryOp(
  "neg",
  (v) => -v,
  (dY) => neg(dY),
);

/** y = eˣ;  dx = dY · y */
export const exp = unaryOp("exp", Math.exp, (dY, _x, y) => dY.mul(y), "exp");

/** y = ln x;  dx = dY / x */
export const log = unaryOp("log", Math.log, (dY, x) => dY.div(x));

/** y = ln(1 + x), accurate for small x;  dx = dY / (1 + x) */
export const log1p = unaryOp("log1p", Math.log1p, (dY, x) => dY.div(x.add(1)));

/** y = √x;  dx = dY / (2y) */
export const sqrt = unaryOp("sqrt", Math.sqrt, (dY, _x, y) => dY.div(y.mul(2)));

/** y = x²;  dx = dY · 2x */
export const square = unaryOp(
  "square",
  (v) => v * v,
  (dY, x) => dY.mul(x).mul(2),
);

/** y = |x|;  dx = dY · sign(x) (0 at x = 0, as PyTorch) */
export const abs = unaryOp("abs", Math.abs, (dY, x) => dY.mul(sign(x)));

/** y = sign(x) ∈ {−1, 0, 1};  no gradient (zero almost everywhere). */
export const sign = unaryOp("sign", (v) => (v > 0 ? 1 : v < 0 ? -1 : v), null);

/** y = tanh x;  dx = dY · (1 − y²) */
export const tanh = unaryOp("tanh", Math.tanh, activationGrad("tanh"), "tanh");

/**
 * y = σ(x) = 1 / (1 + e^(−x));  dx = dY · y(1 − y).
 * Stable: for x < 0 use eˣ / (1 + eˣ) so e^(−x) never overflows.
 */
export const sigmoid = unaryOp(
  "sigmoid",
  (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
  activationGrad("sigmoid"),
  "sigmoid",
);

/** y = max(0, x);  dx = dY · [x > 0] (0 at x = 0, as PyTorch) */
export const relu = unaryOp(
  "relu",
  (v) => (v > 0 ? v : v === v ? 0 : v),
  activationGrad("relu"),
  "relu",
);

/**
 * y = min(max(x, lo), hi);  dx = dY · [lo ≤ x ≤ hi] (inclusive, as torch.clamp).
 * Either bound may be omitted (null/undefined).
 */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if (Number.isNaN(lo) || Number.isNaN(hi))
    throw new ValueError(`clamp: bounds must not be NaN (min=${min}, max=${max})`);
  if (lo > hi) throw new ValueError(`clamp: min (${lo}) is greater than max (${hi})`);
  const op = unaryOp(
    "clamp",
    (v) => (v < lo ? lo : v > hi ? hi : v),
    (dY, t) => dY.mul(t.ge(lo).mul(t.le(hi))),
  );
  return op(x);
}
