// The browser-safe `io` namespace: model files to and from bytes. In Node, the package entry adds
// save/load/saveCheckpoint/loadCheckpoint on files (src/node/index.ts).
export {
  modelToBytes,
  modelFromBytes,
  UnknownLayerError,
  MODEL_KIND,
  type ModelMetadata,
  type LoadedModel,
  type TrainingSummary,
} from "./model.js";
export type { JsonValue, JsonObject } from "./strict-json.js";
export type { Holdout, EarlyStoppingSummary } from "./metadata.js";
export type { ModelFormatReason, IoStep } from "./errors.js";
export type { DecodeOptions, DecodedModelFile } from "./decode.js";
export type { ModelFileContents } from "./encode.js";
export {
  encodeModelFile,
  decodeModelFile,
  ModelFormatError,
  ModelEncodeError,
  ChecksumMismatchError,
  IoError,
} from "./index.js";
export {
  exportSafetensors,
  importSafetensors,
  pytorchSnippet,
  describeSafetensors,
  readSafetensors,
  type ExportSafetensorsOptions,
  type ImportSafetensorsOptions,
  type PytorchSnippetOptions,
  type SafetensorsDescription,
  type SafetensorsFile,
  type SafetensorsTensor,
} from "./safetensors/index.js";
export type { ReadSafetensorsOptions } from "./safetensors/read.js";
export {
  exportOnnx,
  importOnnx,
  describeOnnx,
  OnnxError,
  UnsupportedOnnxOpError,
  OnnxExportError,
  type OnnxExportOptions,
  type ImportedOnnx,
  type OnnxDescription,
  type OnnxReason,
} from "./onnx/index.js";
