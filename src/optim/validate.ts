// Hyper-parameter checks shared by the optimizers: merge user options over the defaults
// (rejecting unknown keys and wrong types) and range checks that name the optimizer and value.
// Not the update rules themselves; those live one per file.
import { ValueError } from "../errors.js";

/** A hyper-parameter value: a number, a flag, or a pair such as `betas`. */
export type HyperValue = number | boolean | readonly number[];

/** Every optimizer's options: a learning rate plus named hyper-parameters. */
export type Hyper = { lr: number } & Record<string, HyperValue>;

function show(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return JSON.stringify(v) ?? String(v);
}

/**
 * `defaults` overlaid with `options`. Unknown keys (typos such as `weight_decay`) and values of
 * the wrong type throw ValueError naming the optimizer; ranges are checked by the caller.
 */
export function resolveOptions<H extends Hyper>(
  optimizer: string,
  defaults: H,
  options: Partial<H> | undefined,
): H {
  const out: Record<string, HyperValue> = { ...defaults };
  if (options === undefined) return out as H;
  if (options === null || typeof options !== "object") {
    throw new ValueError(`${optimizer}: options must be an object, got ${show(options)}`);
  }
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new ValueError(
        `${optimizer}: unknown option "${key}"; valid options are ${Object.keys(defaults).join(", ")}`,
      );
    }
    if (value === undefined) continue;
    out[key] = checkType(optimizer, key, defaults[key], value);
  }
  return out as H;
}

/** `value` must have the same kind as `example` (number, boolean, or number array of equal length). */
export function checkType(
  optimizer: string,
  key: string,
  example: HyperValue,
  value: unknown,
): HyperValue {
  if (Array.isArray(example)) {
    if (
      Array.isArray(value) &&
      value.length === example.length &&
      value.every((x) => typeof x === "number")
    ) {
      return [...(value as number[])];
    }
    throw new ValueError(
      `${optimizer}: ${key} must be an array of ${example.length} numbers, got ${show(value)}`,
    );
  }
  if (typeof value !== typeof example) {
    throw new ValueError(`${optimizer}: ${key} must be a ${typeof example}, got ${show(value)}`);
  }
  return value as HyperValue;
}

/** lr must be a finite number ≥ 0. */
export function checkLr(optimizer: string, lr: number): void {
  if (!(Number.isFinite(lr) && lr >= 0)) {
    throw new ValueError(
      `${optimizer}: invalid learning rate lr=${show(lr)}; need a finite lr ≥ 0`,
    );
  }
}

/** A finite number ≥ 0 (eps, momentum, weightDecay, lrDecay, …). */
export function checkNonNegative(optimizer: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new ValueError(`${optimizer}: invalid ${name}=${show(value)}; need a finite value ≥ 0`);
  }
}

/** A number in [0, 1] (rho, alpha). */
export function checkUnit(optimizer: string, name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new ValueError(`${optimizer}: invalid ${name}=${show(value)}; need 0 ≤ ${name} ≤ 1`);
  }
}

/** betas = [β₁, β₂] with each β in [0, 1). */
export function checkBetas(optimizer: string, betas: readonly number[]): void {
  betas.forEach((beta, i) => {
    if (!(beta >= 0 && beta < 1)) {
      throw new ValueError(
        `${optimizer}: invalid betas[${i}]=${show(beta)} in betas=${show(betas)}; need 0 ≤ β < 1`,
      );
    }
  });
}
