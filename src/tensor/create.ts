// Creating tensors: from nested arrays, filled, ranges, identity and random (seeded) values.
import { ShapeError, ValueError } from "../errors.js";
import { allocStorage, checkDType, type DType, type Storage } from "./dtype.js";
import { globalRandom, type Random } from "./random.js";
import { checkShape, sizeOf } from "./shape.js";
import { Tensor, type NestedArray } from "./tensor.js";

/**
 * Options of the tensor constructors: dtype ("float32" by default) and whether to track gradients.
 */
export interface CreateOptions {
  /** Element type. Default "float32". */
  dtype?: DType;
  /** Track gradients: backward() fills this tensor's `.grad`. Default false. */
  requiresGrad?: boolean;
}

/** Infer the shape of a nested array, checking that it is rectangular and numeric. */
function inferShape(value: unknown, path: string): number[] {
  if (typeof value === "number") return [];
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new ValueError(
      `tensor: element at ${path || "top level"} is ${describe(value)}, expected a number or an array`,
    );
  }
  const arr = value as ArrayLike<unknown>;
  if (arr.length === 0) return [0];
  const inner = inferShape(arr[0], `${path}[0]`);
  for (let i = 1; i < arr.length; i++) {
    const s = inferShape(arr[i], `${path}[${i}]`);
    if (s.length !== inner.length || s.some((d, j) => d !== inner[j])) {
      throw new ShapeError(
        `tensor: nested array is not rectangular: ${path}[0] has shape [${inner.join(", ")}] but ${path}[${i}] has shape [${s.join(", ")}]`,
      );
    }
  }
  return [arr.length, ...inner];
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return typeof v;
}

/**
 * Build a tensor from a number, a nested array or a typed array.
 *   tensor([[1, 2], [3, 4]])                       // float32, shape [2, 2]
 *   tensor([1, 2], { dtype: "float64", requiresGrad: true })
 */
export function tensor(
  value: NestedArray | ArrayLike<number>,
  options: CreateOptions = {},
): Tensor {
  const dtype = checkDType(options.dtype ?? "float32", "tensor");
  const shape = inferShape(value, "");
  const data = allocStorage(dtype, sizeOf(shape));
  let k = 0;
  const fill = (v: unknown): void => {
    if (typeof v === "number") data[k++] = v;
    else
      for (let i = 0; i < (v as ArrayLike<unknown>).length; i++) fill((v as ArrayLike<unknown>)[i]);
  };
  fill(value);
  return new Tensor(data, shape, options.requiresGrad ?? false);
}

/** Wrap an existing typed array (no copy) with a shape. */
export function fromData(
  data: Storage,
  shape: readonly number[],
  options: { requiresGrad?: boolean } = {},
): Tensor {
  return new Tensor(data, checkShape([...shape], "fromData"), options.requiresGrad ?? false);
}

function filled(
  shape: readonly number[],
  value: number,
  options: CreateOptions,
  op: string,
): Tensor {
  const s = checkShape([...shape], op);
  const data = allocStorage(checkDType(options.dtype ?? "float32", op), sizeOf(s));
  if (value !== 0) data.fill(value);
  return new Tensor(data, s, options.requiresGrad ?? false);
}

/** A tensor of `shape` filled with 0. */
export function zeros(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return filled(shape, 0, options, "zeros");
}

/** A tensor of `shape` filled with 1. */
export function ones(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return filled(shape, 1, options, "ones");
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options: CreateOptions = {}): Tensor {
  return filled(shape, value, options, "full");
}

/** Zeros with x's shape and (unless overridden) dtype. */
export function zerosLike(x: Tensor, options: CreateOptions = {}): Tensor {
  return zeros(x.shape, { dtype: x.dtype, ...options });
}

/** Ones with x's shape and (unless overridden) dtype. */
export function onesLike(x: Tensor, options: CreateOptions = {}): Tensor {
  return ones(x.shape, { dtype: x.dtype, ...options });
}

/** Values start, start + step, … below end (like Python's range / torch.arange). */
export function arange(start: number, end?: number, step = 1, options: CreateOptions = {}): Tensor {
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(step) || step === 0) {
    throw new ValueError(
      `arange: start, end and step must be finite and step non-zero (got ${lo}, ${hi}, ${step})`,
    );
  }
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = allocStorage(checkDType(options.dtype ?? "float32", "arange"), n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return new Tensor(data, [n], options.requiresGrad ?? false);
}

/** n evenly spaced values from start to end inclusive. */
export function linspace(
  start: number,
  end: number,
  n: number,
  options: CreateOptions = {},
): Tensor {
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`linspace: n must be a non-negative integer, got ${n}`);
  const data = allocStorage(checkDType(options.dtype ?? "float32", "linspace"), n);
  for (let i = 0; i < n; i++) data[i] = n === 1 ? start : start + ((end - start) * i) / (n - 1);
  return new Tensor(data, [n], options.requiresGrad ?? false);
}

/** Identity matrix [n, m] (m defaults to n). */
export function eye(n: number, m = n, options: CreateOptions = {}): Tensor {
  const t = filled([n, m], 0, options, "eye");
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

export interface RandomOptions extends CreateOptions {
  /** Generator to draw from; the global one (see seed()) by default. */
  generator?: Random;
}

/** Standard normal samples N(0, 1) (scaled: mean + std · z). */
export function randn(
  shape: readonly number[],
  options: RandomOptions & { mean?: number; std?: number } = {},
): Tensor {
  const t = filled(shape, 0, options, "randn");
  const g = options.generator ?? globalRandom;
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  for (let i = 0; i < t.size; i++) t.data[i] = mean + std * g.normal();
  return t;
}

/** Uniform samples in [low, high) (default [0, 1)). */
export function rand(
  shape: readonly number[],
  options: RandomOptions & { low?: number; high?: number } = {},
): Tensor {
  const t = filled(shape, 0, options, "rand");
  const g = options.generator ?? globalRandom;
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  for (let i = 0; i < t.size; i++) t.data[i] = low + (high - low) * g.uniform();
  return t;
}
