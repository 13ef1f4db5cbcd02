// A stable softplus for the logistic losses (bceWithLogits, softMargin). Internal to losses:
// it is a fused op because composing max, abs, exp and log1p gets the gradient at x = 0 wrong.
import { unaryOp } from "../ops/unary.js";

/**
 * softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|))   (e^(−|x|) ≤ 1, so nothing overflows)
 * d/dx softplus(x) = σ(x)
 */
export const softplus = unaryOp(
  "softplus",
  (v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))),
  (dY, x) => dY.mul(x.sigmoid()),
);
