import assert from "node:assert/strict";
import { test } from "node:test";
import { hasWasmSimd, simdProbeBytes } from "./feature-probe.js";

test("the SIMD probe validates on Node 20 (which ships WebAssembly SIMD)", () => {
  assert.equal(hasWasmSimd(), true);
});

test("the probe reports false for a module the engine rejects", () => {
  const bytes = simdProbeBytes();
  // replace i32x4.splat (0xfd 0x11) by an unassigned SIMD opcode (0xfd 0x7f... is not one, 0xff 0x01 is)
  bytes[bytes.length - 3] = 0xff;
  bytes[bytes.length - 2] = 0x01;
  assert.equal(hasWasmSimd(bytes), false);
  assert.equal(hasWasmSimd(new Uint8Array([0, 1, 2, 3])), false);
});
