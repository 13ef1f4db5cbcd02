import assert from "node:assert/strict";
import { test } from "node:test";
import type { Backend } from "./backend.js";
import { completeBackend, createAutoBackend, WASM_MIN_SIZE } from "./auto.js";
import { jsBackend } from "./js/index.js";

function spy(name: "js" | "wasm", calls: string[]): Backend {
  return { name, matmul: (_a, _b, _c, m, k, n) => void calls.push(`${name} ${m}x${k}x${n}`) };
}

test("auto backend sends m·k·n below the threshold to the small backend, the rest to the large", () => {
  const calls: string[] = [];
  const auto = createAutoBackend(spy("js", calls), spy("wasm", calls), 1000);
  const x = new Float32Array(0);
  auto.matmul(x, x, x, 9, 10, 11, false, false); // 990 < 1000
  auto.matmul(x, x, x, 10, 10, 10, false, false); // 1000
  auto.matmul(x, x, x, 0, 5000, 5, true, true); // 0
  assert.deepEqual(calls, ["js 9x10x11", "wasm 10x10x10", "js 0x5000x5"]);
  assert.equal(auto.name, "wasm");
});

test("each kernel goes to the large backend from its own threshold on, and only if it has it", () => {
  const calls: string[] = [];
  const partial: Backend = { name: "wasm", matmul: () => {} };
  const large: Backend = {
    ...partial,
    unary: (kind, x) => void calls.push(`large ${kind} ${x.length}`),
    softmaxRows: (_x, _o, rows, cols) => void calls.push(`large softmax ${rows}x${cols}`),
  };
  const sizes = { ...WASM_MIN_SIZE, unary: { exp: 10, tanh: Infinity, sigmoid: 0, relu: 5 } };
  const auto = createAutoBackend(jsBackend, large, 0, { ...sizes, softmaxRows: 6 });
  const x = new Float32Array(9).fill(1);
  auto.unary("exp", x, new Float32Array(9)); // 9 < 10: js
  auto.unary("relu", x, new Float32Array(9)); // 9 ≥ 5: large
  auto.unary("tanh", x, new Float32Array(9)); // never
  auto.softmaxRows(x, new Float32Array(9), 3, 3); // 9 ≥ 6: large
  const out = new Float32Array(3);
  auto.sumAxis(x, out, 1, 3, 3); // large has no sumAxis: js, whatever the size
  assert.deepEqual(calls, ["large relu 9", "large softmax 3x3"]);
  assert.deepEqual([...out], [3, 3, 3]);
});

test("completeBackend keeps a full backend as is and fills a partial one from js", () => {
  assert.equal(completeBackend(jsBackend), jsBackend);
  let matmuls = 0;
  const partial: Backend = { name: "wasm", matmul: () => void matmuls++ };
  const full = completeBackend(partial);
  assert.equal(full.name, "wasm");
  full.matmul(new Float32Array(0), new Float32Array(0), new Float32Array(0), 0, 0, 0, false, false);
  assert.equal(matmuls, 1);
  const out = new Float32Array(2);
  full.binary("mul", new Float32Array([2, 3]), new Float32Array([4, 5]), out);
  assert.deepEqual([...out], [8, 15]);
});
