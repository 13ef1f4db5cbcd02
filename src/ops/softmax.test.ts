// ops/softmax.ts: values against naive float64 definitions along every axis, the non-finite
// lanes, gradcheck (float64) of each op, and crossEntropy's one-kernel path against its general
// path (forced by a weight of ones: the same loss by definition).
import assert from "node:assert/strict";
import { test } from "node:test";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { crossEntropy } from "../losses/cross-entropy.js";
import { fromData } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { crossEntropyRows, logSoftmax, logSumExp, softmax } from "./softmax.js";

function random(shape: number[], seed: number, scale = 3): Tensor {
  const rng = new Random(seed);
  const n = shape.reduce((p, d) => p * d, 1);
  return fromData(
    Float64Array.from({ length: n }, () => (2 * rng.uniform() - 1) * scale),
    shape,
  );
}

/** x[…] at a multi-index of a row-major tensor. */
function at(x: Tensor, idx: number[]): number {
  let flat = 0;
  for (let d = 0; d < idx.length; d++) flat = flat * x.shape[d] + idx[d];
  return x.data[flat];
}

/** Every multi-index of `shape`, in row-major order. */
function indices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const d of shape) out = out.flatMap((p) => Array.from({ length: d }, (_, i) => [...p, i]));
  return out;
}

test("softmax, logSoftmax and logSumExp along each axis of a [2, 3, 4] tensor match the definitions", () => {
  const x = random([2, 3, 4], 1);
  for (const ax of [0, 1, 2, -1]) {
    const a = ax < 0 ? 3 + ax : ax;
    const s = softmax(x, ax);
    const ls = logSoftmax(x, ax);
    const lse = logSumExp(x, ax, true);
    for (const idx of indices(x.shape)) {
      let sum = 0;
      for (let k = 0; k < x.shape[a]; k++) {
        const j = [...idx];
        j[a] = k;
        sum += Math.exp(at(x, j));
      }
      const lane = [...idx];
      lane[a] = 0;
      const want = Math.log(sum);
      assert.ok(Math.abs(at(lse, lane) - want) < 1e-14, `lse axis ${ax}`);
      assert.ok(Math.abs(at(s, idx) - Math.exp(at(x, idx)) / sum) < 1e-15, `softmax axis ${ax}`);
      assert.ok(Math.abs(at(ls, idx) - (at(x, idx) - want)) < 1e-14, `logSoftmax axis ${ax}`);
    }
  }
  assert.deepEqual(logSumExp(x, 1).shape, [2, 4]);
});

test("logSumExp: all −∞ gives −∞, +∞ gives +∞, NaN gives NaN, large logits stay finite", () => {
  const x = fromData(
    new Float32Array([-Infinity, -Infinity, 1, Infinity, NaN, 0, 1e4, -1e4]),
    [4, 2],
  );
  const y = Array.from(logSumExp(x, 1).data);
  assert.equal(y[0], -Infinity);
  assert.equal(y[1], Infinity);
  assert.ok(Number.isNaN(y[2]));
  assert.equal(y[3], 1e4);
});

test("gradcheck (float64): softmax and logSoftmax on axes 0 and 1, logSumExp, crossEntropyRows", () => {
  const x = random([3, 5], 2);
  const t = new Int32Array([4, 0, 2]);
  for (const fn of [
    (v: Tensor) => softmax(v, 0),
    (v: Tensor) => softmax(v, 1),
    (v: Tensor) => logSoftmax(v, 0),
    (v: Tensor) => logSoftmax(v, 1),
    (v: Tensor) => logSumExp(v, 0),
    (v: Tensor) => logSumExp(v, 1, true),
    (v: Tensor) => crossEntropyRows(v, t),
  ]) {
    const report = gradcheck(fn, [x]);
    assert.ok(report.ok, `${fn.toString()}: ${JSON.stringify(report.worst)}`);
  }
});

test("crossEntropy's one-kernel path equals its general path in value and gradient", () => {
  for (const reduction of ["mean", "sum", "none"] as const) {
    const x1 = random([6, 4], 3);
    const x2 = random([6, 4], 3);
    x1.requiresGrad = true;
    x2.requiresGrad = true;
    const y = [0, 3, 1, 1, 2, 0];
    const fast = crossEntropy(x1, y, { reduction });
    const general = crossEntropy(x2, y, { reduction, weight: [1, 1, 1, 1] });
    assert.deepEqual(fast.shape, general.shape);
    fast.sum().backward();
    general.sum().backward();
    for (let i = 0; i < fast.size; i++)
      assert.ok(Math.abs(fast.data[i] - general.data[i]) < 1e-14, `${reduction} loss ${i}`);
    for (let i = 0; i < x1.size; i++) {
      const [a, b] = [x1.grad!.data[i], x2.grad!.data[i]];
      assert.ok(Math.abs(a - b) < 1e-14, `${reduction} grad ${i}: ${a} vs ${b}`);
    }
  }
});
