// Reading a safetensors file from bytes, strictly: every length is checked against the bytes
// that are really there before anything is decoded, and the tensors must tile the data section
// exactly (no gaps, no overlaps, nothing after). The result points into the given bytes; turning
// tensors into Myelin weights is import.ts's job.
import { ModelFormatError, type ModelFormatReason } from "../errors.js";
import { parseStrictJson, type JsonObject, type JsonValue } from "../strict-json.js";
import {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_TENSORS,
  ITEM_BYTES,
  isSafetensorsDType,
  LENGTH_PREFIX_BYTES,
  MAX_ELEMENTS,
  MAX_JSON_DEPTH,
  MAX_METADATA_ENTRIES,
  MAX_NAME_LENGTH,
  MAX_RANK,
  METADATA_KEY,
  type SafetensorsDType,
} from "./format.js";

/** One tensor of a file: its type, shape and little-endian bytes (a view into the file). */
export interface SafetensorsTensor {
  dtype: SafetensorsDType;
  shape: number[];
  /** Number of elements: the product of the shape (1 for a scalar). */
  size: number;
  data: Uint8Array;
}

/** A parsed .safetensors file: its tensors by name and its string metadata. */
export interface SafetensorsFile {
  /** Tensors by name, in the order of their data (by offset). */
  tensors: Map<string, SafetensorsTensor>;
  /** The "__metadata__" map (empty when absent). */
  metadata: Record<string, string>;
  /** Byte length of the JSON header (without the 8-byte length prefix). */
  headerBytes: number;
}

/** Options of {@link readSafetensors}: limits on what an untrusted file may make it allocate. */
export interface ReadSafetensorsOptions {
  /** Largest accepted header, in bytes (default 16 MiB). */
  maxHeaderBytes?: number;
  /** Largest accepted number of tensors (default 100,000). */
  maxTensors?: number;
}

function fail(reason: ModelFormatReason, message: string): never {
  throw new ModelFormatError(reason, `safetensors: ${message}`);
}

/** Quote an untrusted name for a message, shortened. */
function shown(name: string): string {
  return JSON.stringify(name.length > 80 ? name.slice(0, 80) + "…" : name);
}

/**
 * The header length from the first 8 bytes (u64 LE), checked against `maxHeaderBytes` and the
 * file size. Throws ModelFormatError: too-small, header-too-large, header-truncated, bad-json.
 * Exported so a file reader can refuse a file from its first 8 bytes.
 */
export function checkSafetensorsPrefix(
  prefix: Uint8Array,
  fileBytes: number,
  maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES,
): number {
  if (fileBytes < LENGTH_PREFIX_BYTES || prefix.length < LENGTH_PREFIX_BYTES) {
    fail("too-small", `file is ${fileBytes} bytes, shorter than the 8-byte header length`);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, LENGTH_PREFIX_BYTES);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  if (high !== 0 || low > maxHeaderBytes) {
    const n = view.getBigUint64(0, true);
    fail("header-too-large", `header length ${n} exceeds the ${maxHeaderBytes}-byte limit`);
  }
  if (low < 2) fail("bad-json", `header length ${low} cannot hold a JSON object`);
  if (LENGTH_PREFIX_BYTES + low > fileBytes) {
    fail(
      "header-truncated",
      `header length ${low} runs past the end of the file (${fileBytes} bytes)`,
    );
  }
  return low;
}

/**
 * Parse and validate a whole safetensors file. Throws ModelFormatError (messages start with
 * "safetensors:") for any defect: sizes, UTF-8, JSON (strict: no duplicate keys), unknown dtypes,
 * bad shapes, offsets that disagree with shape × dtype size, leave the data, overlap, leave a
 * gap, or leave bytes unused after the last tensor.
 */
export function readSafetensors(
  bytes: Uint8Array,
  options: ReadSafetensorsOptions = {},
): SafetensorsFile {
  const headerBytes = checkSafetensorsPrefix(bytes, bytes.length, options.maxHeaderBytes);
  const headerEnd = LENGTH_PREFIX_BYTES + headerBytes;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(LENGTH_PREFIX_BYTES, headerEnd),
    );
  } catch {
    fail("bad-utf8", "header is not valid UTF-8");
  }
  const header = parseStrictJson(text, MAX_JSON_DEPTH);
  const data = bytes.subarray(headerEnd);
  const maxTensors = options.maxTensors ?? DEFAULT_MAX_TENSORS;
  const metadata = readMetadata(header[METADATA_KEY]);
  const entries: [string, SafetensorsTensor, number][] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === METADATA_KEY) continue;
    if (entries.length >= maxTensors) fail("too-many-tensors", `more than ${maxTensors} tensors`);
    entries.push(readEntry(name, entry, data));
  }
  checkTiling(entries, data.length);
  entries.sort((a, b) => a[2] - b[2] || a[1].data.length - b[1].data.length);
  return { tensors: new Map(entries.map(([n, t]) => [n, t])), metadata, headerBytes };
}

function readMetadata(v: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined) return out;
  if (!isObject(v)) fail("bad-metadata", `${METADATA_KEY} must be an object of strings`);
  const keys = Object.keys(v);
  if (keys.length > MAX_METADATA_ENTRIES) {
    fail("bad-metadata", `${METADATA_KEY} has more than ${MAX_METADATA_ENTRIES} entries`);
  }
  for (const key of keys) {
    const value = v[key];
    if (typeof value !== "string") {
      fail("bad-metadata", `${METADATA_KEY}[${shown(key)}] must be a string`);
    }
    out[key] = value;
  }
  return out;
}

/** One header entry → [name, tensor, begin offset]; the data range is within `data`. */
function readEntry(
  name: string,
  entry: JsonValue,
  data: Uint8Array,
): [string, SafetensorsTensor, number] {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    fail(
      "bad-tensor-name",
      `tensor name ${shown(name)} must have 1 to ${MAX_NAME_LENGTH} characters`,
    );
  }
  const where = `tensor ${shown(name)}`;
  if (!isObject(entry)) fail("bad-tensor-entry", `${where} must be an object`);
  const keys = Object.keys(entry).sort().join(",");
  if (keys !== "data_offsets,dtype,shape") {
    fail("bad-tensor-entry", `${where} must have exactly dtype, shape and data_offsets`);
  }
  const dtype = entry.dtype;
  if (!isSafetensorsDType(dtype)) {
    const got = typeof dtype === "string" ? shown(dtype) : "a non-string";
    fail(
      "bad-dtype",
      `${where} has unknown dtype ${got}; known: ${Object.keys(ITEM_BYTES).join(", ")}`,
    );
  }
  const shape = readShape(entry.shape, where);
  const size = shape.reduce((a, b) => a * b, 1); // ≤ MAX_ELEMENTS: checked by readShape
  const offsets = entry.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isOffset)) {
    fail("bad-offset", `${where}: data_offsets must be [begin, end], two non-negative integers`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) fail("bad-offset", `${where}: data_offsets [${begin}, ${end}] run backwards`);
  if (end > data.length) {
    fail("out-of-bounds", `${where}: data_offsets end ${end} is past the ${data.length}-byte data`);
  }
  const expected = size * ITEM_BYTES[dtype];
  if (end - begin !== expected) {
    fail(
      "bad-byte-length",
      `${where}: data_offsets span ${end - begin} bytes but ${dtype} [${shape.join(", ")}] needs ${expected}`,
    );
  }
  return [name, { dtype, shape, size, data: data.subarray(begin, end) }, begin];
}

function readShape(v: JsonValue | undefined, where: string): number[] {
  if (!Array.isArray(v) || v.length > MAX_RANK) {
    fail("bad-shape", `${where}: shape must be an array of at most ${MAX_RANK} sizes`);
  }
  let size = 1;
  for (const d of v) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) {
      fail("bad-shape", `${where}: shape sizes must be non-negative integers`);
    }
    size *= d;
    if (size > MAX_ELEMENTS) {
      fail("too-many-elements", `${where} has more than ${MAX_ELEMENTS} elements`);
    }
  }
  return v as number[];
}

/** The ranges must cover [0, dataBytes) exactly once: sorted, each begins where the last ended. */
function checkTiling(entries: [string, SafetensorsTensor, number][], dataBytes: number): void {
  const ranges = entries
    .map(([name, t, begin]) => ({ name, begin, end: begin + t.data.length }))
    .sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  let previous = "";
  for (const r of ranges) {
    if (r.begin < cursor) {
      fail(
        "overlapping-tensors",
        `tensors ${shown(previous)} and ${shown(r.name)} overlap at byte ${r.begin}`,
      );
    }
    if (r.begin > cursor) {
      fail("gap-in-data", `bytes ${cursor} to ${r.begin} of the data belong to no tensor`);
    }
    cursor = r.end;
    previous = r.name;
  }
  if (cursor !== dataBytes) {
    fail("trailing-bytes", `${dataBytes - cursor} bytes after the last tensor belong to no tensor`);
  }
}

function isOffset(v: JsonValue): boolean {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
