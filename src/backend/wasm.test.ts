// The wasm SIMD backend against the conformance suite. Node 20 has WebAssembly SIMD, so a missing
// feature is a failure here, never a silent skip.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runBackendSuite } from "../../test/support/backend.case.js";
import { hasWasmSimd, wasmBackend } from "./wasm/index.js";

test("WebAssembly SIMD is available (required for the wasm backend tests)", () => {
  assert.equal(hasWasmSimd(), true, "WebAssembly SIMD missing: the wasm backend cannot be tested");
});
runBackendSuite("wasm", () => wasmBackend);
