// The metadata of a model file (everything in the header besides kind and architecture): its
// TypeScript type and the one validator that both the reader and the writer apply, so every
// field the library and the CLI read has the type it claims, and a file that saves also loads.
// Unknown fields are kept as they are (forward compatibility); `extra` is free-form.
import { preprocessorFromJSON, Standardizer, type StandardizeJSON } from "../data/preprocess.js";
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
  /** Rows held out for testing. */
  testRows?: number;
  /** Duration of the run, in seconds. */
  seconds?: number;
  /** Checkpoints: the identity of the run that wrote them (free-form object). */
  checkpointOf?: JsonObject;
  /** Where the validation and test rows came from; null for none. */
  holdouts?: { [part: string]: Holdout | null; validation: Holdout | null; test: Holdout | null };
  /** What early stopping kept, when it ran. */
  earlyStopping?: EarlyStoppingSummary;
  /**
   * diagnostics.gradientFlow's records (per Linear layer: gradNorm, weightNorm, updateRatio,
   * saturated, dead; null where not finite or not measured), the healthCheck warnings and the
   * weight histograms at start and end.
   */
  diagnostics?: JsonObject;
}

/** Rows held out: cut from the data ("split", with its fraction), a file, or the data's own. */
export interface Holdout {
  [field: string]: JsonValue;
  /** Number of rows held out. */
  rows: number;
  /** Cut from the training data, read from a file, or the data set's own split. */
  from: "split" | "file" | "data";
}

/** Early stopping's result: the (1-based) epoch whose weights the model holds, and why it ended. */
export interface EarlyStoppingSummary {
  [field: string]: JsonValue;
  /** The logged value watched ("valLoss"). */
  monitor: string;
  /** Epochs without improvement allowed. */
  patience: number;
  /** The 1-based epoch whose weights the model holds. */
  keptEpoch: number;
  /** The best monitored value, reached at keptEpoch. */
  bestValLoss: number;
  /** Epochs trained before stopping. */
  epochsRun: number;
  /** True when patience ran out before the last epoch. */
  stoppedEarly: boolean;
}

/** What a model file says besides the weights; all optional. */
export interface ModelMetadata {
  /** The kind of target the model was trained for. */
  task?: "binary" | "multiclass" | "regression";
  /** Class names in class-index order: unique strings. */
  labelNames?: string[];
  /** Input column names in input order: unique strings. */
  featureNames?: string[];
  /** Name of the target column. */
  target?: string;
  /**
   * Fitted preprocessing (e.g. data.standardize(...).toJSON()), applied to raw input by predict:
   * one toJSON() object, an array of them applied in order, or null.
   */
  preprocessing?: JsonValue;
  /**
   * Regression only: the z-score the targets were trained as, z = (y − mean)/std per target column
   * (a data.standardize(y).toJSON()); predict and evaluate invert it, ŷ = z·std + mean, so
   * predictions and scores are in the target's units. Absent: the outputs are the targets.
   */
  targetScaling?: StandardizeJSON;
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
  /** "MetadataFieldError", as `err.name` and stack traces show it. */
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
  const { task, target, loss, preprocessing, targetScaling, training, extra } = header;
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
  if (preprocessing !== undefined)
    meta.preprocessing = checkPreprocessing(preprocessing, meta.featureNames);
  if (targetScaling !== undefined)
    meta.targetScaling = checkTargetScaling(targetScaling, meta.task);
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

function checkPreprocessing(
  p: unknown,
  featureNames: string[] | undefined,
): ModelMetadata["preprocessing"] {
  if (p === null) return null;
  const steps = Array.isArray(p) ? p : [p];
  steps.forEach((step: unknown, i) => {
    const path = Array.isArray(p) ? `preprocessing[${i}]` : "preprocessing";
    if (!isObject(step))
      fail(path, "a preprocessor object (kind columns, standardize or minMax)", step);
    try {
      preprocessorFromJSON(step);
    } catch (e) {
      if (!(e instanceof MyelinError)) throw e;
      throw new MetadataFieldError(path, `${path} is not a valid preprocessor (${e.message})`);
    }
    if (step.kind === "columns") checkColumnsStep(step, i, path, featureNames);
  });
  return p as JsonValue;
}

/**
 * A column encoder reads the raw CSV columns, so it is the first step and its columns are the
 * model's featureNames, in order (predict matches CSV columns by those names).
 */
function checkColumnsStep(
  step: Record<string, unknown>,
  i: number,
  path: string,
  featureNames: string[] | undefined,
): void {
  if (i > 0) fail(path, "the first step (a columns encoder reads the raw columns)", step.kind);
  const names = (step.columns as { name: string }[]).map((c) => c.name);
  const same =
    featureNames !== undefined &&
    names.length === featureNames.length &&
    names.every((n, k) => n === featureNames[k]);
  if (!same) fail(`${path}.columns`, "named as featureNames, in order", names);
}

function checkTargetScaling(t: unknown, task: ModelMetadata["task"]): StandardizeJSON {
  const what = 'a standardize object {"kind": "standardize", "mean": [μ…], "std": [σ > 0…]}';
  if (!isObject(t) || t.kind !== "standardize") fail("targetScaling", what, t);
  if (task !== undefined && task !== "regression") {
    fail("targetScaling", "absent unless task is regression", t);
  }
  try {
    Standardizer.fromJSON(t);
  } catch (e) {
    if (!(e instanceof MyelinError)) throw e;
    throw new MetadataFieldError("targetScaling", `targetScaling is not valid (${e.message})`);
  }
  return t as unknown as StandardizeJSON;
}

function checkTraining(t: unknown): TrainingSummary {
  if (!isObject(t)) fail("training", "an object", t);
  for (const [field, what, ok] of TRAINING_FIELDS) {
    const v = t[field];
    if (v !== undefined && !ok(v)) fail(`training.${field}`, what, v);
  }
  if (t.holdouts !== undefined) checkHoldouts(t.holdouts);
  if (t.earlyStopping !== undefined)
    checkFields("training.earlyStopping", t.earlyStopping, EARLY_STOPPING_FIELDS);
  if (t.diagnostics !== undefined) checkDiagnostics(t.diagnostics);
  return t as TrainingSummary;
}

const isNumberOrNull: Check = (v) => v === null || typeof v === "number";
const HEALTH_KINDS = ["vanishing", "exploding", "dead-relu", "saturated"];

/** training.diagnostics: { records: [{ epoch, step, layers: [...] }], warnings: [...], … }. */
function checkDiagnostics(d: unknown): void {
  const path = "training.diagnostics";
  checkFields(path, d, [
    ["records", "an array", Array.isArray],
    ["warnings", "an array", Array.isArray],
  ]);
  const { records, warnings } = d as { records: unknown[]; warnings: unknown[] };
  records.forEach((r, i) => {
    checkFields(`${path}.records[${i}]`, r, [
      ["epoch", "a non-negative integer", isCount],
      ["step", "a non-negative integer", isCount],
      ["layers", "an array", Array.isArray],
    ]);
    (r as { layers: unknown[] }).layers.forEach((l, k) =>
      checkFields(`${path}.records[${i}].layers[${k}]`, l, [
        ["layer", "a string", isString],
        ...["gradNorm", "weightNorm", "updateRatio", "saturated", "dead"].map(
          (f): [string, string, Check] => [f, "a number or null", isNumberOrNull],
        ),
      ]),
    );
  });
  warnings.forEach((w, i) =>
    checkFields(`${path}.warnings[${i}]`, w, [
      ["kind", HEALTH_KINDS.join(", "), (v) => HEALTH_KINDS.includes(v as string)],
      ["layer", "a string", isString],
      ["message", "a string", isString],
      ["remedy", "a string", isString],
      ["epoch", "a non-negative integer", isCount],
    ]),
  );
}

const isPositive: Check = (v) => isCount(v) && (v as number) >= 1;

/** training.earlyStopping.<field>: what it must be, and the test. */
const EARLY_STOPPING_FIELDS: [string, string, Check][] = [
  ["monitor", "a string", isString],
  ["patience", "a positive integer", isPositive],
  ["keptEpoch", "a positive integer", isPositive],
  ["bestValLoss", "a number", (v) => typeof v === "number"],
  ["epochsRun", "a non-negative integer", isCount],
  ["stoppedEarly", "a boolean", (v) => typeof v === "boolean"],
];

/** training.holdouts: { validation, test }, each null or { rows, from, fraction | file }. */
function checkHoldouts(h: unknown): void {
  if (!isObject(h)) fail("training.holdouts", "an object { validation, test }", h);
  for (const part of ["validation", "test"]) {
    const v = h[part];
    if (v === undefined || v === null) continue;
    checkFields(`training.holdouts.${part}`, v, [
      ["rows", "a non-negative integer", isCount],
      ["from", '"split", "file" or "data"', (x) => x === "split" || x === "file" || x === "data"],
      ["fraction", "absent or a number in [0, 1)", (x) => x === undefined || isFraction(x)],
      ["file", "absent or a string", (x) => x === undefined || isString(x)],
    ]);
  }
}

const isFraction: Check = (x) => typeof x === "number" && x >= 0 && x < 1;

/** An object whose listed fields pass their checks (absent is undefined: a check may allow it). */
function checkFields(path: string, v: unknown, fields: [string, string, Check][]): void {
  if (!isObject(v)) fail(path, "an object", v);
  for (const [field, what, ok] of fields) {
    if (!ok(v[field])) fail(`${path}.${field}`, what, v[field]);
  }
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
