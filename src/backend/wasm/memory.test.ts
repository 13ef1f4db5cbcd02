import assert from "node:assert/strict";
import { test } from "node:test";
import { wasmBackend } from "./index.js";
import { compileKernels } from "./loader.js";
import { KernelMemory } from "./memory.js";

/** A = ones-like pattern with a closed-form product: A[i,p] = 1, B[p,j] = j ⇒ C[i,j] = k·j. */
function operands(m: number, k: number, n: number): [Float32Array, Float32Array, Float32Array] {
  const a = new Float32Array(m * k).fill(1);
  const b = new Float32Array(k * n);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) b[p * n + j] = j;
  return [a, b, new Float32Array(m * n)];
}

function product(mem: KernelMemory, m: number, k: number, n: number): Float32Array {
  const [a, b, c] = operands(m, k, n);
  assert.equal(mem.matmulF32(a, b, c, m, k, n, false, false), true);
  return c;
}

/** Runs `body` with WebAssembly.Memory.prototype.grow replaced by a counter; returns the count. */
function countGrows(body: () => void): number {
  const proto = WebAssembly.Memory.prototype;
  const original = proto.grow;
  let calls = 0;
  proto.grow = function (this: WebAssembly.Memory, delta: number): number {
    calls++;
    return original.call(this, delta);
  };
  try {
    body();
  } finally {
    proto.grow = original;
  }
  return calls;
}

test("kernel memory grows to fit large operands and stays correct for later small calls", () => {
  const mem = new KernelMemory(compileKernels());
  const before = mem.buffer.byteLength;
  const big = product(mem, 300, 400, 500); // ≈ 1.8 MB of operands: more than the initial memory
  assert.ok(mem.buffer.byteLength > before + 4 * (300 * 400 + 400 * 500));
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

test("the first memory already fits 256×256 operands", () => {
  const mem = new KernelMemory(compileKernels());
  const before = mem.buffer;
  const c = product(mem, 256, 256, 256);
  assert.equal(c[255 * 256 + 255], 256 * 255);
  assert.equal(mem.buffer, before);
});

test("growing replaces the memory with at least twice the size (geometric headroom)", () => {
  const mem = new KernelMemory(compileKernels());
  const first = mem.buffer.byteLength;
  product(mem, 300, 300, 300); // a little more than the initial memory
  assert.ok(mem.buffer.byteLength >= 2 * first);
});

test("growing kernel memory never calls Memory.grow (which would detach an ArrayBuffer)", () => {
  const sizes = [8, 256, 300, 400, 520, 700, 64];
  const mem = new KernelMemory(compileKernels());
  const startBytes = mem.buffer.byteLength;
  const grows = countGrows(() => {
    for (const s of sizes) {
      const c = product(mem, s, s, s);
      assert.equal(c[s * s - 1], s * (s - 1));
    }
    // the backend's own kernel memory, through the public backend object
    for (const s of sizes) {
      const [a, b, c] = operands(s, s + 1, s + 2);
      wasmBackend.matmul(a, b, c, s, s + 1, s + 2, false, false);
      assert.equal(c[s * (s + 2) - 1], (s + 1) * (s + 1));
    }
  });
  assert.ok(mem.buffer.byteLength > 4 * startBytes, "the sequence must actually need more memory");
  assert.equal(grows, 0);
});

test("an ArrayBuffer of the kernel memory taken before growth is not detached by it", () => {
  const mem = new KernelMemory(compileKernels());
  const old = mem.buffer;
  const oldBytes = old.byteLength;
  const view = new Float32Array(old, 0, 4);
  product(mem, 600, 600, 600); // ≈ 4.3 MB: forces a new memory
  assert.notEqual(mem.buffer, old);
  assert.equal(old.byteLength, oldBytes);
  assert.equal(view.length, 4);
});

test("operands beyond a 32-bit wasm memory are refused (the caller falls back), not truncated", () => {
  const mem = new KernelMemory(compileKernels());
  // m·k = 2^30 floats = 4 GiB: claims the sizes without allocating them (only lengths are read)
  const a = new Float32Array(1);
  const c = new Float32Array(1);
  assert.equal(mem.matmulF32(a, a, c, 1 << 15, 1 << 15, 1, false, false), false);
});
