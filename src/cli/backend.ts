// --backend: "js" (the reference kernels), "wasm" (SIMD matmul; an error where unsupported) or
// "auto" (wasm when this engine has WebAssembly SIMD, else js). Returns the name in use.
import { setBackend } from "../node/index.js";
import { loadWasmBackend } from "../backend/wasm/index.js";
import { CliError } from "./output.js";

export function selectBackend(choice: string): "js" | "wasm" {
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
