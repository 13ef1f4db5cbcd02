// Multi-class hinge loss (PyTorch's MultiMarginLoss) on class scores and class indices.
import { ShapeError, fmtShape } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { classRows } from "./class-axis.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import {
  checkNumber,
  classIndices,
  classWeight,
  type TargetLike,
  type WeightLike,
} from "./targets.js";
import { defineLoss } from "./descriptor.js";

export interface MultiMarginOptions extends ReductionOptions {
  /** Exponent of the hinge: 1 (default) or 2. */
  p?: 1 | 2;
  /** Required gap between the target's score and every other score (default 1). */
  margin?: number;
  /** Per-class weight w, shape [C], applied by the target class (default: ones). */
  weight?: WeightLike;
}

/**
 * Multi-class hinge loss on scores x and class indices y:
 *
 *   l_n = (1/C) Σ_{i ≠ y_n} w_{y_n} · max(0, margin − x_{n,y_n} + x_{n,i})^p
 *   ∂l_n/∂x_{n,i} = (p/C) w_{y_n} h_i^(p−1) for i ≠ y_n, h_i = margin − x_{n,y_n} + x_{n,i} > 0;
 *   ∂l_n/∂x_{n,y_n} = −Σ_{i ≠ y_n} of those
 *   reduction: "mean" (default) (1/N) Σ l_n (not weighted) · "sum" Σ l_n · "none" l
 *
 * Shapes: input [N, C] or [C] · target [N] or [] (integers in [0, C)) · weight [C] ·
 * output scalar ("none": [N] or []).
 */
export function multiMargin(
  input: Tensor,
  target: TargetLike,
  options: MultiMarginOptions = {},
): Tensor {
  const op = "multiMargin";
  const reduction = checkReduction(options.reduction, op);
  const p = checkNumber(options.p ?? 1, op, "p", (v) => v === 1 || v === 2, "1 or 2");
  const m = checkNumber(options.margin ?? 1, op, "margin", Number.isFinite, "a finite number");
  if (input.ndim > 2) {
    throw new ShapeError(`${op}: input of shape ${fmtShape(input.shape)} must be [N, C] or [C]`);
  }
  const { rows, numClasses: C, sampleShape } = classRows(input, op);
  const y = classIndices(target, sampleShape, C, op, undefined, input.shape);
  const weight = classWeight(options.weight, C, input.dtype, op);
  const M = y.length;
  const index = allocStorage("float64", M);
  const others = allocStorage(input.dtype, M * C).fill(1); // 1 − onehot(y): the terms i ≠ y_n
  for (let n = 0; n < M; n++) {
    index[n] = y[n];
    others[n * C + y[n]] = 0;
  }
  const xy = rows.gather(1, new Tensor(index, [M, 1])); // [M, 1]
  const hinge = rows.sub(xy).add(m).relu(); // [M, C]
  let h = (p === 2 ? hinge.square() : hinge).mul(new Tensor(others, [M, C]));
  if (weight) h = h.mul(weight.indexSelect(new Tensor(index, [M])).reshape([M, 1]));
  // backward comes from autograd through gather, sub, relu, square, mul and sum
  return reduce(h.sum(1).div(C).reshape(sampleShape), reduction);
}

/** multiMargin for fit, predict and the CLI (see LossDescriptor). */
export const multiMarginLoss = defineLoss({
  name: "multiMargin",
  fn: (output, target) => multiMargin(output, target),
  target: "class-index",
  output: "logits",
  tasks: ["multiclass", "binary"],
  head: { outputs: "classes" },
});
