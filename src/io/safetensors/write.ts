// Writing a safetensors file from tensors given as little-endian bytes. Deterministic: the same
// tensors and metadata give the same bytes. The header lists "__metadata__" first, then the
// tensors by name; the data holds the 8-byte types first, then 4-, 2-, 1-byte ones (by name
// within a size), after a header padded with spaces to a multiple of 8, so every tensor starts at
// a multiple of its element size.
import { ModelEncodeError, type ModelFormatReason } from "../errors.js";
import {
  DATA_ALIGN,
  ITEM_BYTES,
  isSafetensorsDType,
  LENGTH_PREFIX_BYTES,
  MAX_ELEMENTS,
  MAX_NAME_LENGTH,
  MAX_RANK,
  METADATA_KEY,
  type SafetensorsDType,
} from "./format.js";

/** A tensor to write: name, type, shape and its bytes (little-endian, product(shape)·itemsize). */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDType;
  shape: readonly number[];
  data: Uint8Array;
}

function refuse(reason: ModelFormatReason, path: string, message: string): never {
  throw new ModelEncodeError(reason, path, `safetensors: ${message}`);
}

/**
 * The file's bytes. Throws ModelEncodeError for what a reader would refuse: an empty, too long or
 * repeated name, "__metadata__" as a tensor name, an unknown dtype, a bad shape, or bytes that
 * disagree with shape × dtype size.
 */
export function writeSafetensors(
  entries: readonly SafetensorsEntry[],
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const seen = new Set<string>();
  for (const e of entries) checkEntry(e, seen);
  const byName = (a: SafetensorsEntry, b: SafetensorsEntry) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const dataOrder = [...entries].sort(
    (a, b) => ITEM_BYTES[b.dtype] - ITEM_BYTES[a.dtype] || byName(a, b),
  );
  const offsets = new Map<string, [number, number]>();
  let cursor = 0;
  for (const e of dataOrder) {
    offsets.set(e.name, [cursor, cursor + e.data.length]);
    cursor += e.data.length;
  }
  const members: string[] = [];
  const metaKeys = Object.keys(metadata).sort();
  if (metaKeys.length > 0) {
    const pairs = metaKeys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`);
    members.push(`${JSON.stringify(METADATA_KEY)}:{${pairs.join(",")}}`);
  }
  for (const e of [...entries].sort(byName)) {
    const [begin, end] = offsets.get(e.name)!;
    members.push(
      `${JSON.stringify(e.name)}:{"dtype":"${e.dtype}","shape":[${e.shape.join(",")}],"data_offsets":[${begin},${end}]}`,
    );
  }
  const json = new TextEncoder().encode(`{${members.join(",")}}`);
  const padded = Math.ceil((LENGTH_PREFIX_BYTES + json.length) / DATA_ALIGN) * DATA_ALIGN;
  const headerBytes = padded - LENGTH_PREFIX_BYTES;
  const out = new Uint8Array(padded + cursor);
  new DataView(out.buffer).setUint32(0, headerBytes, true); // high 32 bits stay 0
  out.set(json, LENGTH_PREFIX_BYTES);
  out.fill(0x20, LENGTH_PREFIX_BYTES + json.length, padded);
  for (const e of dataOrder) out.set(e.data, padded + offsets.get(e.name)![0]);
  return out;
}

function checkEntry(e: SafetensorsEntry, seen: Set<string>): void {
  const path = `tensors[${JSON.stringify(e.name)}]`;
  if (typeof e.name !== "string" || e.name.length === 0 || e.name.length > MAX_NAME_LENGTH) {
    refuse(
      "bad-tensor-name",
      "tensors",
      `a tensor name must have 1 to ${MAX_NAME_LENGTH} characters`,
    );
  }
  if (e.name === METADATA_KEY) refuse("bad-tensor-name", path, `${METADATA_KEY} is reserved`);
  if (seen.has(e.name)) refuse("duplicate-tensor-name", path, `tensor ${e.name} given twice`);
  seen.add(e.name);
  if (!isSafetensorsDType(e.dtype)) refuse("bad-dtype", path, `unknown dtype ${String(e.dtype)}`);
  const sizeOk = (d: number) => Number.isSafeInteger(d) && d >= 0;
  if (e.shape.length > MAX_RANK || !e.shape.every(sizeOk)) {
    refuse("bad-shape", path, `shape [${e.shape.join(", ")}] is not a list of sizes`);
  }
  const size = e.shape.reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) refuse("too-many-elements", path, `more than ${MAX_ELEMENTS} elements`);
  if (size * ITEM_BYTES[e.dtype] !== e.data.length) {
    refuse(
      "bad-byte-length",
      path,
      `${e.data.length} bytes given for ${e.dtype} [${e.shape.join(", ")}], which needs ${size * ITEM_BYTES[e.dtype]}`,
    );
  }
}
