// safetensors: Myelin weights for PyTorch and back (browser-safe: bytes in, bytes out).
export { exportSafetensors, type ExportSafetensorsOptions } from "./export.js";
export { importSafetensors, type ImportSafetensorsOptions } from "./import.js";
export { pytorchSnippet, type PytorchSnippetOptions } from "./pytorch-snippet.js";
export { describeSafetensors, type SafetensorsDescription } from "./describe.js";
export {
  readSafetensors,
  checkSafetensorsPrefix,
  type SafetensorsFile,
  type SafetensorsTensor,
  type ReadSafetensorsOptions,
} from "./read.js";
export { writeSafetensors, type SafetensorsEntry } from "./write.js";
export { type SafetensorsDType } from "./format.js";
