// Turning loss arguments into checked tensors: float targets of the input's shape, ±1 labels,
// integer class indices, per-class weights. Every check throws a typed error naming the loss.
import { IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { sameShape } from "../tensor/shape.js";
import { Tensor, type NestedArray } from "../tensor/tensor.js";

/** A target: a tensor, a plain number (rank 0) or a (nested) number array. */
export type TargetLike = Tensor | NestedArray | readonly number[];

/** A weight: a tensor or a (nested) number array. */
export type WeightLike = Tensor | NestedArray | readonly number[];

/** A tensor from a TargetLike, without a dtype change. */
export function asTensorArg(value: TargetLike, dtype: Tensor["dtype"]): Tensor {
  if (value instanceof Tensor) return value;
  return tensor(value as NestedArray, { dtype });
}

/** `target` as a tensor of exactly `input`'s shape and dtype (ShapeError naming both shapes). */
export function sameShapeAs(
  target: TargetLike,
  input: Tensor,
  op: string,
  name = "target",
): Tensor {
  const t = asTensorArg(target, input.dtype);
  if (!sameShape(t.shape, input.shape)) {
    throw new ShapeError(
      `${op}: ${name} shape ${fmtShape(t.shape)} does not match input shape ${fmtShape(input.shape)}`,
    );
  }
  return t.to(input.dtype);
}

/** Throw ValueError unless every element of y is +1 or −1. */
export function checkSigns(y: Tensor, op: string, name = "target"): void {
  for (let i = 0; i < y.size; i++) {
    const v = y.data[i];
    if (v !== 1 && v !== -1) {
      throw new ValueError(`${op}: ${name}[${i}] is ${v}; expected 1 or -1`);
    }
  }
}

/**
 * Class indices as an Int32Array, checked: each must be an integer in [0, C) or equal to
 * `ignoreIndex` (when given). `shape` is the shape the index tensor must have.
 */
export function classIndices(
  target: TargetLike,
  shape: readonly number[],
  numClasses: number,
  op: string,
  ignoreIndex?: number,
  inputShape?: readonly number[],
): Int32Array {
  const t = asTensorArg(target, "float64");
  if (!sameShape(t.shape, shape)) {
    const input = inputShape ? ` for input shape ${fmtShape(inputShape)}` : "";
    throw new ShapeError(
      `${op}: target shape ${fmtShape(t.shape)} does not fit: expected class indices of shape ${fmtShape(shape)}${input}`,
    );
  }
  const out = new Int32Array(t.size);
  for (let n = 0; n < t.size; n++) {
    const label = t.data[n];
    if (!Number.isInteger(label)) {
      throw new ValueError(`${op}: target of sample ${n} is ${label}, not an integer class index`);
    }
    if (label !== ignoreIndex && (label < 0 || label >= numClasses)) {
      const ignoreNote = ignoreIndex === undefined ? "" : ` (or ignoreIndex ${ignoreIndex})`;
      throw new IndexError(
        `${op}: target of sample ${n} is class ${label}, outside [0, ${numClasses})${ignoreNote}`,
      );
    }
    out[n] = label;
  }
  return out;
}

/** A per-class weight of shape [C] in `dtype`, or null when absent. */
export function classWeight(
  weight: WeightLike | undefined,
  numClasses: number,
  dtype: Tensor["dtype"],
  op: string,
  name = "weight",
): Tensor | null {
  if (weight === undefined) return null;
  const w = asTensorArg(weight, dtype);
  if (!sameShape(w.shape, [numClasses])) {
    throw new ShapeError(
      `${op}: ${name} shape ${fmtShape(w.shape)} does not match [C] = ${fmtShape([numClasses])}`,
    );
  }
  return w.to(dtype);
}

/** A weight that broadcasts to `shape` (without growing it), in `dtype`; null when absent. */
export function broadcastWeight(
  weight: WeightLike | undefined,
  shape: readonly number[],
  dtype: Tensor["dtype"],
  op: string,
  name = "weight",
): Tensor | null {
  if (weight === undefined) return null;
  const w = asTensorArg(weight, dtype);
  const lead = shape.length - w.ndim;
  const fits = lead >= 0 && w.shape.every((d, i) => d === 1 || d === shape[lead + i]);
  if (!fits) {
    throw new ShapeError(
      `${op}: ${name} shape ${fmtShape(w.shape)} does not broadcast to input shape ${fmtShape(shape)}`,
    );
  }
  return w.to(dtype);
}

/** Throw ValueError unless `value` is a finite number satisfying `ok`. */
export function checkNumber(
  value: number,
  op: string,
  name: string,
  ok: (v: number) => boolean,
  expected: string,
): number {
  if (typeof value !== "number" || Number.isNaN(value) || !ok(value)) {
    throw new ValueError(`${op}: ${name} is ${String(value)}; expected ${expected}`);
  }
  return value;
}

/** Check two vector batches [N, D] or [D] of one shape (ShapeError naming both). */
export function checkPair(x1: Tensor, x2: Tensor, op: string, names = ["x1", "x2"]): void {
  if (!sameShape(x1.shape, x2.shape) || x1.ndim < 1 || x1.ndim > 2) {
    throw new ShapeError(
      `${op}: ${names[0]} shape ${fmtShape(x1.shape)} and ${names[1]} shape ${fmtShape(x2.shape)} must be equal, [N, D] or [D]`,
    );
  }
}

/** Labels ±1 of shape x.shape without its last axis ([N] or []), in x's dtype. */
export function pairLabels(y: TargetLike, x: Tensor, op: string): Tensor {
  const t = asTensorArg(y, x.dtype);
  const expected = x.shape.slice(0, -1);
  if (!sameShape(t.shape, expected)) {
    throw new ShapeError(
      `${op}: target shape ${fmtShape(t.shape)} does not match ${fmtShape(expected)} for inputs of shape ${fmtShape(x.shape)}`,
    );
  }
  checkSigns(t, op);
  return t.to(x.dtype);
}
