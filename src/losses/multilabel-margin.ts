// Multi-label hinge loss (PyTorch's MultiLabelMarginLoss): every target class should score at
// least 1 above every non-target class.
import { IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { classRows } from "./class-axis.js";
import { checkReduction, reduce, type ReductionOptions } from "./reduce.js";
import { asTensorArg, type TargetLike } from "./targets.js";

interface LabelSets {
  /** Target class at list position j (0 where padded): [M, C]. */
  index: Float64Array;
  /** 1 for list positions j before the first −1: [M, C]. */
  listed: Float64Array;
  /** 1 where class i is one of the sample's targets: [M, C]. */
  isTarget: Float64Array;
}

/** Read PyTorch's target format: per row, class indices up to the first −1 (the rest ignored). */
function labelSets(t: Tensor, M: number, C: number, op: string): LabelSets {
  const sets = {
    index: new Float64Array(M * C),
    listed: new Float64Array(M * C),
    isTarget: new Float64Array(M * C),
  };
  for (let n = 0; n < M; n++) {
    for (let j = 0; j < C; j++) {
      const label = t.data[n * C + j];
      if (label === -1) break;
      if (!Number.isInteger(label)) {
        throw new ValueError(
          `${op}: target of sample ${n} at position ${j} is ${label}, not an integer class index`,
        );
      }
      if (label < 0 || label >= C) {
        throw new IndexError(
          `${op}: target of sample ${n} at position ${j} is class ${label}, outside [0, ${C}) (−1 ends the list)`,
        );
      }
      sets.index[n * C + j] = label;
      sets.listed[n * C + j] = 1;
      sets.isTarget[n * C + label] = 1;
    }
  }
  return sets;
}

/**
 * Multi-label hinge loss. Each target row lists the sample's classes, padded with −1:
 * [3, 0, −1, 1] means T = {3, 0}.
 *
 *   l_n = (1/C) Σ_{j ∈ T_n} Σ_{i ∉ T_n} max(0, 1 − (x_{n,j} − x_{n,i}))
 *   ∂l_n/∂x_{n,i} = +1/C per active pair (j, i) for the non-target i, −1/C for the target j
 *   reduction: "mean" (default) (1/N) Σ l_n · "sum" Σ l_n · "none" l
 *
 * Shapes: input [N, C] or [C] · target same shape (integers in [0, C) then −1 padding) ·
 * output scalar ("none": [N] or []).
 */
export function multilabelMargin(
  input: Tensor,
  target: TargetLike,
  options: ReductionOptions = {},
): Tensor {
  const op = "multilabelMargin";
  const reduction = checkReduction(options.reduction, op);
  if (input.ndim > 2) {
    throw new ShapeError(`${op}: input of shape ${fmtShape(input.shape)} must be [N, C] or [C]`);
  }
  const t = asTensorArg(target, "float64");
  if (!sameShape(t.shape, input.shape)) {
    throw new ShapeError(
      `${op}: target shape ${fmtShape(t.shape)} does not match input shape ${fmtShape(input.shape)}`,
    );
  }
  const { rows, numClasses: C, sampleShape } = classRows(input, op);
  const M = rows.shape[0];
  const sets = labelSets(t, M, C, op);
  const asT = (d: Float64Array, shape: number[]) => {
    const s = allocStorage(input.dtype, d.length);
    s.set(d);
    return new Tensor(s, shape);
  };
  const xj = rows.gather(1, new Tensor(sets.index, [M, C])).unsqueeze(2); // [M, C, 1]: x_{n,j}
  const xi = rows.unsqueeze(1); // [M, 1, C]: x_{n,i}
  const pairs = asT(sets.listed, [M, C, 1]).mul(asT(sets.isTarget, [M, 1, C]).neg().add(1));
  // backward comes from autograd through gather, sub, relu, mul and sum
  const l = xi.sub(xj).add(1).relu().mul(pairs).sum([1, 2]).div(C);
  return reduce(l.reshape(sampleShape), reduction);
}
