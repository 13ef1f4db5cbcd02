// The package entry for Node: everything in the browser-safe core, with `io` extended by file
// functions (save, load, checkpoints) and `data` by file readers (CSV, IDX, Fashion-MNIST).
/**
 * The package entry for Node ("myelin"): everything in myelin/browser, plus the file functions
 * below (`io.save`/`io.load`, checkpoints, CSV and IDX readers) and the threaded and native
 * backends. Only what Node adds is listed here.
 *
 * @module myelin
 */
export * from "../index.js";
export * as io from "./io-namespace.js";
export * as data from "./data-namespace.js";
export {
  loadWasmThreads,
  unloadWasmThreads,
  wasmThreadsHealthy,
  type LoadWasmThreadsOptions,
} from "./threads.js";
export {
  loadNativeBackend,
  nativeStatus,
  type LoadNativeOptions,
  type NativeStatus,
} from "./native/index.js";
// the default backend in Node: native when its addon loads, else wasm, else js
import "./native/default.js";
