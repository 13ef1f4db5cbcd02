// clipGradNorm (p = 2, 1, ∞) and clipGradValue against hand-computed norms and clipped gradients.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { NonFiniteError, ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import { clipGradNorm, clipGradValue } from "./clip.js";

/** Two params with grads [3, −4] and [12] (float64) plus one without a grad. */
function params(): Tensor[] {
  const a = tensor([0, 0], { dtype: "float64", requiresGrad: true });
  const b = tensor([0], { dtype: "float64", requiresGrad: true });
  const c = tensor([0, 0, 0], { dtype: "float64", requiresGrad: true });
  a.grad = tensor([3, -4], { dtype: "float64" });
  b.grad = tensor([12], { dtype: "float64" });
  return [a, b, c];
}
const grads = (ps: Tensor[]) => ps.map((p) => (p.grad === null ? null : [...p.grad.data]));

function close(actual: (number[] | null)[], expected: (number[] | null)[]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((g, k) => {
    if (expected[k] === null) return assert.equal(g, null);
    g!.forEach((x, i) =>
      assert.ok(
        Math.abs(x - expected[k]![i]) < 1e-15,
        `grad ${k}[${i}] ${x} vs ${expected[k]![i]}`,
      ),
    );
  });
}

describe("clipGradNorm", () => {
  test("L2: ‖(3, −4, 12)‖ = 13; maxNorm 6.5 scales by 6.5/(13 + 1e-6)", () => {
    const ps = params();
    assert.equal(clipGradNorm(ps, 6.5), 13);
    const c = 6.5 / (13 + 1e-6);
    close(grads(ps), [[3 * c, -4 * c], [12 * c], null]);
  });

  test("L1: |3| + |−4| + |12| = 19; maxNorm 1", () => {
    const ps = params();
    assert.equal(clipGradNorm(ps, 1, 1), 19);
    const c = 1 / (19 + 1e-6);
    close(grads(ps), [[3 * c, -4 * c], [12 * c], null]);
  });

  test("L∞: max |g| = 12; maxNorm 3", () => {
    const ps = params();
    assert.equal(clipGradNorm(ps, 3, Infinity), 12);
    const c = 3 / (12 + 1e-6);
    close(grads(ps), [[3 * c, -4 * c], [12 * c], null]);
  });

  test("L3: (27 + 64 + 1728)^(1/3)", () => {
    const ps = params();
    assert.ok(Math.abs(clipGradNorm(ps, 100, 3) - Math.cbrt(1819)) < 1e-13);
    close(grads(ps), [[3, -4], [12], null]);
  });

  test("a norm below maxNorm leaves gradients bit-identical", () => {
    const ps = params();
    assert.equal(clipGradNorm(ps, 20), 13);
    assert.deepEqual(grads(ps), [[3, -4], [12], null]);
  });

  test("no gradients at all → norm 0", () => {
    assert.equal(clipGradNorm([tensor([1], { requiresGrad: true })], 1), 0);
  });

  test("huge float64 gradients do not overflow the L2 norm", () => {
    const p = tensor([0, 0], { dtype: "float64", requiresGrad: true });
    p.grad = tensor([3e200, 4e200], { dtype: "float64" });
    const n = clipGradNorm([p], 1);
    assert.ok(Math.abs(n / 5e200 - 1) < 1e-15, String(n));
    assert.ok(Math.abs(p.grad.data[0] - 0.6) < 1e-15);
  });

  test("float32 gradients are scaled in place", () => {
    const p = tensor([0, 0], { requiresGrad: true });
    p.grad = tensor([3, 4]);
    clipGradNorm([p], 1);
    assert.ok(p.grad.data instanceof Float32Array);
    assert.equal(p.grad.data[1], Math.fround(4 / (5 + 1e-6)));
  });

  test("a NaN gradient throws NonFiniteError naming the parameter and leaves grads untouched", () => {
    const ps = params();
    ps[1].grad!.data[0] = NaN;
    assert.throws(
      () => clipGradNorm(ps, 1),
      (e: Error) =>
        e instanceof NonFiniteError && /params\[1\] is NaN at element 0/.test(e.message),
    );
    assert.deepEqual(grads(ps)[0], [3, -4]);
  });

  test("errorIfNonfinite: false returns the non-finite norm and leaves grads untouched", () => {
    const ps = params();
    ps[0].grad!.data[1] = -Infinity;
    assert.equal(clipGradNorm(ps, 1, 2, { errorIfNonfinite: false }), Infinity);
    assert.deepEqual(grads(ps), [[3, -Infinity], [12], null]);
  });

  test("bad arguments → ValueError", () => {
    assert.throws(
      () => clipGradNorm(params(), -1),
      (e: Error) => e instanceof ValueError && /maxNorm.*-1/.test(e.message),
    );
    assert.throws(
      () => clipGradNorm(params(), 1, 0.5),
      /normType must be ≥ 1 or Infinity, got 0\.5/,
    );
  });
});

describe("clipGradValue", () => {
  test("clamps every element into [−c, c]; NaN stays NaN", () => {
    const ps = params();
    ps[1].grad = tensor([12, NaN, -0.5], { dtype: "float64" });
    clipGradValue(ps, 3.5);
    assert.deepEqual(grads(ps)[0], [3, -3.5]);
    assert.deepEqual(grads(ps)[1], [3.5, NaN, -0.5]);
    assert.equal(ps[2].grad, null);
  });

  test("bad clipValue → ValueError", () => {
    assert.throws(
      () => clipGradValue(params(), NaN),
      /clipGradValue: clipValue must be a finite number ≥ 0, got NaN/,
    );
  });
});
