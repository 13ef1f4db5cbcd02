// Writer of the Myelin model-file container (layout in FORMAT.md). Canonical: the same header
// data and tensors give the same bytes, whatever the key order or tensor order of the input.
import type { Tensor } from "../tensor/tensor.js";
import type { DType, Storage } from "../tensor/dtype.js";
import { ModelEncodeError, ModelFormatError } from "./errors.js";
import { canonicalJson } from "./canonical-json.js";
import { crc32c } from "./crc32c.js";
import { writeTensorData } from "./endian.js";
import {
  COMMON_PREFIX_BYTES,
  DATA_CRC_OFFSET,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_TENSORS,
  FORMAT_VERSION,
  HEADER_CRC_OFFSET,
  ITEM_SIZE,
  MAGIC,
  PAD_BYTE,
  PREFIX_BYTES,
  align8,
} from "./layout.js";
import { checkShape, checkTensorName, planLayout, type TensorSlot } from "./tensor-table.js";

/** What a model file holds: free-form JSON metadata plus named tensors. */
export interface ModelFileContents {
  /** Plain JSON data (objects, arrays, strings, finite numbers, booleans, null). */
  header: object;
  /** Named tensors; names are unique, 1–256 characters, without NUL. Order does not matter. */
  tensors: Iterable<readonly [string, Tensor]>;
}

/**
 * Encode a model file.
 *
 *   bytes = magic(8) · version u32 LE = 2 · L u32 LE · header CRC-32C u32 LE · data CRC-32C u32 LE
 *           · header JSON (L bytes) · spaces to ×8 · data
 *   header CRC = crc32c(bytes[0, 16) ‖ bytes[24, D)),  data CRC = crc32c(bytes[D, end))
 *   header JSON = canonical {"header": <header>, "tensors": {name: {byteLength, byteOffset,
 *                 dtype, shape}}}; data = tensors in name order, little-endian, each at ×8.
 *
 * Only each tensor's values are stored (not requiresGrad or grad). Throws ModelEncodeError (a
 * ValueError, with the JSON path of the refused value) when the header is not plain JSON data
 * (bad-value, forbidden-key, json-too-deep), a name is invalid or repeated, a tensor is not
 * float32/float64, or a limit of FORMAT.md is exceeded. `headerPath` names the header in those
 * paths (default "header"; modelToBytes says "meta").
 */
export function encodeModelFile(model: ModelFileContents, headerPath = "header"): Uint8Array {
  if (model === null || typeof model !== "object" || model.header === null) {
    throw new ModelEncodeError("bad-value", "", "encodeModelFile: expected { header, tensors }");
  }
  if (typeof model.header !== "object" || Array.isArray(model.header)) {
    const message = `encodeModelFile: ${headerPath} must be a plain object`;
    throw new ModelEncodeError("bad-value", headerPath, message);
  }
  const { slots, data } = encodingTensors(() => collectTensors(model.tensors));
  const dataLength = planLayout(slots);
  const table: Record<string, unknown> = {};
  for (const s of slots) {
    const { byteLength, byteOffset, dtype, shape } = s;
    Object.defineProperty(table, s.name, {
      value: { byteLength, byteOffset, dtype, shape },
      enumerable: true,
    });
  }
  // {"header":…,"tensors":…}: the two top-level keys in sorted order, each at depth 1
  const headerJson = canonicalJson(model.header, DEFAULT_MAX_JSON_DEPTH, 1, headerPath);
  const tableJson = canonicalJson(table, DEFAULT_MAX_JSON_DEPTH, 1, "tensors");
  const json = `{"header":${headerJson},"tensors":${tableJson}}`;
  const headerBytes = new TextEncoder().encode(json);
  if (headerBytes.length > DEFAULT_MAX_HEADER_BYTES) {
    throw new ModelEncodeError(
      "header-too-large",
      headerPath,
      `encodeModelFile: the header is ${headerBytes.length} bytes > ${DEFAULT_MAX_HEADER_BYTES}`,
    );
  }
  const dataStart = align8(PREFIX_BYTES + headerBytes.length);
  const out = new Uint8Array(dataStart + dataLength);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, PREFIX_BYTES);
  out.fill(PAD_BYTE, PREFIX_BYTES + headerBytes.length, dataStart);
  slots.forEach((s, i) => writeTensorData(out, dataStart + s.byteOffset, data[i]));
  const headerCrc = crc32c(
    out.subarray(PREFIX_BYTES, dataStart),
    crc32c(out.subarray(0, COMMON_PREFIX_BYTES)),
  );
  view.setUint32(HEADER_CRC_OFFSET, headerCrc, true);
  view.setUint32(DATA_CRC_OFFSET, crc32c(out.subarray(dataStart)), true);
  return out;
}

/** The tensor checks shared with the reader throw ModelFormatError; when writing, that is a refusal. */
function encodingTensors<T>(collect: () => T): T {
  try {
    return collect();
  } catch (e) {
    if (e instanceof ModelFormatError) {
      const message = e.message.slice(0, -` [${e.reason}]`.length);
      throw new ModelEncodeError(e.reason, "tensors", message);
    }
    throw e;
  }
}

/** Check names and tensors; return slots sorted by name with their storages. */
function collectTensors(tensors: ModelFileContents["tensors"]): {
  slots: TensorSlot[];
  data: Storage[];
} {
  const byName = new Map<string, { slot: TensorSlot; storage: Storage }>();
  if (tensors === null || typeof tensors !== "object" || !(Symbol.iterator in tensors)) {
    throw new ModelFormatError(
      "bad-value",
      "encodeModelFile: tensors must be [name, Tensor] pairs",
    );
  }
  for (const pair of tensors) {
    const name = checkTensorName(Array.isArray(pair) ? (pair[0] as unknown) : undefined);
    const t = (pair as readonly unknown[])[1] as Tensor | undefined;
    const storage = t?.data as unknown;
    if (!(storage instanceof Float32Array) && !(storage instanceof Float64Array)) {
      throw new ModelFormatError("bad-dtype", `encodeModelFile: "${name}" is not a float tensor`);
    }
    if (byName.has(name)) {
      throw new ModelFormatError("duplicate-tensor-name", `encodeModelFile: "${name}" repeated`);
    }
    const shape = [...t!.shape];
    const size = checkShape(shape, `encodeModelFile: tensor "${name}"`);
    if (size !== storage.length) {
      throw new ModelFormatError("bad-shape", `encodeModelFile: "${name}" shape ≠ data length`);
    }
    const dtype: DType = storage instanceof Float64Array ? "float64" : "float32";
    const byteLength = size * ITEM_SIZE[dtype];
    byName.set(name, { slot: { name, dtype, shape, size, byteOffset: 0, byteLength }, storage });
    if (byName.size > DEFAULT_MAX_TENSORS) {
      throw new ModelFormatError("too-many-tensors", `encodeModelFile: > ${DEFAULT_MAX_TENSORS}`);
    }
  }
  const names = [...byName.keys()].sort();
  return {
    slots: names.map((n) => byName.get(n)!.slot),
    data: names.map((n) => byName.get(n)!.storage),
  };
}
