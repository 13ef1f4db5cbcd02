// `io` for Node: the core byte-level functions plus files on disk.
export * from "../io/public.js";
export {
  save,
  load,
  saveCheckpoint,
  loadCheckpoint,
  writeFileAtomic,
  cleanStaleTemps,
  saveSafetensors,
  loadSafetensors,
  exportOnnxFile,
  importOnnxFile,
  type Checkpoint,
  type CleanStaleTempsOptions,
  type AtomicWriteOptions,
  type AtomicFs,
} from "./io/index.js";
