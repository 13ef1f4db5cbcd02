import assert from "node:assert/strict";
import { test } from "node:test";
import { getBackend, listBackends, setBackend } from "../registry.js";
import { loadWasmBackend } from "../index.js";

test("loadWasmBackend registers a 'wasm' backend that setBackend can select", () => {
  assert.equal(loadWasmBackend(), true);
  assert.ok(listBackends().includes("wasm"));
  setBackend("wasm");
  try {
    const backend = getBackend();
    assert.equal(backend.name, "wasm");
    // small (js path) and large (wasm path) products, float32 and float64, closed form:
    // A[i,p] = 1, B[p,j] = j ⇒ C[i,j] = k·j
    for (const [m, k, n] of [
      [2, 3, 4],
      [40, 50, 60],
    ]) {
      for (const Type of [Float32Array, Float64Array]) {
        const a = new Type(m * k).fill(1);
        const b = new Type(k * n).map((_, idx) => idx % n);
        const c = new Type(m * n);
        backend.matmul(a, b, c, m, k, n, false, false);
        assert.equal(c[(m - 1) * n + (n - 1)], k * (n - 1));
      }
    }
  } finally {
    setBackend("js");
  }
});
