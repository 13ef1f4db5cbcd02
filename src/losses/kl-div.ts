// Kullback–Leibler divergence loss (PyTorch's KLDivLoss): input holds log-probabilities.
import { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce } from "./reduce.js";
import { sameShapeAs, type TargetLike } from "./targets.js";

/**
 * Options of {@link klDiv}: the reduction (with "batchmean") and whether the target is log-space.
 */
export interface KlDivOptions {
  /**
   * "mean" (default; averages over every element), "batchmean" (Σ / N: the true KL per sample),
   * "sum" or "none".
   */
  reduction?: "mean" | "batchmean" | "sum" | "none";
  /** When true the target is given as log-probabilities (default false). */
  logTarget?: boolean;
}

/**
 * KL divergence between target distribution y and the model's log-probabilities x:
 *
 *   l_n = y_n (ln y_n − x_n)          (0 where y_n = 0: PyTorch's xlogy)     ∂l_n/∂x_n = −y_n
 *   logTarget: l_n = e^(t_n) (t_n − x_n), t = ln y                          ∂l_n/∂x_n = −e^(t_n)
 *   reduction: "mean" (default) (1/n) Σ l_n over all elements · "batchmean" Σ l_n / N
 *   (N = input.shape[0]; Σ for a rank-0 input) · "sum" Σ l_n · "none" l
 *
 * Shapes: input [N, *] · target same shape · output scalar ("none": [N, *]).
 */
export function klDiv(input: Tensor, target: TargetLike, options: KlDivOptions = {}): Tensor {
  const op = "klDiv";
  const reduction = checkReduction(options.reduction, op, ["mean", "batchmean", "sum", "none"]);
  const y = sameShapeAs(target, input, op);
  let l: Tensor;
  if (options.logTarget === true) {
    l = y.exp().mul(y.sub(input));
  } else {
    // xlogy: y ln y with 0 at y = 0; ln reads 1 there so no 0·(−∞) reaches value or gradient
    const safe = y.eq(0).where(1, y);
    l = y.mul(safe.log()).sub(y.mul(input));
  }
  // backward comes from autograd through mul, log/exp and sub
  if (reduction === "batchmean") {
    const total = l.sum();
    return input.ndim === 0 ? total : total.div(input.shape[0]);
  }
  return reduce(l, reduction);
}
