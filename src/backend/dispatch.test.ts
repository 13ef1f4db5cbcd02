// The one door: each kernel runs on the js loops below its threshold and on the active backend
// from it on; the js backend keeps everything; a backend without a row of thresholds gets every
// call. Spy backends record which side ran.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Backend, BackendName, FullBackend } from "./backend.js";
import { completeBackend } from "./complete.js";
import { getBackend, kernels, loadWasmBackend, registerBackend, setBackend } from "./index.js";
import { jsBackend } from "./js/index.js";

/** A full backend named `name` whose matmul, unary and softmaxRows record their calls. */
function spy(name: BackendName, calls: string[]): FullBackend {
  const partial: Backend = {
    name,
    matmul: (_a, _b, _c, m, k, n) => void calls.push(`${name} matmul ${m}x${k}x${n}`),
    unary: (kind, x) => void calls.push(`${name} ${kind} ${x.length}`),
    softmaxRows: (_x, _o, rows, cols) => void calls.push(`${name} softmax ${rows}x${cols}`),
  };
  return completeBackend(partial);
}

/** Runs `body` with `backend` registered and active, then restores the previous state. */
function withBackend(backend: FullBackend, body: () => void): void {
  const before = getBackend().name;
  const previous = kernels.kernelThresholds(backend.name);
  registerBackend(backend);
  setBackend(backend.name);
  try {
    body();
  } finally {
    if (backend.name === "wasm") assert.equal(loadWasmBackend(), true); // the real one back
    kernels.setKernelThresholds(backend.name, previous);
    setBackend(before);
  }
}

const empty = new Float32Array(0);

test("matmul: m·k·n below the backend's threshold runs on js, from it on the backend", () => {
  const calls: string[] = [];
  withBackend(spy("wasm", calls), () => {
    kernels.setKernelThresholds("wasm", { matmul: 1000 });
    const c = new Float32Array(9 * 11);
    kernels.matmul(new Float32Array(90), new Float32Array(110), c, 9, 10, 11, false, false);
    kernels.matmul(empty, empty, empty, 10, 10, 10, false, false); // 1000: the backend
    assert.deepEqual(calls, ["wasm matmul 10x10x10"]);
  });
});

test("each kernel has its own threshold; Infinity keeps it on js", () => {
  const calls: string[] = [];
  withBackend(spy("wasm", calls), () => {
    kernels.setKernelThresholds("wasm", {
      unary: { exp: 10, tanh: Infinity, sigmoid: 0, relu: 5 },
      softmaxRows: 6,
    });
    const x = new Float32Array(9).fill(1);
    const out = new Float32Array(9);
    kernels.unary("exp", x, out); // 9 < 10: js
    assert.equal(out[0], Math.fround(Math.E));
    kernels.unary("relu", x, out); // 9 ≥ 5: backend
    kernels.unary("tanh", x, out); // never
    kernels.softmaxRows(x, out, 3, 3); // 9 ≥ 6: backend
    assert.deepEqual(calls, ["wasm relu 9", "wasm softmax 3x3"]);
  });
});

test("a backend with no row of thresholds runs every call; the js backend runs all itself", () => {
  const calls: string[] = [];
  withBackend(spy("native" as BackendName, calls), () => {
    kernels.unary("exp", new Float32Array(1), new Float32Array(1));
    kernels.matmul(empty, empty, empty, 1, 1, 1, false, false);
  });
  assert.deepEqual(calls, ["native exp 1", "native matmul 1x1x1"]);
  const before = getBackend().name;
  setBackend("js");
  try {
    const out = new Float32Array(1 << 16);
    kernels.unary("exp", new Float32Array(1 << 16), out);
    assert.equal(out[65535], 1);
  } finally {
    setBackend(before);
  }
});

test("the fused Linear kernels stay in the js loops below `linear` and use matmul above", () => {
  const calls: string[] = [];
  withBackend(spy("wasm", calls), () => {
    kernels.setKernelThresholds("wasm", { linear: 64 });
    const [N, D, H] = [2, 4, 4]; // 32 < 64: js
    const a = Float32Array.from({ length: N * D }, (_, i) => i);
    const W = Float32Array.from({ length: H * D }, (_, i) => i % 3);
    const z = new Float32Array(N * H);
    kernels.linearForward(a, 0, W, null, z, 0, N, D, H);
    const ref = new Float32Array(N * H);
    jsBackend.matmul(a, W, ref, N, D, H, false, true);
    assert.deepEqual([...z], [...ref]);
    kernels.linearForward(new Float32Array(64), 0, new Float32Array(64), null, z, 0, 4, 4, 4);
    kernels.linearInputGrad(new Float32Array(16), new Float32Array(16), z, 4, 4, 4);
    assert.deepEqual(calls, ["wasm matmul 4x4x4", "wasm matmul 4x4x4"]);
  });
});

test("completeBackend keeps a full backend as is and fills a partial one from js", () => {
  assert.equal(completeBackend(jsBackend), jsBackend);
  let matmuls = 0;
  const partial: Backend = { name: "wasm", matmul: () => void matmuls++ };
  const full = completeBackend(partial);
  assert.equal(full.name, "wasm");
  full.matmul(empty, empty, empty, 0, 0, 0, false, false);
  assert.equal(matmuls, 1);
  const out = new Float32Array(2);
  full.binary("mul", new Float32Array([2, 3]), new Float32Array([4, 5]), out);
  assert.deepEqual([...out], [8, 15]);
});
