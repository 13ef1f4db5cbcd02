// The chunked wasm kernels on operands larger than one chunk: same results as the js reference
// (within the suite's float32 tolerances) and no growth of the wasm memory.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../tensor/random.js";
import { jsBackend } from "../js/index.js";
import { CHUNK, wasmKernels } from "./elementwise.js";
import { compileKernels } from "./loader.js";
import { KernelMemory } from "./memory.js";

const rng = new Random(8);
const data = (n: number): Float32Array => Float32Array.from({ length: n }, () => 3 * rng.normal());

function close(got: Float32Array, ref: Float32Array, rtol: number, what: string): void {
  for (let i = 0; i < ref.length; i++) {
    if (!(Math.abs(got[i] - ref[i]) <= rtol * Math.max(1, Math.abs(ref[i])))) {
      assert.fail(`${what}: [${i}] = ${got[i]}, expected ${ref[i]}`);
    }
  }
}

test("kernels over several chunks (odd sizes) agree with js and never grow the wasm memory", () => {
  const mem = new KernelMemory(compileKernels());
  const wasm = wasmKernels(() => mem);
  const bytes = mem.buffer.byteLength;
  const n = 3 * CHUNK + 5;
  const [x, y] = [data(n), data(n)];
  const [a, b] = [new Float32Array(n), new Float32Array(n)];
  wasm.unary("tanh", x, a);
  jsBackend.unary("tanh", x, b);
  close(a, b, 1e-6, "tanh");
  wasm.binary("div", x, y, a);
  jsBackend.binary("div", x, y, b);
  assert.deepEqual(a, b);
  // rows: 1001 columns → 32 rows a chunk; 97 rows
  const [rows, cols] = [97, 1001];
  const bias = data(cols);
  const m = rows * cols;
  wasm.biasActivation(x.subarray(0, m), bias, a.subarray(0, m), rows, cols, "sigmoid", 0);
  jsBackend.biasActivation(x.subarray(0, m), bias, b.subarray(0, m), rows, cols, "sigmoid", 0);
  close(a.subarray(0, m), b.subarray(0, m), 1e-6, "biasActivation");
  wasm.logSoftmaxRows(x.subarray(0, m), a.subarray(0, m), rows, cols);
  jsBackend.logSoftmaxRows(x.subarray(0, m), b.subarray(0, m), rows, cols);
  close(a.subarray(0, m), b.subarray(0, m), 1e-6, "logSoftmaxRows");
  const t = Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);
  const [la, lb] = [new Float32Array(rows), new Float32Array(rows)];
  wasm.crossEntropyRows(x, t, la, a.subarray(0, m), rows, cols);
  jsBackend.crossEntropyRows(x, t, lb, b.subarray(0, m), rows, cols);
  close(la, lb, 1e-6, "crossEntropyRows loss");
  close(a.subarray(0, m), b.subarray(0, m), 1e-6, "crossEntropyRows grad");
  // sums: one slice larger than a chunk (partial sums), and many small slices
  for (const [outer, k, inner] of [
    [1, n, 1],
    [2, CHUNK + 3, 1],
    [1, 40000, 3],
    [3001, 11, 1],
  ]) {
    const src = data(outer * k * inner);
    const [sa, sb] = [new Float32Array(outer * inner), new Float32Array(outer * inner)];
    wasm.sumAxis(src, sa, outer, k, inner);
    jsBackend.sumAxis(src, sb, outer, k, inner);
    close(sa, sb, 2e-3, `sumAxis [${outer}, ${k}, ${inner}]`); // |Σ| ~ √k·3: abs error ~1e-3
  }
  assert.equal(mem.buffer.byteLength, bytes, "the wasm memory was replaced by a larger one");
});
