// Reader of the Myelin model-file container. Untrusted bytes are checked completely (prefix,
// header text, JSON, tensor table, layout, padding) before any tensor storage is allocated, and
// every rejection is a ModelFormatError. Works on bytes only: reading files is the caller's job.
import { fromData } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { ValueError } from "../errors.js";
import { ModelFormatError } from "./errors.js";
import { readTensorData } from "./endian.js";
import {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_TENSORS,
  FORMAT_VERSION,
  MAGIC,
  PAD_BYTE,
  PREFIX_BYTES,
  align8,
} from "./layout.js";
import { parseStrictJson, type JsonObject } from "./strict-json.js";
import { checkTensorTable, type TensorSlot } from "./tensor-table.js";

export interface DecodeOptions {
  /** Largest accepted header, in bytes. Default 16 MiB. */
  maxHeaderBytes?: number;
  /** Largest accepted single tensor, in bytes. Default: no bound beyond 2^31 elements and the file size. */
  maxTensorBytes?: number;
  /** Deepest accepted JSON nesting (top-level object = 1), 2–1024. Default 64. */
  maxJsonDepth?: number;
  /** Most tensors accepted in one file. Default 100,000. */
  maxTensors?: number;
}

export interface DecodedModelFile {
  /** The header data, with null-prototype objects. */
  header: JsonObject;
  /** Tensors in name order, each with its own freshly allocated storage. */
  tensors: Map<string, Tensor>;
}

/**
 * Decode and validate a model file produced by encodeModelFile (layout in FORMAT.md).
 * Throws ModelFormatError (with `reason`) on any defect; never allocates more than the size of
 * `bytes` for tensor data. Throws ValueError only for invalid options.
 */
export function decodeModelFile(bytes: Uint8Array, options: DecodeOptions = {}): DecodedModelFile {
  const maxHeaderBytes = limit(options.maxHeaderBytes, DEFAULT_MAX_HEADER_BYTES, 2, 2 ** 32 - 1);
  const maxJsonDepth = limit(options.maxJsonDepth, DEFAULT_MAX_JSON_DEPTH, 2, 1024);
  const maxTensors = limit(options.maxTensors, DEFAULT_MAX_TENSORS, 0, 2 ** 32);
  const maxTensorBytes = limit(options.maxTensorBytes, Infinity, 0, Infinity);
  if (!(bytes instanceof Uint8Array)) {
    throw new ModelFormatError("bad-value", "decodeModelFile: expected a Uint8Array");
  }
  const headerLength = checkPrefix(bytes, maxHeaderBytes);
  const dataStart = align8(PREFIX_BYTES + headerLength);
  for (let i = PREFIX_BYTES + headerLength; i < dataStart; i++) {
    if (bytes[i] !== PAD_BYTE)
      throw new ModelFormatError("bad-padding", `header padding byte ${i}`);
  }
  const root = parseStrictJson(decodeUtf8(bytes, headerLength), maxJsonDepth, maxTensors);
  const keys = Object.keys(root).sort();
  if (keys.join() !== "header,tensors") {
    throw new ModelFormatError("bad-header", 'top-level keys must be exactly "header", "tensors"');
  }
  const header = root.header;
  if (header === null || typeof header !== "object" || Array.isArray(header)) {
    throw new ModelFormatError("bad-header", '"header" must be an object');
  }
  const dataLength = bytes.length - dataStart;
  const slots = checkTensorTable(root.tensors, dataLength, maxTensors, maxTensorBytes);
  checkDataPadding(bytes, dataStart, slots);
  const tensors = new Map<string, Tensor>();
  for (const s of slots) {
    const data = readTensorData(bytes, dataStart + s.byteOffset, s.dtype, s.size);
    tensors.set(s.name, fromData(data, s.shape));
  }
  return { header, tensors };
}

/** Validate magic, version and header length; returns the header length. */
function checkPrefix(bytes: Uint8Array, maxHeaderBytes: number): number {
  if (bytes.length < PREFIX_BYTES) {
    throw new ModelFormatError("too-small", `file is ${bytes.length} bytes, < ${PREFIX_BYTES}`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new ModelFormatError("bad-magic", "not a Myelin model file");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, PREFIX_BYTES);
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION) {
    throw new ModelFormatError(
      "unsupported-version",
      `format version ${version}; this reader supports ${FORMAT_VERSION}`,
    );
  }
  const headerLength = view.getUint32(12, true);
  if (headerLength < 2) {
    throw new ModelFormatError("bad-header", `header length ${headerLength} < 2`);
  }
  if (headerLength > maxHeaderBytes) {
    throw new ModelFormatError(
      "header-too-large",
      `header length ${headerLength} > maxHeaderBytes ${maxHeaderBytes}`,
    );
  }
  if (align8(PREFIX_BYTES + headerLength) > bytes.length) {
    throw new ModelFormatError(
      "header-truncated",
      `header of ${headerLength} bytes (+ padding) does not fit in ${bytes.length - PREFIX_BYTES} bytes`,
    );
  }
  return headerLength;
}

function decodeUtf8(bytes: Uint8Array, headerLength: number): string {
  const raw = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength);
  try {
    // ignoreBOM keeps a leading U+FEFF in the text, so a BOM fails the "starts with {" rule
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new ModelFormatError("bad-utf8", "header is not valid UTF-8");
  }
}

/** Bytes between tensors (alignment padding) must be zero, so each valid file is canonical. */
function checkDataPadding(
  bytes: Uint8Array,
  dataStart: number,
  slots: readonly TensorSlot[],
): void {
  let end = 0;
  const check = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      if (bytes[dataStart + i] !== 0) {
        throw new ModelFormatError("bad-padding", `nonzero padding at data byte ${i}`);
      }
    }
  };
  for (const s of slots) {
    check(end, s.byteOffset);
    end = s.byteOffset + s.byteLength;
  }
  check(end, bytes.length - dataStart);
}

function limit(v: number | undefined, fallback: number, lo: number, hi: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || Number.isNaN(v) || v < lo || v > hi) {
    throw new ValueError(`decodeModelFile: option ${String(v)} outside [${lo}, ${hi}]`);
  }
  return v;
}
