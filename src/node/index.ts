// The package entry for Node: everything in the browser-safe core, with `io` extended by file
// functions (save, load, checkpoints) and `data` by file readers (CSV, IDX, Fashion-MNIST).
export * from "../index.js";
export * as io from "./io-namespace.js";
export * as data from "./data-namespace.js";
export {
  loadWasmThreads,
  unloadWasmThreads,
  wasmThreadsHealthy,
  type LoadWasmThreadsOptions,
} from "./threads.js";
