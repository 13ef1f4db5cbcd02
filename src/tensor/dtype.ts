// Element types. float32 is the default; float64 exists for gradient checks and careful numerics.
import { DTypeError } from "../errors.js";

/** Element type of a tensor: 32-bit (default) or 64-bit IEEE floats. */
export type DType = "float32" | "float64";
/**
 * The typed array holding a tensor's elements: Float32Array for "float32", Float64Array for "float64".
 */
export type Storage = Float32Array | Float64Array;

/** Throws DTypeError unless `dtype` is a known dtype name. */
export function checkDType(dtype: unknown, where: string): DType {
  if (dtype === "float32" || dtype === "float64") return dtype;
  throw new DTypeError(
    `${where}: unknown dtype ${JSON.stringify(dtype)}; expected "float32" or "float64"`,
  );
}

export function allocStorage(dtype: DType, size: number): Storage {
  return dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
}

export function storageDType(data: Storage): DType {
  return data instanceof Float64Array ? "float64" : "float32";
}

/** Result dtype of a binary op: float64 wins (as torch's type promotion between float types). */
export function promote(a: DType, b: DType): DType {
  return a === "float64" || b === "float64" ? "float64" : "float32";
}
