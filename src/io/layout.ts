// Fixed facts of the Myelin model-file container (see FORMAT.md): the prefix of each version,
// alignment, and the limits every reader and writer enforces. No parsing here.
import type { DType } from "../tensor/dtype.js";

/** First 8 bytes of every model file: 0x89 "MYELIN" "\n" (high byte and newline catch text-mode damage). */
export const MAGIC: readonly number[] = [0x89, 0x4d, 0x59, 0x45, 0x4c, 0x49, 0x4e, 0x0a];
/** The container version writers produce: 2, with CRC-32C checksums of header and data. */
export const FORMAT_VERSION = 2;
/** The oldest version readers accept: 1, the same layout without checksums. */
export const OLDEST_FORMAT_VERSION = 1;
/** magic (8) + version u32 LE (4) + header byte length u32 LE (4): the same in every version. */
export const COMMON_PREFIX_BYTES = 16;
/** Version 2's prefix: the common 16 bytes + header CRC-32C u32 LE (4) + data CRC-32C u32 LE (4). */
export const PREFIX_BYTES = 24;
/** Version 1's prefix: the common 16 bytes, no checksums. */
export const PREFIX_BYTES_V1 = 16;
/** Byte offsets of version 2's checksums. */
export const HEADER_CRC_OFFSET = 16;
export const DATA_CRC_OFFSET = 20;

/** Where the header text starts in a file of `version` (a version this code reads). */
export function prefixBytesOf(version: number): number {
  return version === 1 ? PREFIX_BYTES_V1 : PREFIX_BYTES;
}
/** The data section and every tensor in it start at a multiple of this many bytes. */
export const ALIGN = 8;
/** Header padding byte (ASCII space), so prefix + header + padding is still JSON-ish text. */
export const PAD_BYTE = 0x20;

/** Default bound on the header's byte length. */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** Default bound on JSON nesting depth (the top-level object is depth 1). */
export const DEFAULT_MAX_JSON_DEPTH = 64;
/** Default bound on the number of tensors in one file. */
export const DEFAULT_MAX_TENSORS = 100_000;
/** Hard bound on the elements of one tensor: 2^31. */
export const MAX_ELEMENTS = 2 ** 31;
/** Hard bound on a tensor's rank. */
export const MAX_RANK = 32;
/** Hard bound on a tensor name's length in UTF-16 code units. */
export const MAX_NAME_LENGTH = 256;

export const ITEM_SIZE: Readonly<Record<DType, number>> = { float32: 4, float64: 8 };

/** Smallest multiple of ALIGN that is ≥ n. */
export function align8(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
