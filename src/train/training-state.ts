// Validation of a TrainingState read from a file (a checkpoint's `checkpoint` section): the shape
// fit's `resume` relies on, with every problem named by its field path. It does not check that
// the state fits a model or an optimizer (Optimizer.loadStateDict does that) or a run.
import { ModelFormatError } from "../io/errors.js";
import type { RandomState } from "../tensor/random.js";
import type { Logs } from "./callback.js";
import type { TrainingState } from "./fit.js";

/**
 * `value` as a TrainingState, or ModelFormatError "bad-header" naming `file` and the field:
 *   checkpoint            an object
 *   .epoch                an integer 0 ≤ epoch ≤ 2⁵³ − 1 (epochs completed)
 *   .history              an array of exactly `epoch` objects of numbers (null: a value JSON
 *                         could not hold, such as NaN)
 *   .optimizer            an object (its contents are checked by Optimizer.loadStateDict)
 *   .schedule             absent or an object
 *   .callbacks            absent or an array of objects or nulls (each checked by its callback's
 *                         loadStateDict)
 *   .shuffleRandom, .globalRandom
 *                         { s: [4 integers in −2³¹ … 2³² − 1], spareNormal: finite number | null },
 *                         s not all zero: xoshiro128** would then return 0 forever
 * The result is a fresh object (words as unsigned 32-bit), so extra keys do not reach fit.
 */
export function checkTrainingState(value: unknown, file: string): TrainingState {
  const fail = (path: string, problem: string): never => {
    throw new ModelFormatError("bad-header", `${file}: checkpoint${path} ${problem}`);
  };
  if (value === undefined) {
    throw new ModelFormatError(
      "bad-header",
      `${file} is a model file without training state (not a checkpoint)`,
    );
  }
  if (!isRecord(value)) return fail("", `must be an object, got ${kindOf(value)}`);
  const epoch = value.epoch;
  if (typeof epoch !== "number" || !Number.isSafeInteger(epoch) || epoch < 0) {
    return fail(".epoch", `must be an integer ≥ 0, got ${shown(epoch)}`);
  }
  if (!isRecord(value.optimizer)) {
    return fail(".optimizer", `must be an object, got ${kindOf(value.optimizer)}`);
  }
  if (value.schedule !== undefined && !isRecord(value.schedule)) {
    return fail(".schedule", `must be an object when present, got ${kindOf(value.schedule)}`);
  }
  const state: TrainingState = {
    epoch,
    optimizer: value.optimizer,
    shuffleRandom: checkRandomState(value.shuffleRandom, ".shuffleRandom", fail),
    globalRandom: checkRandomState(value.globalRandom, ".globalRandom", fail),
    history: checkHistory(value.history, epoch, fail),
  };
  if (value.schedule !== undefined) state.schedule = value.schedule;
  if (value.callbacks !== undefined) state.callbacks = checkCallbackStates(value.callbacks, fail);
  return state;
}

type Fail = (path: string, problem: string) => never;

const WORD_MIN = -(2 ** 31);
const WORD_MAX = 2 ** 32 - 1;

/** xoshiro128** state: four 32-bit words (written signed or unsigned) and the cached normal. */
function checkRandomState(v: unknown, path: string, fail: Fail): RandomState {
  if (!isRecord(v)) return fail(path, `must be an object, got ${kindOf(v)}`);
  const s = v.s;
  if (!Array.isArray(s) || s.length !== 4) {
    return fail(`${path}.s`, `must be an array of 4 integers, got ${shown(s)}`);
  }
  const words = s.map((w: unknown, i) => {
    if (typeof w !== "number" || !Number.isInteger(w) || w < WORD_MIN || w > WORD_MAX) {
      return fail(`${path}.s[${i}]`, `must be a 32-bit integer, got ${shown(w)}`);
    }
    return w >>> 0;
  });
  if (words.every((w) => w === 0)) {
    return fail(`${path}.s`, "is all zero, a state the generator never leaves (it yields only 0)");
  }
  const spare = v.spareNormal ?? null;
  if (spare !== null && (typeof spare !== "number" || !Number.isFinite(spare))) {
    return fail(`${path}.spareNormal`, `must be a finite number or null, got ${shown(spare)}`);
  }
  return { s: words as [number, number, number, number], spareNormal: spare };
}

/** One Logs object per completed epoch. */
function checkHistory(v: unknown, epoch: number, fail: Fail): Logs[] {
  if (!Array.isArray(v)) return fail(".history", `must be an array, got ${kindOf(v)}`);
  if (v.length !== epoch) {
    return fail(".history", `has ${v.length} entries but epoch is ${epoch} (one per epoch)`);
  }
  return v.map((entry: unknown, i) => {
    if (!isRecord(entry)) return fail(`.history[${i}]`, `must be an object, got ${kindOf(entry)}`);
    const values = Object.entries(entry).map(([key, x]): [string, number] => {
      if (x !== null && typeof x !== "number") {
        return fail(`.history[${i}].${key}`, `must be a number, got ${shown(x)}`);
      }
      return [key, x ?? NaN];
    });
    return Object.fromEntries(values); // own properties only, whatever the key
  });
}

/** One entry per callback: an object, or null for a callback without state. */
function checkCallbackStates(v: unknown, fail: Fail): unknown[] {
  if (!Array.isArray(v))
    return fail(".callbacks", `must be an array when present, got ${kindOf(v)}`);
  v.forEach((entry: unknown, i) => {
    if (entry !== null && !isRecord(entry)) {
      fail(`.callbacks[${i}]`, `must be an object or null, got ${kindOf(entry)}`);
    }
  });
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

/** A value for a message, at most 40 characters. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? text.slice(0, 37) + "…" : text;
}
