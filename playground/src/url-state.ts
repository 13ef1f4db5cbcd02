// The Setup in the page's URL: encodeSetup writes every field as a query parameter, decodeSetup
// reads them back, checking each one. An invalid or unknown parameter never throws: the field keeps
// its default and a plain sentence about it goes into `problems`, for the page to show as text.
// Not here: the CSV data itself (a link cannot carry the user's file, only dataset=csv).
import { activations } from "../../src/index.js";
import {
  DATASETS,
  DEFAULT_SETUP,
  EXTRA_FEATURES,
  OPTIMIZERS,
  type ClipMode,
  type Setup,
} from "./setup.js";

/** Hidden activations offered: every library activation but the non-differentiable step. */
export const HIDDEN_ACTIVATIONS: readonly string[] = activations.names.filter((n) => n !== "step");

/**
 * Weight initialisations offered: names the worker helper's TrainingJob.init accepts, short where
 * a short name is usual ("xavier" = xavier-uniform, "he" = kaiming-normal, "lecun" = lecun-normal).
 */
export const INITS = [
  "default",
  "xavier",
  "xavier-normal",
  "he",
  "kaiming-uniform",
  "lecun",
  "lecun-uniform",
  "zeros",
] as const;

export const CLIP_MODES: readonly ClipMode[] = ["off", "norm", "value"];

/** Limits of the network editor. */
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_NEURONS = 8;

export interface DecodedSetup {
  setup: Setup;
  /** One sentence per parameter that was ignored or replaced by its default. */
  problems: string[];
}

/** Reads one parameter's text; returns the value, or the reason the text is not acceptable. */
type FieldReader<T> = (text: string) => T | { reason: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function numberIn(lo: number, hi: number, integer = false): FieldReader<number> {
  const kind = integer ? "an integer" : "a number";
  return (text) => {
    const v = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < lo || v > hi) {
      return { reason: `is not ${kind} in ${lo}–${hi}` };
    }
    return v;
  };
}

function positiveUpTo(hi: number): FieldReader<number> {
  const inRange = numberIn(0, hi);
  return (text) => {
    const v = inRange(text);
    return typeof v === "number" && v === 0 ? { reason: `must be greater than 0` } : v;
  };
}

function oneOf<T extends string>(choices: readonly T[]): FieldReader<T> {
  return (text) =>
    (choices as readonly string[]).includes(text)
      ? (text as T)
      : { reason: `is not one of ${choices.join(", ")}` };
}

/** A comma-separated list (empty text = empty list) of distinct items read by `item`. */
function listOf<T>(item: FieldReader<T>, maxLength: number, distinct: boolean): FieldReader<T[]> {
  return (text) => {
    if (text === "") return [];
    const parts = text.split(",");
    if (parts.length > maxLength) return { reason: `has more than ${maxLength} items` };
    const out: T[] = [];
    for (const part of parts) {
      const v = item(part);
      if (typeof v === "object" && v !== null && "reason" in v) {
        return { reason: `item ${JSON.stringify(part)} ${v.reason}` };
      }
      if (distinct && out.includes(v)) return { reason: `lists ${JSON.stringify(part)} twice` };
      out.push(v);
    }
    return out;
  };
}

const BOOLEAN: FieldReader<boolean> = (text) =>
  text === "true" || text === "1"
    ? true
    : text === "false" || text === "0"
      ? false
      : { reason: "is not true or false" };

/** How each Setup field is read from its text; encodeSetup writes the inverse. */
const READERS: { [K in keyof Setup]: FieldReader<Setup[K]> } = {
  dataset: oneOf(DATASETS),
  classes: numberIn(3, 5, true),
  noise: numberIn(0, 50),
  points: numberIn(50, 1000, true),
  trainRatio: numberIn(0.1, 0.9),
  seed: numberIn(0, 2 ** 31 - 1, true),
  features: listOf(oneOf(EXTRA_FEATURES), EXTRA_FEATURES.length, true),
  hidden: listOf(numberIn(1, MAX_NEURONS, true), MAX_HIDDEN_LAYERS, false),
  activation: oneOf(HIDDEN_ACTIVATIONS),
  init: oneOf(INITS),
  batchNorm: BOOLEAN,
  dropout: numberIn(0, 0.9),
  optimizer: oneOf(OPTIMIZERS),
  learningRate: positiveUpTo(10),
  batchSize: numberIn(1, 1000, true),
  l1: numberIn(0, 1),
  l2: numberIn(0, 1),
  clip: oneOf(CLIP_MODES),
  clipValue: positiveUpTo(1000),
  race: listOf(oneOf(OPTIMIZERS), OPTIMIZERS.length, true),
};

const FIELDS = Object.keys(READERS) as (keyof Setup)[];

function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
}

function describeDefault(value: unknown): string {
  return Array.isArray(value) ? (value.length ? value.join(",") : "none") : String(value);
}

/** Copy of a Setup (its arrays too), so callers never share the default's arrays. */
export function copySetup(setup: Setup): Setup {
  return {
    ...setup,
    features: [...setup.features],
    hidden: [...setup.hidden],
    race: [...setup.race],
  };
}

/**
 * The Setup a query string ("?a=1&b=2" or "a=1&b=2") describes. Missing fields take
 * DEFAULT_SETUP's value silently; invalid, repeated or unknown parameters are reported.
 */
export function decodeSetup(query: string): DecodedSetup {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const setup = copySetup(DEFAULT_SETUP);
  const problems: string[] = [];
  const record = setup as unknown as Record<string, unknown>;
  const seen = new Set<string>();
  for (const [key, text] of params) {
    if (!(FIELDS as string[]).includes(key)) {
      problems.push(`Unknown parameter ${shown(key)} ignored.`);
      continue;
    }
    if (seen.has(key)) {
      problems.push(`Parameter ${key} given more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    const value = (READERS[key as keyof Setup] as FieldReader<unknown>)(text);
    if (typeof value === "object" && value !== null && "reason" in value) {
      const fallback = describeDefault(record[key]);
      problems.push(
        `${key}=${shown(text)} ${(value as { reason: string }).reason}; using ${fallback}.`,
      );
    } else {
      record[key] = value;
    }
  }
  return { setup, problems };
}

function encodeValue(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

/** The query string (without "?") carrying every field of `setup`, in Setup's field order. */
export function encodeSetup(setup: Setup): string {
  const params = new URLSearchParams();
  for (const key of FIELDS) params.set(key, encodeValue(setup[key]));
  // commas are legal in a query: hidden=8,8,8 reads better than hidden=8%2C8%2C8
  return params.toString().replace(/%2C/g, ",");
}
