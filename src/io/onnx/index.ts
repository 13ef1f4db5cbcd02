// ONNX export and import (browser-safe: bytes in, bytes out). See README.md for the op table.
export { exportOnnx, DEFAULT_OPSET, type OnnxExportOptions } from "./export.js";
export { importOnnx, type ImportedOnnx } from "./import.js";
export { describeOnnx, type OnnxDescription } from "./describe.js";
export { OnnxError, UnsupportedOnnxOpError, OnnxExportError, type OnnxReason } from "./errors.js";
