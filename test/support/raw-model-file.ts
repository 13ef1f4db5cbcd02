// Assembles a container from raw header text and data bytes WITHOUT any validation, so tests and
// fuzzers can build files that break one rule at a time. Not for producing real model files.
import { crc32c } from "../../src/io/crc32c.js";
import {
  COMMON_PREFIX_BYTES,
  DATA_CRC_OFFSET,
  FORMAT_VERSION,
  HEADER_CRC_OFFSET,
  MAGIC,
  PAD_BYTE,
  PREFIX_BYTES,
  align8,
  prefixBytesOf,
} from "../../src/io/layout.js";

export interface RawFileParts {
  /** Header bytes, or text encoded as UTF-8. */
  header: string | Uint8Array;
  /** Data section bytes (placed at the 8-aligned offset after the header). Default empty. */
  data?: Uint8Array;
  /** Overrides of the prefix fields. Version 1 gets the 16-byte prefix, any other the 24-byte one. */
  version?: number;
  headerLength?: number;
  magic?: readonly number[];
  /** Version 2: store these instead of the correct CRC-32C values. */
  headerCrc?: number;
  dataCrc?: number;
}

/**
 * magic · version · headerLength · [header CRC · data CRC] · header · spaces to ×8 · data.
 * Files of version ≠ 1 are sealed with the checksums the reader will compute (from the declared
 * header length), so a test reaches the rule it breaks instead of a checksum mismatch. @internal
 */
export function rawModelFile(parts: RawFileParts): Uint8Array {
  const header =
    typeof parts.header === "string" ? new TextEncoder().encode(parts.header) : parts.header;
  const data = parts.data ?? new Uint8Array(0);
  const version = parts.version ?? FORMAT_VERSION;
  const headerStart = prefixBytesOf(version);
  const dataStart = align8(headerStart + header.length);
  const out = new Uint8Array(dataStart + data.length);
  out.set(parts.magic ?? MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, version, true);
  view.setUint32(12, parts.headerLength ?? header.length, true);
  out.set(header, headerStart);
  out.fill(PAD_BYTE, headerStart + header.length, dataStart);
  out.set(data, dataStart);
  if (version !== 1) seal(out, parts.headerCrc, parts.dataCrc);
  return out;
}

/**
 * Rewrite a version-2 file's checksums for its current bytes (so a test that edits a valid file
 * reaches the rule it breaks), or store the given values. Returns `file`, changed in place.
 * @internal
 */
export function seal(file: Uint8Array, headerCrc?: number, dataCrc?: number): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.length);
  const declared = align8(PREFIX_BYTES + view.getUint32(12, true));
  const dataStart = Math.min(declared, file.length);
  const header = crc32c(
    file.subarray(PREFIX_BYTES, dataStart),
    crc32c(file.subarray(0, COMMON_PREFIX_BYTES)),
  );
  view.setUint32(HEADER_CRC_OFFSET, headerCrc ?? header, true);
  view.setUint32(DATA_CRC_OFFSET, dataCrc ?? crc32c(file.subarray(dataStart)), true);
  return file;
}

/** Header text with the given tensor table (an object literal's JSON) and an empty user header. */
export function headerWithTable(table: string, header = "{}"): string {
  return `{"header":${header},"tensors":${table}}`;
}
