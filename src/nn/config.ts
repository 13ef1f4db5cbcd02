// Readers for layer configs as they come from a model file (untrusted JSON): each checks one
// field's JSON type and bounds, with one message format. Semantic checks (eps ≥ 0, p ∈ [0, 1],
// minVal < maxVal) stay in the layer constructors; fromConfig = read the fields, then construct.
import { ValueError } from "../errors.js";

/**
 * A layer's constructor arguments as plain JSON data, as stored in a model file (untrusted on load).
 */
export type LayerConfig = Record<string, unknown>;

/** Largest feature count a file may declare (bounds the memory a file can make us allocate). */
export const MAX_FEATURES = 1 << 24;

/** config[key] as an integer in [1, MAX_FEATURES]; no default (the field is required). */
export function readCount(config: LayerConfig, key: string, type: string): number {
  const v = config[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_FEATURES) {
    throw new ValueError(
      `${type}: config.${key} must be an integer in [1, ${MAX_FEATURES}], got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** config[key] as a finite number, `fallback` when absent. */
export function readNumber(
  config: LayerConfig,
  key: string,
  type: string,
  fallback: number,
): number {
  const v = config[key] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ValueError(
      `${type}: config.${key} must be a finite number, got ${JSON.stringify(v)}`,
    );
  return v;
}

/** config[key] as a boolean, `fallback` when absent. */
export function readBoolean(
  config: LayerConfig,
  key: string,
  type: string,
  fallback: boolean,
): boolean {
  const v = config[key] ?? fallback;
  if (typeof v !== "boolean")
    throw new ValueError(`${type}: config.${key} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Activation configs hold only finite numbers (slopes, alphas, axes), booleans or short strings. */
export function readPlainOptions(config: LayerConfig, type: string): LayerConfig {
  const out: LayerConfig = {};
  for (const [k, v] of Object.entries(config)) {
    const ok =
      (typeof v === "number" && Number.isFinite(v)) ||
      typeof v === "boolean" ||
      (typeof v === "string" && v.length < 32);
    if (!ok)
      throw new ValueError(`${type}: config.${k} has an unsupported value ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}
