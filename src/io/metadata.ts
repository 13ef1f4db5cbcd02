// The metadata of a model file (everything in the header besides kind and architecture): its
// TypeScript type and the one validator that both the reader and the writer apply, so every
// field the library and the CLI read has the type it claims, and a file that saves also loads.
// Unknown fields are kept as they are (forward compatibility); `extra` is free-form.
import { preprocessorFromJSON } from "../data/preprocess.js";
import { MyelinError } from "../errors.js";
import { lossDescriptor } from "../losses/all.js";
import type { JsonObject, JsonValue } from "./strict-json.js";

/** The training summary `myelin train` writes (all fields optional; other fields are kept). */
export interface TrainingSummary {
  [field: string]: JsonValue | undefined;
  /** Epochs completed: a non-negative integer. */
  epochsRun?: number;
  /** Whether Ctrl-C stopped the run early. */
  interrupted?: boolean;
  /** "split.metric" → value; null where the value was not finite. */
  finalMetrics?: Record<string, number | null>;
  /** The run's options (free-form object). */
  hyperParameters?: JsonObject;
  /** The random seed: an integer. */
  seed?: number;
  /** ISO 8601 date of the run. */
  date?: string;
  /** Where the training data came from. */
  dataSource?: string;
  /** Row counts (non-negative integers) and the run's duration in seconds (≥ 0). */
  trainRows?: number;
  testRows?: number;
  seconds?: number;
  /** Checkpoints: the identity of the run that wrote them (free-form object). */
  checkpointOf?: JsonObject;
}

/** What a model file says besides the weights; all optional. */
export interface ModelMetadata {
  task?: "binary" | "multiclass" | "regression";
  /** Class names in class-index order: unique strings. */
  labelNames?: string[];
  /** Input column names in input order: unique strings. */
  featureNames?: string[];
  target?: string;
  /**
   * Fitted preprocessing (e.g. data.standardize(...).toJSON()), applied to raw input by predict:
   * one toJSON() object, an array of them applied in order, or null.
   */
  preprocessing?: JsonValue;
  /**
   * Loss the model was trained with: a name in losses/all.ts (LossName; checked on save and
   * load). Tells predict how to read outputs (logits, probabilities).
   */
  loss?: string;
  /** Training summary: epochs, final metrics, seed, date, … */
  training?: TrainingSummary;
  /** Extra sections, free-form (checkpoints put optimizer and RNG state here). */
  extra?: JsonValue;
}

const TASKS = ["binary", "multiclass", "regression"];
const MAX_NAMES = 1_000_000;

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === "string";
const isCount: Check = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** training.<field>: what it must be, and the test. */
const TRAINING_FIELDS: [keyof TrainingSummary, string, Check][] = [
  ["epochsRun", "a non-negative integer", isCount],
  ["interrupted", "a boolean", (v) => typeof v === "boolean"],
  ["finalMetrics", 'an object of numbers (or null), e.g. {"test.loss": 0.2}', isMetrics],
  ["hyperParameters", "an object", isObject],
  ["seed", "an integer", (v) => typeof v === "number" && Number.isSafeInteger(v)],
  ["date", "a string", isString],
  ["dataSource", "a string", isString],
  ["trainRows", "a non-negative integer", isCount],
  ["testRows", "a non-negative integer", isCount],
  ["seconds", "a non-negative number", (v) => typeof v === "number" && v >= 0 && v < Infinity],
  ["checkpointOf", "an object", isObject],
];

function isMetrics(v: unknown): boolean {
  return isObject(v) && Object.values(v).every((m) => m === null || typeof m === "number");
}

/** A metadata field that has the wrong type; `path` is e.g. "training.epochsRun". */
export class MetadataFieldError extends MyelinError {
  override name = "MetadataFieldError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Check every metadata field the library and the CLI read (task, labelNames, featureNames,
 * target, loss, preprocessing, training.*) and return them typed; other fields are ignored.
 * Throws MetadataFieldError naming the field path, what it must be and what it is.
 */
export function checkMetadata(header: Readonly<Record<string, unknown>>): ModelMetadata {
  const meta: ModelMetadata = {};
  const { task, target, loss, preprocessing, training, extra } = header;
  if (task !== undefined) {
    if (!TASKS.includes(task as string)) fail("task", "binary, multiclass or regression", task);
    meta.task = task as ModelMetadata["task"];
  }
  for (const key of ["labelNames", "featureNames"] as const) {
    if (header[key] !== undefined) meta[key] = checkNames(header[key], key);
  }
  if (target !== undefined) {
    if (typeof target !== "string") fail("target", "a string", target);
    meta.target = target;
  }
  if (loss !== undefined) {
    if (typeof loss !== "string" || lossDescriptor(loss) === undefined) {
      fail("loss", "the name of a loss in losses/all.ts (e.g. crossEntropy, mse)", loss);
    }
    meta.loss = loss;
  }
  if (preprocessing !== undefined) meta.preprocessing = checkPreprocessing(preprocessing);
  if (training !== undefined) meta.training = checkTraining(training);
  if (extra !== undefined) meta.extra = extra as JsonValue;
  return meta;
}

function checkNames(list: unknown, key: string): string[] {
  if (!Array.isArray(list) || list.length > MAX_NAMES) {
    fail(key, `an array of at most ${MAX_NAMES} strings`, list);
  }
  const seen = new Set<string>();
  list.forEach((name: unknown, i) => {
    if (typeof name !== "string") fail(`${key}[${i}]`, "a string", name);
    if (seen.has(name)) fail(`${key}[${i}]`, "unique", name);
    seen.add(name);
  });
  return list as string[];
}

function checkPreprocessing(p: unknown): ModelMetadata["preprocessing"] {
  if (p === null) return null;
  const steps = Array.isArray(p) ? p : [p];
  steps.forEach((step: unknown, i) => {
    const path = Array.isArray(p) ? `preprocessing[${i}]` : "preprocessing";
    if (!isObject(step)) fail(path, "a preprocessor object (kind standardize or minMax)", step);
    try {
      preprocessorFromJSON(step);
    } catch (e) {
      if (!(e instanceof MyelinError)) throw e;
      throw new MetadataFieldError(path, `${path} is not a valid preprocessor (${e.message})`);
    }
  });
  return p as JsonValue;
}

function checkTraining(t: unknown): TrainingSummary {
  if (!isObject(t)) fail("training", "an object", t);
  for (const [field, what, ok] of TRAINING_FIELDS) {
    const v = t[field];
    if (v !== undefined && !ok(v)) fail(`training.${field}`, what, v);
  }
  return t as TrainingSummary;
}

function fail(path: string, what: string, got: unknown): never {
  throw new MetadataFieldError(path, `${path} must be ${what}, got ${describe(got)}`);
}

/** A short, exception-free description of an untrusted value (parsed objects have no prototype). */
function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? "[]" : `an array of ${v.length}`;
  if (typeof v === "object" && v !== null) return Object.keys(v).length === 0 ? "{}" : "an object";
  const text = JSON.stringify(v) ?? typeof v;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
