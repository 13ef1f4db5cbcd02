// Public surface of the model-file container (browser-safe: bytes in, bytes out).
export { encodeModelFile, type ModelFileContents } from "./encode.js";
export {
  decodeModelFile,
  checkModelFilePrefix,
  type DecodeOptions,
  type DecodedModelFile,
  type ModelFilePrefix,
} from "./decode.js";
export {
  ModelFormatError,
  ModelEncodeError,
  ChecksumMismatchError,
  IoError,
  type ModelFormatReason,
  type IoStep,
} from "./errors.js";
export { crc32c } from "./crc32c.js";
export { parseStrictJson, FORBIDDEN_KEYS, type JsonValue, type JsonObject } from "./strict-json.js";
export { canonicalJson } from "./canonical-json.js";
export {
  FORMAT_VERSION,
  OLDEST_FORMAT_VERSION,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_TENSORS,
  MAX_ELEMENTS,
  MAX_RANK,
  MAX_NAME_LENGTH,
} from "./layout.js";
