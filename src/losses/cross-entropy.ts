// Cross-entropy on logits (PyTorch's CrossEntropyLoss): log-softmax + NLL, with class-index or
// class-probability targets, per-class weights, ignoreIndex and label smoothing.
import { sameShape } from "../tensor/shape.js";
import { classRows } from "./class-axis.js";
import { crossEntropyRows, logSoftmax } from "../ops/softmax.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { nllParts, reduceWeighted, type NllOptions } from "./nll.js";
import { checkReduction, reduce } from "./reduce.js";
import { asTensorArg, checkNumber, classIndices, classWeight, type TargetLike } from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface CrossEntropyOptions extends NllOptions {
  /** ε in [0, 1]: mix the target with the uniform distribution: (1 − ε)·target + ε/C (default 0) */
  labelSmoothing?: number;
}

/**
 * Cross-entropy between logits x and a target, with logp = log_softmax(x) over the class axis
 * (log-sum-exp: logp_c = x_c − m − log Σ_k e^(x_k − m), m = max x, so exp never overflows;
 * ops/softmax.ts). Without weight, smoothing or ignored rows, one kernel (crossEntropyRows)
 * gives l_n and its gradient; otherwise logp's backward dx = dlogp − softmax · Σ dlogp, and
 * autograd does the rest.
 *
 * Class-index target y_n (ε = labelSmoothing, w = weight or ones, C classes):
 *   l_n = −(1 − ε) w_{y_n} logp_{n,y_n} − (ε/C) Σ_c w_c logp_{n,c}     (0 when y_n = ignoreIndex)
 *   "mean": Σ_n l_n / Σ_n w_{y_n} over non-ignored n (PyTorch's weighted mean; NaN when all
 *   targets are ignored, with a zero gradient, as PyTorch) · "sum": Σ_n l_n · "none": l
 *   ∂l/∂x (ε = 0, no weight, "mean") = (softmax(x) − onehot(y)) / N
 *
 * Class-probability target t (same shape as x), t' = (1 − ε) t + ε/C:
 *   l_n = −Σ_c w_c t'_{n,c} logp_{n,c}
 *   "mean": (1/M) Σ_n l_n, M = N·d1·… (not weighted; ignoreIndex does not apply) · "sum" · "none"
 *
 * Shapes: input [N, C] · [C] · [N, C, d1, …]; index target [N] · [] · [N, d1, …] (tensor, number
 * array or number); probability target = input shape (tensor or nested array); weight [C];
 * "none" → [N, d1, …].
 */
export function crossEntropy(
  input: Tensor,
  target: TargetLike,
  options: CrossEntropyOptions = {},
): Tensor {
  const op = "crossEntropy";
  const reduction = checkReduction(options.reduction, op);
  const eps = checkNumber(
    options.labelSmoothing ?? 0,
    op,
    "labelSmoothing",
    (v) => v >= 0 && v <= 1,
    "a number in [0, 1]",
  );
  const ignoreIndex = options.ignoreIndex ?? -100;
  const { rows, numClasses: C, sampleShape } = classRows(input, op);
  const weight = classWeight(options.weight, C, input.dtype, op);
  // an index target has the input's shape minus the class axis: equal shapes mean probabilities
  const targetTensor = asTensorArg(target, "float64"); // float64: indices are checked exactly
  const isIndex = !(targetTensor.ndim > 0 && sameShape(targetTensor.shape, input.shape));
  const y = isIndex
    ? classIndices(targetTensor, sampleShape, C, op, ignoreIndex, input.shape)
    : null;
  if (y !== null && weight === null && eps === 0 && !y.includes(ignoreIndex)) {
    // the common case — no weight, no smoothing, no ignored row — is one row kernel:
    // l_n = −logp_{n,y_n} and its gradient softmax − onehot in one pass
    const l = crossEntropyRows(rows, y);
    const ones = new Tensor(allocStorage(input.dtype, y.length).fill(1), [y.length]);
    return reduceWeighted(l, { wn: ones, mask: ones }, reduction, sampleShape);
  }
  // log-softmax over the class axis on the row kernel (computed relative to each row's max in
  // float64 and stored once: keeps Σ softmax = 1 at logits like ±1e4 in float32)
  const logp = logSoftmax(rows, 1);
  const weighted = weight ? logp.mul(weight) : logp; // [M, C]: w_c logp_{n,c}

  if (y === null) {
    // probability target; backward comes from autograd through mul, sum and the reduction
    let t = classRows(targetTensor.to(input.dtype), op).rows;
    if (eps > 0) t = t.mul(1 - eps).add(eps / C);
    const l = weighted.mul(t).sum(1).neg().reshape(sampleShape);
    return reduce(l, reduction);
  }

  const parts = nllParts(logp, y, weight, ignoreIndex);
  if (eps === 0) return reduceWeighted(parts.l, parts, reduction, sampleShape);
  // label smoothing: the uniform part −(ε/C) Σ_c w_c logp_{n,c}, zero for ignored rows
  const smooth = weighted.sum(1).neg().mul(parts.mask);
  const lSmoothed = parts.l.mul(1 - eps).add(smooth.mul(eps / C));
  return reduceWeighted(lSmoothed, parts, reduction, sampleShape);
}

/** crossEntropy for fit, predict and the CLI (see LossDescriptor). */
export const crossEntropyLoss = defineLoss({
  name: "crossEntropy",
  fn: (output, target) => crossEntropy(output, target),
  target: "class-index",
  output: "logits",
  tasks: ["multiclass", "binary"],
  defaultFor: ["multiclass"],
  head: { outputs: "classes" },
});
