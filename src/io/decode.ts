// Reader of the Myelin model-file container, versions 1 and 2. Untrusted bytes are checked
// completely (prefix, checksums, header text, JSON, tensor table, layout, padding) before any
// tensor storage is allocated, and every rejection is a ModelFormatError. Works on bytes only:
// reading files is the caller's job.
import { fromData } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { ValueError } from "../errors.js";
import { crc32c } from "./crc32c.js";
import { ChecksumMismatchError, ModelFormatError } from "./errors.js";
import { readTensorData } from "./endian.js";
import {
  COMMON_PREFIX_BYTES,
  DATA_CRC_OFFSET,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_TENSORS,
  FORMAT_VERSION,
  HEADER_CRC_OFFSET,
  MAGIC,
  OLDEST_FORMAT_VERSION,
  PAD_BYTE,
  PREFIX_BYTES,
  align8,
  prefixBytesOf,
} from "./layout.js";
import { parseStrictJson, type JsonObject } from "./strict-json.js";
import { checkTensorTable, type TensorSlot } from "./tensor-table.js";

/** Options of {@link decodeModelFile}: limits on what an untrusted file may make it allocate. */
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

/** A model file's container, checked and decoded: version, JSON header and tensors by name. */
export interface DecodedModelFile {
  /** The container version the file was written in (1: no checksums; 2: checksums verified). */
  version: number;
  /** The header data, with null-prototype objects. */
  header: JsonObject;
  /** Tensors in name order, each with its own freshly allocated storage. */
  tensors: Map<string, Tensor>;
}

/**
 * Decode and validate a model file produced by encodeModelFile (layout in FORMAT.md).
 * Throws ModelFormatError (with `reason`; ChecksumMismatchError for a damaged version-2 file) on
 * any defect; never allocates more than the size of `bytes` for tensor data. Throws ValueError
 * only for invalid options.
 */
export function decodeModelFile(bytes: Uint8Array, options: DecodeOptions = {}): DecodedModelFile {
  const maxHeaderBytes = limit(options.maxHeaderBytes, DEFAULT_MAX_HEADER_BYTES, 2, 2 ** 32 - 1);
  const maxJsonDepth = limit(options.maxJsonDepth, DEFAULT_MAX_JSON_DEPTH, 2, 1024);
  const maxTensors = limit(options.maxTensors, DEFAULT_MAX_TENSORS, 0, 2 ** 32);
  const maxTensorBytes = limit(options.maxTensorBytes, Infinity, 0, Infinity);
  if (!(bytes instanceof Uint8Array)) {
    throw new ModelFormatError("bad-value", "decodeModelFile: expected a Uint8Array");
  }
  const { version, headerStart, headerLength } = checkModelFilePrefix(
    bytes,
    bytes.length,
    maxHeaderBytes,
  );
  const dataStart = align8(headerStart + headerLength);
  if (version >= 2) checkHeaderCrc(bytes, dataStart);
  for (let i = headerStart + headerLength; i < dataStart; i++) {
    if (bytes[i] !== PAD_BYTE)
      throw new ModelFormatError("bad-padding", `header padding byte ${i}`);
  }
  const headerText = decodeUtf8(bytes.subarray(headerStart, headerStart + headerLength));
  const root = parseStrictJson(headerText, maxJsonDepth, maxTensors);
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
  if (version >= 2) checkDataCrc(bytes, dataStart);
  const tensors = new Map<string, Tensor>();
  for (const s of slots) {
    const data = readTensorData(bytes, dataStart + s.byteOffset, s.dtype, s.size);
    tensors.set(s.name, fromData(data, s.shape));
  }
  return { version, header, tensors };
}

/** What the first 16 bytes of a model file say. */
export interface ModelFilePrefix {
  version: number;
  /** Byte offset of the header text: 16 in version 1, 24 in version 2. */
  headerStart: number;
  headerLength: number;
}

/**
 * Validate magic, version and header length from the first 16 bytes of a file of `fileSize`
 * bytes (`prefix` may be the whole file or just its start), so a file reader can refuse a file
 * before reading the rest. Throws ModelFormatError: too-small, bad-magic, unsupported-version,
 * bad-header, header-too-large, header-truncated.
 */
export function checkModelFilePrefix(
  prefix: Uint8Array,
  fileSize: number,
  maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES,
): ModelFilePrefix {
  if (fileSize < COMMON_PREFIX_BYTES || prefix.length < COMMON_PREFIX_BYTES) {
    throw new ModelFormatError("too-small", `file is ${fileSize} bytes, < ${COMMON_PREFIX_BYTES}`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (prefix[i] !== MAGIC[i]) throw new ModelFormatError("bad-magic", "not a Myelin model file");
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, COMMON_PREFIX_BYTES);
  const version = view.getUint32(8, true);
  if (version < OLDEST_FORMAT_VERSION || version > FORMAT_VERSION) {
    throw new ModelFormatError(
      "unsupported-version",
      `format version ${version}; this reader supports ${OLDEST_FORMAT_VERSION}–${FORMAT_VERSION}`,
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
  const headerStart = prefixBytesOf(version);
  if (align8(headerStart + headerLength) > fileSize) {
    throw new ModelFormatError(
      "header-truncated",
      `header of ${headerLength} bytes (+ padding) does not fit in ${fileSize - headerStart} bytes`,
    );
  }
  return { version, headerStart, headerLength };
}

/**
 * Version 2: the header CRC-32C covers bytes [0, 16) and [24, dataStart) — magic, version,
 * header length, header text and padding: every byte before the data but the two checksums.
 */
function checkHeaderCrc(bytes: Uint8Array, dataStart: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const expected = view.getUint32(HEADER_CRC_OFFSET, true);
  const actual = crc32c(
    bytes.subarray(PREFIX_BYTES, dataStart),
    crc32c(bytes.subarray(0, COMMON_PREFIX_BYTES)),
  );
  if (actual !== expected) {
    throw new ChecksumMismatchError(
      "header",
      expected,
      actual,
      `bytes 0–15 and 24–${dataStart - 1}`,
    );
  }
}

/** Version 2: the data CRC-32C covers the data section, [dataStart, end of file). */
function checkDataCrc(bytes: Uint8Array, dataStart: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const expected = view.getUint32(DATA_CRC_OFFSET, true);
  const actual = crc32c(bytes.subarray(dataStart));
  if (actual !== expected) {
    const covered = `the ${bytes.length - dataStart} data bytes from offset ${dataStart}`;
    throw new ChecksumMismatchError("data", expected, actual, covered);
  }
}

function decodeUtf8(raw: Uint8Array): string {
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
