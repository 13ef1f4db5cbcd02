// Layout helper for class-indexed losses: PyTorch puts classes on axis 1 ([N, C, d1, …]) or on
// axis 0 for a single sample ([C]). Losses work on rows [M, C] with M = N·d1·…, then reshape back.
import { ShapeError, fmtShape } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

export interface ClassRows {
  /** The input as rows of class scores: [M, C]. */
  rows: Tensor;
  /** Number of classes C. */
  numClasses: number;
  /** Shape of a class-index target, and of the "none" output: [] · [N] · [N, d1, …]. */
  sampleShape: number[];
}

/** Move the class axis last and flatten the rest: [C] → [1, C], [N, C, d…] → [N·d…, C]. */
export function classRows(input: Tensor, op: string): ClassRows {
  if (input.ndim === 0) {
    throw new ShapeError(
      `${op}: input of shape ${fmtShape(input.shape)} has no class axis; expected [C] or [N, C, …]`,
    );
  }
  if (input.ndim === 1) {
    return {
      rows: input.reshape([1, input.shape[0]]),
      numClasses: input.shape[0],
      sampleShape: [],
    };
  }
  const C = input.shape[1];
  const sampleShape = [input.shape[0], ...input.shape.slice(2)];
  if (input.ndim === 2) return { rows: input, numClasses: C, sampleShape };
  // [N, C, d1, …] → [N, d1, …, C] → [M, C]
  const axes = [0, ...input.shape.slice(2).map((_, i) => i + 2), 1];
  return { rows: input.permute(...axes).reshape([-1, C]), numClasses: C, sampleShape };
}
