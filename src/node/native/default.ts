// In Node the first getBackend() (when nothing was chosen) prefers the native backend, then wasm
// SIMD, then js; imported for this side effect by the Node entry (src/node/index.ts) only.
import { loadWasmBackend, setDefaultBackendChoice, type BackendName } from "../../backend/index.js";
import { loadNativeBackend } from "./index.js";

setDefaultBackendChoice((): BackendName => {
  if (loadNativeBackend()) return "native";
  return loadWasmBackend() ? "wasm" : "js";
});
