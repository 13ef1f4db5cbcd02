// Binary cross-entropy on probabilities (PyTorch's BCELoss). The core is one fused op: its logs
// are clamped at −100 and its gradient denominator at 1e-12, so p = 0 or 1 stays finite.
import { ValueError } from "../errors.js";
import { result } from "../ops/define.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { broadcastWeight, sameShapeAs, type TargetLike, type WeightLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface BceOptions extends ReductionOptions {
  /** Rescaling weight of each element's loss; broadcasts to the input shape (default: none). */
  weight?: WeightLike;
}

/** PyTorch clamps each log at −100 so that log(0) = −∞ never reaches the loss. */
const LOG_FLOOR = -100;
/** PyTorch's floor for x(1 − x) in the gradient, so x = 0 or 1 gives a large but finite slope. */
const GRAD_EPS = 1e-12;

const clampedLog = (v: number): number => Math.max(Math.log(v), LOG_FLOOR);
const clampedLog1m = (v: number): number => Math.max(Math.log1p(-v), LOG_FLOOR);

/**
 * Fused elementwise BCE, x and y of one shape:
 *   l = −(y · max(ln x, −100) + (1 − y) · max(ln(1 − x), −100))
 *   ∂l/∂x = (x − y) / max(x(1 − x), 1e-12)                  (PyTorch's rule; exact inside (0, 1))
 *   ∂l/∂y = max(ln(1 − x), −100) − max(ln x, −100)
 */
function bceElementwise(x: Tensor, y: Tensor): Tensor {
  const out = allocStorage(x.dtype, x.size);
  for (let i = 0; i < x.size; i++) {
    const p = x.data[i];
    const t = y.data[i];
    out[i] = -(t * clampedLog(p) + (1 - t) * clampedLog1m(p));
  }
  return result("bce", out, x.shape, [x, y], (dY) => {
    const dx = x.requiresGrad ? allocStorage(dY.dtype, x.size) : null;
    const dy = y.requiresGrad ? allocStorage(dY.dtype, x.size) : null;
    for (let i = 0; i < x.size; i++) {
      const p = x.data[i];
      const t = y.data[i];
      if (dx) dx[i] = (dY.data[i] * (p - t)) / Math.max(p * (1 - p), GRAD_EPS);
      if (dy) dy[i] = dY.data[i] * (clampedLog1m(p) - clampedLog(p));
    }
    return [dx && new Tensor(dx, x.shape), dy && new Tensor(dy, x.shape)];
  });
}

/**
 * Binary cross-entropy between probabilities x ∈ [0, 1] and targets y (usually 0/1).
 *
 *   l_n = −w_n [y_n · max(ln x_n, −100) + (1 − y_n) · max(ln(1 − x_n), −100)]
 *   ∂l_n/∂x_n = w_n (x_n − y_n) / max(x_n(1 − x_n), 1e-12)
 *   reduction: "mean" (default) (1/n) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [*] · target same shape · weight broadcastable to [*] ·
 * output scalar ("none": [*]).
 * Throws ValueError if an input element is outside [0, 1] (use bceWithLogits for raw scores).
 */
export function bce(input: Tensor, target: TargetLike, options: BceOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction, "bce");
  const y = sameShapeAs(target, input, "bce");
  const weight = broadcastWeight(options.weight, input.shape, input.dtype, "bce");
  for (let i = 0; i < input.size; i++) {
    const v = input.data[i];
    if (!(v >= 0 && v <= 1)) {
      throw new ValueError(`bce: input[${i}] is ${v}; probabilities must lie in [0, 1]`);
    }
  }
  const l = bceElementwise(input, y);
  // the weight enters through mul, so its gradient (if wanted) comes from autograd
  return reduce(weight ? l.mul(weight) : l, reduction);
}

/** bce for fit, predict and the CLI (see LossDescriptor). */
export const bceLoss = defineLoss({
  name: "bce",
  fn: (output, target) => bce(output, target),
  target: "same-shape",
  output: "probabilities",
  tasks: ["binary"],
  head: { outputs: "one", activation: "sigmoid" },
});
