// A checkpoint's TrainingState split into small JSON plus float64 tensors: every long array of
// numbers (optimizer moments, …) leaves the header and becomes a tensor of the file's tensor
// table, so the header stays small and loading costs about the file's size. Not file I/O.
import { ModelFormatError } from "../../io/errors.js";
import { CHECKPOINT_TENSOR_PREFIX } from "../../io/model.js";
import type { JsonValue } from "../../io/strict-json.js";
import { fromData } from "../../tensor/create.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ValueError } from "../../errors.js";

/** Arrays at least this long move to tensors; shorter ones stay inline. */
export const MIN_PACKED_LENGTH = 16;
/** The marker left in the JSON where an array was: { [MARKER_KEY]: tensor name }. */
const MARKER_KEY = "$float64";

/**
 * Non-finite values and −0 appear in a JSON state as these strings (optim/state-codec.ts). In a
 * JSON-normalised state a number is finite and never −0, so string ↔ float64 is one-to-one.
 */
const SPECIAL: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
  "-0": -0,
};

/**
 * JSON-normalise `state` (as JSON.stringify would) and move each array of ≥ MIN_PACKED_LENGTH
 * numbers (or "NaN"/"Infinity"/"-Infinity"/"-0") into a float64 tensor named
 * "checkpoint/<k>"; the array's place holds { "$float64": "checkpoint/<k>" }.
 */
export function packState(state: unknown): { json: JsonValue; tensors: [string, Tensor][] } {
  const tensors: [string, Tensor][] = [];
  const pack = (v: JsonValue): JsonValue => {
    if (Array.isArray(v)) {
      const values = v.length >= MIN_PACKED_LENGTH ? asFloat64(v) : undefined;
      if (values === undefined) return v.map(pack);
      const name = `${CHECKPOINT_TENSOR_PREFIX}${tensors.length}`;
      tensors.push([name, fromData(values, [values.length])]);
      return { [MARKER_KEY]: name };
    }
    if (v === null || typeof v !== "object") return v;
    if (isMarker(v)) throw new ValueError(`saveCheckpoint: the state holds a "${MARKER_KEY}" key`);
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = pack(x);
    return out;
  };
  return { json: pack(JSON.parse(JSON.stringify(state)) as JsonValue), tensors };
}

/**
 * Inverse of packState: each marker is replaced by its tensor's values (special values back as
 * their strings). A marker naming no float64 vector, or a state tensor no marker names, →
 * ModelFormatError. States written before packing (all inline) come back unchanged.
 */
export function unpackState(json: JsonValue, tensors: ReadonlyMap<string, Tensor>): JsonValue {
  const used = new Set<string>();
  const unpack = (v: JsonValue): JsonValue => {
    if (Array.isArray(v)) return v.map(unpack);
    if (v === null || typeof v !== "object") return v;
    if (isMarker(v)) return fromTensor(v[MARKER_KEY], tensors, used);
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = unpack(x);
    return out;
  };
  const state = unpack(json);
  for (const name of tensors.keys()) {
    if (!used.has(name)) {
      throw new ModelFormatError("bad-header", `state tensor "${name}" is not used by the state`);
    }
  }
  return state;
}

function fromTensor(name: JsonValue, tensors: ReadonlyMap<string, Tensor>, used: Set<string>) {
  const t = typeof name === "string" ? tensors.get(name) : undefined;
  if (
    t === undefined ||
    t.dtype !== "float64" ||
    t.shape.length !== 1 ||
    used.has(name as string)
  ) {
    const shown = JSON.stringify(name).slice(0, 80);
    throw new ModelFormatError(
      "bad-header",
      `state marker names no unused float64 vector: ${shown}`,
    );
  }
  used.add(name as string);
  return Array.from(t.data, encodeSpecial);
}

function isMarker(v: { [k: string]: JsonValue }): v is { [MARKER_KEY]: JsonValue } {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === MARKER_KEY;
}

/** The array as float64 when every element is a number or a special string; else undefined. */
function asFloat64(v: JsonValue[]): Float64Array | undefined {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x === "number") out[i] = x;
    else if (typeof x === "string" && Object.hasOwn(SPECIAL, x)) out[i] = SPECIAL[x];
    else return undefined;
  }
  return out;
}

function encodeSpecial(x: number): JsonValue {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return x;
}
