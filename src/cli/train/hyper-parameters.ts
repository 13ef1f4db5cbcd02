// The resolved hyper-parameters of a `myelin train` run, keyed by the flags declared with `hyper`
// in flags.ts, and the two records made from them: the model file's and report's camelCase
// summary, and the checkpoint's run identity (data + every "fixed" hyper-parameter).
import type { train } from "../../node/index.js";
import type { JsonValue } from "../../io/strict-json.js";
import type { FlagSpecs, FlagValue } from "../args.js";
import type { RunIdentity } from "../checkpointing.js";
import { TRAIN_FLAGS } from "./flags.js";

type Declared = typeof TRAIN_FLAGS;

/** The flags declared as hyper-parameters. */
type HyperFlag = {
  [K in keyof Declared]: Declared[K] extends { hyper: string } ? K : never;
}[keyof Declared];

/** Values that differ from the flag's parsed type once resolved (absent → null, names → types). */
interface Resolved {
  layers: number[];
  loss: train.LossName;
  momentum: number | null;
  "weight-decay": number | null;
  /** The canonical name (initialize.ts). */
  init: string;
  /** Every value spelled out, e.g. "step:30:0.1", "cosine:150" (schedule.ts scheduleText). */
  schedule: string;
  "clip-norm": number | null;
  "clip-value": number | null;
  l1: number | null;
  l2: number | null;
  /** One probability for every hidden layer, or one per hidden layer. */
  dropout: number | number[];
  "batch-norm": boolean;
  /** The fraction cut from --data; null with --validation-data. */
  "validation-split": number | null;
  /** The fraction cut from --data; null with --test-data or data with its own test set. */
  "test-split": number | null;
  /** Early stopping's patience; null when it is off (--no-early-stopping, no validation set). */
  patience: number | null;
  backend: "js" | "wasm";
  /** CSV reading choices (null when not given): they change the rows a model trains on. */
  impute: string | null;
  categorical: string[] | null;
  delimiter: string | null;
}

/** One value per hyper-parameter flag: adding `hyper` to a flag makes it required here. */
export type HyperParameters = {
  [K in HyperFlag]: K extends keyof Resolved ? Resolved[K] : FlagValue<Declared[K]>;
};

/** What identifies the data of a run, besides the hyper-parameters. */
export interface RunData {
  data: string;
  "data sha256": string;
  task: string;
  target: string | null;
}

/** [flag name, value, kind] for each hyper-parameter, in declaration order. */
function entries(h: HyperParameters): [string, JsonValue, "fixed" | "may-grow"][] {
  const values = new Map<string, JsonValue>(Object.entries(h));
  const specs: FlagSpecs = TRAIN_FLAGS;
  const out: [string, JsonValue, "fixed" | "may-grow"][] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.hyper !== undefined) out.push([name, values.get(name) ?? null, spec.hyper]);
  }
  return out;
}

/** For the model file and the report: camelCase names ("batch-size" → batchSize). */
export function hyperParameterRecord(h: HyperParameters): Record<string, JsonValue> {
  const record: Record<string, JsonValue> = {};
  for (const [name, value] of entries(h)) {
    record[name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return record;
}

/** What a checkpoint must share with the run resuming it (--epochs may grow). */
export function runIdentity(h: HyperParameters, data: RunData): RunIdentity {
  const identity: RunIdentity = { ...data };
  for (const [name, value, kind] of entries(h)) if (kind === "fixed") identity[name] = value;
  return identity;
}
