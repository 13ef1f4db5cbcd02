// Shared plumbing for ops. Convention for every file in ops/: dX always means ∂L/∂X, the upstream
// gradient is dY, and a backward rule returns one gradient (or null) per input.
import { isGradEnabled } from "../autograd/no-grad.js";
import type { DType, Storage } from "../tensor/dtype.js";
import { allocStorage } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";
import { Tensor, type TensorLike } from "../tensor/tensor.js";
import { sameShape } from "../tensor/shape.js";

/**
 * Wrap computed data as an op's output. Records a graph node only when grad mode is on and
 * some input requires grad; `backward` is created lazily so inference pays nothing for it.
 * `ownsGrads`: backward returns fresh, unshared tensors (see GradNode.ownsGrads).
 */
export function result(
  op: string,
  data: Storage,
  shape: Shape,
  inputs: readonly Tensor[],
  backward: (dY: Tensor) => readonly (Tensor | null)[],
  ownsGrads = false,
): Tensor {
  let needsGrad = false;
  if (isGradEnabled()) {
    for (let i = 0; i < inputs.length && !needsGrad; i++) needsGrad = inputs[i].requiresGrad;
  }
  return new Tensor(data, shape, needsGrad, needsGrad ? { op, inputs, backward, ownsGrads } : null);
}

/** A number becomes a rank-0 tensor of the given dtype; tensors pass through. */
export function asTensor(x: TensorLike, dtype: DType): Tensor {
  if (x instanceof Tensor) return x;
  const data = allocStorage(dtype, 1);
  data[0] = x;
  return new Tensor(data, []);
}

/** Gradient flows only into inputs that need it: skip work otherwise. */
export function needs(t: Tensor): boolean {
  return t.requiresGrad;
}

/**
 * Reduce a broadcast gradient back to `shape` by summing over the broadcast axes
 * (leading axes that were added, and axes where `shape` has 1).
 */
export function sumToShape(dY: Tensor, shape: Shape): Tensor {
  if (sameShape(dY.shape, shape)) return dY;
  const lead = dY.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dY.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && dY.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? dY.sum(axes, true) : dY;
  return summed.reshape(shape as number[]);
}
