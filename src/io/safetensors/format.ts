// Fixed facts of the safetensors format (huggingface/safetensors): the element types, the header
// length prefix, and the limits this reader enforces. No parsing here (read.ts), no writing
// (write.ts).
//
//   [u64 LE n] [n bytes of UTF-8 JSON, padded with spaces] [data: every tensor's bytes, no holes]
//   JSON: { "__metadata__"?: { string: string }, NAME: { dtype, shape, data_offsets: [begin, end] } }
//   offsets are relative to the start of the data section; end − begin = product(shape) · itemsize.

/** Element types and their byte sizes (the names the format uses). */
export const ITEM_BYTES = {
  F64: 8,
  I64: 8,
  U64: 8,
  F32: 4,
  I32: 4,
  U32: 4,
  F16: 2,
  BF16: 2,
  I16: 2,
  U16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
} as const;

export type SafetensorsDType = keyof typeof ITEM_BYTES;

export function isSafetensorsDType(v: unknown): v is SafetensorsDType {
  return typeof v === "string" && Object.hasOwn(ITEM_BYTES, v);
}

/** The u64 header length before the JSON. */
export const LENGTH_PREFIX_BYTES = 8;
/** The key of the optional string → string metadata map. */
export const METADATA_KEY = "__metadata__";
/** Default bound on the header's byte length (checked before the header is decoded). */
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** Default bound on the number of tensors in one file. */
export const DEFAULT_MAX_TENSORS = 100_000;
/** A header nests at most 3 deep ({ name: { shape: [] } }); 4 leaves no room for more. */
export const MAX_JSON_DEPTH = 3;
/** Hard bound on a tensor's rank. */
export const MAX_RANK = 32;
/** Hard bound on the elements of one tensor: 2^31. */
export const MAX_ELEMENTS = 2 ** 31;
/** Hard bound on a tensor name's length in UTF-16 code units. */
export const MAX_NAME_LENGTH = 256;
/** Hard bound on the metadata's entries. */
export const MAX_METADATA_ENTRIES = 1024;
/** The header is padded with spaces so the data section starts at a multiple of this. */
export const DATA_ALIGN = 8;
