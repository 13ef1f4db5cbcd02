// Node-only file helpers for model files (not importable in browsers).
export {
  writeFileAtomic,
  tempPathFor,
  TEMP_SUFFIX,
  type AtomicWriteOptions,
  type AtomicFs,
} from "./atomic-write.js";
export { cleanStaleTemps, processIsAlive, type CleanStaleTempsOptions } from "./stale-temps.js";
export { save, load, saveCheckpoint, loadCheckpoint, type Checkpoint } from "./model-file.js";
export { saveSafetensors, loadSafetensors, readSafetensorsFile } from "./safetensors-file.js";
export { exportOnnxFile, importOnnxFile, readOnnxFile } from "./onnx-file.js";
