import assert from "node:assert/strict";
import { test } from "node:test";
import { loadKernels } from "./loader.js";
import { KernelMemory } from "./memory.js";

/** A = ones-like pattern with a closed-form product: A[i,p] = 1, B[p,j] = j ⇒ C[i,j] = k·j. */
function product(mem: KernelMemory, m: number, k: number, n: number): Float32Array {
  const a = new Float32Array(m * k).fill(1);
  const b = new Float32Array(k * n);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) b[p * n + j] = j;
  const c = new Float32Array(m * n);
  assert.equal(mem.matmulF32(a, b, c, m, k, n, false, false), true);
  return c;
}

test("kernel memory grows to fit large operands and stays correct for later small calls", () => {
  const kernels = loadKernels();
  const mem = new KernelMemory(kernels);
  const before = kernels.memory.buffer.byteLength;
  const big = product(mem, 300, 400, 500); // ≈ 1.8 MB of operands
  assert.ok(kernels.memory.buffer.byteLength > before + 4 * (300 * 400 + 400 * 500));
  for (const [i, j] of [
    [0, 0],
    [299, 499],
    [150, 7],
  ])
    assert.equal(big[i * 500 + j], 400 * j);
  const small = product(mem, 2, 3, 2);
  assert.deepEqual([...small], [0, 3, 0, 3]);
  const again = product(mem, 310, 5, 9);
  assert.equal(again[309 * 9 + 8], 5 * 8);
});

test("operands beyond a 32-bit wasm memory are refused (the caller falls back), not truncated", () => {
  const mem = new KernelMemory(loadKernels());
  // m·k = 2^30 floats = 4 GiB: claims the sizes without allocating them (only lengths are read)
  const a = new Float32Array(1);
  const c = new Float32Array(1);
  assert.equal(mem.matmulF32(a, a, c, 1 << 15, 1 << 15, 1, false, false), false);
});
