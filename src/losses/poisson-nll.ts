// Poisson negative log-likelihood (PyTorch's PoissonNLLLoss): the model predicts the rate λ of a
// count y, as log λ (default) or as λ itself. Not a count model with zero-inflation or dispersion.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, sameShapeAs, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface PoissonNllOptions extends ReductionOptions {
  /** true (default): the input is log λ; false: the input is λ itself (≥ 0). */
  logInput?: boolean;
  /** Add Stirling's approximation of ln(y!) to the loss (default false). */
  full?: boolean;
  /** Added to λ inside the log when logInput is false, so λ = 0 stays finite (default 1e-8). */
  eps?: number;
}

/**
 * Negative log-likelihood of counts y under Poisson(λ), dropping the constant ln(y!) unless
 * `full`:
 *
 *   logInput (x = ln λ):   l_n = e^(x_n) − y_n x_n                 ∂l_n/∂x_n = e^(x_n) − y_n
 *   otherwise (x = λ):     l_n = x_n − y_n ln(x_n + eps)           ∂l_n/∂x_n = 1 − y_n / (x_n + eps)
 *   full adds, where y_n > 1 only (0 elsewhere, as PyTorch's masked_fill):
 *     y_n ln y_n − y_n + ½ ln(2π y_n)      (Stirling: ≈ ln(y_n!); no x in it, so ∂/∂x unchanged)
 *   ∂l_n/∂y_n = −x_n (logInput) or −ln(x_n + eps), plus ln y_n + 1/(2 y_n) where full and y_n > 1
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape · output scalar ("none": [*]).
 */
export function poissonNll(
  input: Tensor,
  target: TargetLike,
  options: PoissonNllOptions = {},
): Tensor {
  const op = "poissonNll";
  const reduction = checkReduction(options.reduction, op);
  const eps = checkNumber(options.eps ?? 1e-8, op, "eps", (v) => v >= 0, "a number ≥ 0");
  const y = sameShapeAs(target, input, op);
  // backward comes from autograd through exp, log, mul and sub
  let l =
    options.logInput === false
      ? input.sub(y.mul(input.add(eps).log()))
      : input.exp().sub(y.mul(input));
  if (options.full === true) l = l.add(stirling(y));
  return reduce(l, reduction);
}

/**
 * Stirling's term y ln y − y + ½ ln(2π y) where y > 1, else 0. The log reads 2 where y ≤ 1, so
 * no ln 0 = −∞ (or ln of a negative) reaches the value or the gradient.
 */
function stirling(y: Tensor): Tensor {
  const counted = y.gt(1);
  const safe = counted.where(y, 2);
  const term = safe
    .mul(safe.log())
    .sub(safe)
    .add(
      safe
        .mul(2 * Math.PI)
        .log()
        .mul(0.5),
    );
  return counted.where(term, 0);
}

/** poissonNll for fit, predict and the CLI (see LossDescriptor): by name only, on log-rates. */
export const poissonNllLoss = defineLoss({
  name: "poissonNll",
  fn: (output, target) => poissonNll(output, target),
  target: "same-shape",
  output: "values",
  tasks: [],
});
