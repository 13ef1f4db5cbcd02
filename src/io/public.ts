// The browser-safe `io` namespace: model files to and from bytes. In Node, the package entry adds
// save/load/saveCheckpoint/loadCheckpoint on files (src/node/index.ts).
export {
  modelToBytes,
  modelFromBytes,
  UnknownLayerError,
  MODEL_KIND,
  type ModelMetadata,
  type LoadedModel,
} from "./model.js";
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
