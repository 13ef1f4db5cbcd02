// How an elementwise activation is defined here: a scalar function f and its scalar derivative
// f′, both written out as formulas. Not exported publicly; the ops themselves are.
import { ValueError } from "../errors.js";
import { unaryOp } from "../ops/unary.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * Build an elementwise activation from f and f′ on numbers:
 *   forward   y = f(x)               x: any shape → y: same shape, same dtype
 *   backward  dx = dY ⊙ f′(x)
 * f and f′ run in float64 (JavaScript numbers); a float32 result is rounded once on store.
 * The derivative tensor f′(x) is built without a graph of its own (no second derivatives).
 */
export function activationOp(
  name: string,
  f: (x: number) => number,
  df: (x: number) => number,
): (x: Tensor) => Tensor {
  const derivative = unaryOp(`${name}Derivative`, df, null);
  return unaryOp(name, f, (dY, x) => dY.mul(derivative(x)));
}

/** σ(v) = 1 / (1 + e^(−v)), for numbers; e^(−v) is only formed for v ≥ 0, so it never overflows. */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** ln(1 + eᵛ) without overflow: max(v, 0) + ln(1 + e^(−|v|)). */
export function softplusScalar(v: number): number {
  return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
}

/** Throws ValueError "`who`: `name` must be a finite number, got v" unless v is a finite number. */
export function checkFinite(who: string, name: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ValueError(`${who}: ${name} must be a finite number, got ${String(v)}`);
}

/**
 * An activation's settings given as an options object (the names its layer takes), or undefined
 * for the defaults; anything else → ValueError "`who`: expected options `shape`, got …".
 * Positional numbers are turned into options by the caller before this.
 */
export function readActivationOptions<O extends object>(
  who: string,
  given: unknown,
  shape: string,
): Partial<O> {
  if (given === undefined) return {};
  if (given === null || typeof given !== "object" || Array.isArray(given)) {
    const got = typeof given === "string" ? JSON.stringify(given) : String(given);
    throw new ValueError(`${who}: expected options ${shape}, got ${got}`);
  }
  return given as Partial<O>;
}
