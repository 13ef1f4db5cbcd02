// Triplet margin loss (PyTorch's TripletMarginLoss): the anchor should be closer to the positive
// than to the negative by at least `margin`.
import type { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { checkNumber, checkPair } from "./targets.js";

export interface TripletMarginOptions extends ReductionOptions {
  /** Required gap between the two distances (default 1). */
  margin?: number;
  /** Norm degree of the distance (default 2; must be > 0). */
  p?: number;
  /** Added to each difference before the norm, as torch's pairwise_distance (default 1e-6). */
  eps?: number;
  /** Use min(d(a, n), d(p, n)) as the negative distance (default false). */
  swap?: boolean;
}

/**
 * d(u, v) = ‖u − v + eps‖_p = (Σ_k |u_k − v_k + eps|^p)^(1/p), over the last axis
 * (p = 1: Σ|·|, p = 2: √Σ(·)²). backward comes from autograd through abs/square, pow, sqrt, sum.
 */
function distance(u: Tensor, v: Tensor, p: number, eps: number): Tensor {
  const diff = u.sub(v).add(eps);
  if (p === 1) return diff.abs().sum(-1);
  if (p === 2) return diff.square().sum(-1).sqrt();
  return diff
    .abs()
    .pow(p)
    .sum(-1)
    .pow(1 / p);
}

/**
 * Triplet margin loss on (anchor a_n, positive p_n, negative n_n):
 *
 *   l_n = max(0, d(a_n, p_n) − d(a_n, n_n) + margin)
 *   with swap: d(a_n, n_n) is replaced by min(d(a_n, n_n), d(p_n, n_n))
 *   reduction: "mean" (default) (1/N) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: anchor, positive, negative [N, D] or [D] (all equal) · output scalar ("none": [N] or []).
 */
export function tripletMargin(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: TripletMarginOptions = {},
): Tensor {
  const op = "tripletMargin";
  const reduction = checkReduction(options.reduction, op);
  const m = checkNumber(options.margin ?? 1, op, "margin", Number.isFinite, "a finite number");
  const p = checkNumber(
    options.p ?? 2,
    op,
    "p",
    (v) => v > 0 && Number.isFinite(v),
    "a finite number > 0",
  );
  const eps = checkNumber(options.eps ?? 1e-6, op, "eps", Number.isFinite, "a finite number");
  checkPair(anchor, positive, op, ["anchor", "positive"]);
  checkPair(anchor, negative, op, ["anchor", "negative"]);
  const dPos = distance(anchor, positive, p, eps);
  let dNeg = distance(anchor, negative, p, eps);
  if (options.swap === true) dNeg = dNeg.minimum(distance(positive, negative, p, eps));
  // backward comes from autograd through the distances, minimum and relu
  return reduce(dPos.sub(dNeg).add(m).relu(), reduction);
}
