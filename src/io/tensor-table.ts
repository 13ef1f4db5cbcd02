// The header's tensor table: checking untrusted entries (decode) and building the canonical
// layout (encode). Both sides share one rule: tensors sorted by name, each at the next multiple
// of 8 after the previous one, so a valid table has exactly one byte layout.
import type { DType } from "../tensor/dtype.js";
import { ModelFormatError } from "./errors.js";
import { FORBIDDEN_KEYS, type JsonObject, type JsonValue } from "./strict-json.js";
import { ITEM_SIZE, MAX_ELEMENTS, MAX_NAME_LENGTH, MAX_RANK, align8 } from "./layout.js";

/** One checked tensor: where its bytes are in the data section and what they mean. */
export interface TensorSlot {
  name: string;
  dtype: DType;
  shape: number[];
  size: number;
  byteOffset: number;
  byteLength: number;
}

const ENTRY_KEYS = ["byteLength", "byteOffset", "dtype", "shape"];

/** Throws bad-tensor-name / forbidden-key unless `name` is 1–256 code units without NUL. */
export function checkTensorName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    const shown = typeof name === "string" ? `of length ${name.length}` : typeof name;
    throw new ModelFormatError(
      "bad-tensor-name",
      `tensor name ${shown}: names are 1–${MAX_NAME_LENGTH} characters`,
    );
  }
  if (name.includes("\0")) {
    throw new ModelFormatError(
      "bad-tensor-name",
      `tensor name ${JSON.stringify(name)} contains NUL`,
    );
  }
  if (FORBIDDEN_KEYS.has(name)) {
    throw new ModelFormatError("forbidden-key", `tensor name "${name}" is reserved`);
  }
  return name;
}

/**
 * Element count of `shape`, or ModelFormatError (bad-shape, too-many-elements). Every dim is a
 * non-negative safe integer ≤ 2^31 and the running product stays ≤ 2^31, so it never overflows.
 */
export function checkShape(shape: unknown, where: string): number {
  if (!Array.isArray(shape) || shape.length > MAX_RANK) {
    throw new ModelFormatError(
      "bad-shape",
      `${where}: shape must be an array of ≤ ${MAX_RANK} dims`,
    );
  }
  let size = 1;
  for (const d of shape as unknown[]) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) {
      throw new ModelFormatError(
        "bad-shape",
        `${where}: shape entry ${show(d)} is not a non-negative integer`,
      );
    }
    if (d > MAX_ELEMENTS) tooMany(where);
    size *= d; // both factors ≤ 2^31, so the product is exact below 2^53 or far above 2^31
  }
  if (size > MAX_ELEMENTS) tooMany(where);
  return size + 0; // a JSON "-0" dim would otherwise give a size of -0
}

function tooMany(where: string): never {
  throw new ModelFormatError("too-many-elements", `${where}: more than 2^31 elements`);
}

/**
 * Check an untrusted tensor table against a data section of `dataLength` bytes. Returns the
 * slots in name order. Nothing is allocated in proportion to the declared sizes.
 */
export function checkTensorTable(
  table: JsonValue,
  dataLength: number,
  maxTensors: number,
  maxTensorBytes: number,
): TensorSlot[] {
  if (table === null || typeof table !== "object" || Array.isArray(table)) {
    throw new ModelFormatError("bad-header", '"tensors" must be an object');
  }
  const names = Object.keys(table);
  if (names.length > maxTensors) {
    throw new ModelFormatError("too-many-tensors", `${names.length} tensors > limit ${maxTensors}`);
  }
  names.sort();
  const slots = names.map((name) => checkEntry(checkTensorName(name), table[name], dataLength));
  for (const s of slots) {
    if (s.byteLength > maxTensorBytes) {
      throw new ModelFormatError(
        "tensor-too-large",
        `tensor "${s.name}": ${s.byteLength} bytes > maxTensorBytes ${maxTensorBytes}`,
      );
    }
  }
  checkLayout(slots, dataLength);
  return slots;
}

function checkEntry(name: string, entry: JsonValue, dataLength: number): TensorSlot {
  const where = `tensor "${name}"`;
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    throw new ModelFormatError("bad-tensor-entry", `${where}: entry must be an object`);
  }
  const keys = Object.keys(entry).sort();
  if (keys.join() !== ENTRY_KEYS.join()) {
    throw new ModelFormatError(
      "bad-tensor-entry",
      `${where}: keys must be exactly ${ENTRY_KEYS.join(", ")}`,
    );
  }
  const e = entry as JsonObject;
  if (e.dtype !== "float32" && e.dtype !== "float64") {
    throw new ModelFormatError("bad-dtype", `${where}: unknown dtype ${show(e.dtype)}`);
  }
  const dtype: DType = e.dtype;
  const size = checkShape(e.shape, where);
  const { byteLength, byteOffset } = e;
  if (!isCount(byteLength) || byteLength !== size * ITEM_SIZE[dtype]) {
    throw new ModelFormatError(
      "bad-byte-length",
      `${where}: byteLength ${show(byteLength)} ≠ ${size} elements × ${ITEM_SIZE[dtype]} bytes`,
    );
  }
  if (!isCount(byteOffset)) {
    throw new ModelFormatError("bad-offset", `${where}: byteOffset ${show(byteOffset)} is invalid`);
  }
  if (byteOffset % 8 !== 0) {
    throw new ModelFormatError("misaligned-offset", `${where}: byteOffset ${byteOffset} % 8 ≠ 0`);
  }
  if (byteOffset + byteLength > dataLength) {
    throw new ModelFormatError(
      "out-of-bounds",
      `${where}: bytes [${byteOffset}, ${byteOffset + byteLength}) exceed the ${dataLength}-byte data section`,
    );
  }
  const shape = (e.shape as number[]).map((d) => d + 0); // -0 → 0
  return { name, dtype, shape, size, byteOffset, byteLength };
}

/** A short, exception-free description of an untrusted JSON value for messages. */
export function show(v: unknown): string {
  if (v === null || typeof v !== "object") return (JSON.stringify(v) ?? String(v)).slice(0, 40);
  return Array.isArray(v) ? "an array" : "an object";
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** Offsets must follow the canonical layout exactly; the data section ends after the last pad. */
function checkLayout(slots: readonly TensorSlot[], dataLength: number): void {
  let cursor = 0;
  for (const s of slots) {
    if (s.byteOffset !== cursor) {
      const reason = s.byteOffset < cursor ? "overlapping-tensors" : "gap-in-data";
      throw new ModelFormatError(
        reason,
        `tensor "${s.name}": byteOffset ${s.byteOffset}, expected ${cursor} (tensors are packed in name order)`,
      );
    }
    cursor = align8(cursor + s.byteLength);
  }
  if (dataLength > cursor) {
    throw new ModelFormatError(
      "trailing-bytes",
      `${dataLength - cursor} bytes after the last tensor (data section must end at ${cursor})`,
    );
  }
  if (dataLength < cursor) {
    throw new ModelFormatError("bad-padding", `data section ends before its final padding`);
  }
}

/** Build the canonical layout for tensors already sorted by name; returns the data length. */
export function planLayout(slots: TensorSlot[]): number {
  let cursor = 0;
  for (const s of slots) {
    s.byteOffset = cursor;
    cursor = align8(cursor + s.byteLength);
  }
  return cursor;
}
