// --backend: "js" (the reference kernels), "wasm" (SIMD matmul; an error where unsupported) or
// "auto" (wasm when this engine has WebAssembly SIMD, else js). Returns the name in use.
// Reaches the backends through the public Node entry only, never src/backend/ itself.
import { loadWasmBackend, setBackend } from "../node/index.js";
import { CliError } from "./output.js";

export type BackendChoice = "auto" | "js" | "wasm";

export function selectBackend(choice: BackendChoice): "js" | "wasm" {
  if (choice === "js") {
    setBackend("js");
    return "js";
  }
  const loaded = loadWasmBackend();
  if (loaded) {
    setBackend("wasm");
    return "wasm";
  }
  if (choice === "wasm") {
    throw new CliError(
      "--backend wasm: this Node.js has no WebAssembly SIMD",
      "use --backend js or a newer Node.js",
    );
  }
  setBackend("js");
  return "js";
}
