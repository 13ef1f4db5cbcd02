// The committed generated module must match the AssemblyScript source: rebuild it to a temporary
// file with the same script and compiler, and compare the wasm bytes and the recorded source hash.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  MATMUL_WASM_BASE64,
  MATMUL_WASM_BYTES,
  MATMUL_WASM_SHARED_BASE64,
  MATMUL_WASM_SOURCE_SHA256,
} from "./generated/matmul-wasm.js";
import { decodeBase64 } from "./loader.js";

interface BuildScript {
  compile(): { wasm: Uint8Array; sharedWasm: Uint8Array; sourceHash: string };
  hashSource(): string;
}

async function buildScript(): Promise<BuildScript> {
  const url = new URL("../../../scripts/build-wasm.mjs", import.meta.url);
  return (await import(url.href)) as BuildScript;
}

test("generated/matmul-wasm.ts was built from the current assembly/*.ts (run npm run build:wasm)", async () => {
  const { hashSource } = await buildScript();
  assert.equal(MATMUL_WASM_SOURCE_SHA256, hashSource());
});

test("rebuilding the kernels gives byte-identical wasm to the committed modules (plain and shared)", async () => {
  const { compile } = await buildScript();
  const { wasm, sharedWasm } = compile();
  const committed = decodeBase64(MATMUL_WASM_BASE64);
  assert.equal(committed.length, MATMUL_WASM_BYTES);
  assert.deepEqual(committed, wasm);
  assert.deepEqual(decodeBase64(MATMUL_WASM_SHARED_BASE64), sharedWasm);
});
