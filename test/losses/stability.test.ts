// Numerical stability of the losses at extreme inputs: huge logits in float32, logits ±100 for
// BCE-with-logits, probabilities exactly 0 and 1 for BCE.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../../src/tensor/create.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import * as losses from "../../src/losses/index.js";

const allFinite = (t: Tensor) => Array.from(t.data).every(Number.isFinite);

function rowSums(g: Tensor): number[] {
  const [n, c] = g.shape;
  return Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < c; j++) s += g.data[i * c + j];
    return s;
  });
}

describe("crossEntropy at extreme logits", () => {
  const cases: [string, number[][], "float32" | "float64"][] = [
    [
      "±1e4 float32",
      [
        [1e4, -1e4, 0, 5],
        [-1e4, 1e4, 3, 1],
        [1e4, 1e4, -1e4, 0],
      ],
      "float32",
    ],
    [
      "±88.8 float32",
      [
        [88.8, -88.8, 0, 1],
        [-88.8, 88.8, 88.8, -88.8],
        [88.8, 0, 0, 0],
      ],
      "float32",
    ],
    [
      "±710 float64",
      [
        [710, -710, 0, 1],
        [-710, 710, 710, -710],
        [710, 0, 0, 0],
      ],
      "float64",
    ],
  ];
  for (const [name, rows, dtype] of cases) {
    for (const reduction of ["mean", "sum"] as const) {
      test(`${name} (${reduction}): finite loss, finite gradient, gradient rows sum to 0`, () => {
        const x = tensor(rows, { dtype, requiresGrad: true });
        const loss = losses.crossEntropy(x, [1, 0, 2], { reduction });
        assert.ok(Number.isFinite(loss.item()), `loss ${loss.item()}`);
        loss.backward();
        assert.ok(allFinite(x.grad!), `grad ${String(x.grad)}`);
        for (const s of rowSums(x.grad!)) assert.ok(Math.abs(s) <= 1e-6, `row sum ${s}`);
      });
    }
  }

  test("±1e4 float32: the loss is the logit gap (−logp = lse − x_y)", () => {
    // row 0: target logit −1e4, max 1e4 → loss 2e4; row 1: target logit −1e4 too → 2e4
    const x = tensor([
      [1e4, -1e4, 0],
      [-1e4, 1e4, 0],
    ]);
    const l = losses.crossEntropy(x, [1, 0], { reduction: "none" });
    assert.deepEqual(Array.from(l.data), [2e4, 2e4]);
  });
});

describe("bceWithLogits at x = ±100 (float64)", () => {
  for (const xv of [100, -100]) {
    for (const z of [0, 1]) {
      test(`x = ${xv}, z = ${z} equals max(x, 0) − xz + log1p(exp(−|x|))`, () => {
        const x = tensor([xv], { dtype: "float64", requiresGrad: true });
        const l = losses.bceWithLogits(x, tensor([z], { dtype: "float64" }), { reduction: "sum" });
        const expected = Math.max(xv, 0) - xv * z + Math.log1p(Math.exp(-Math.abs(xv)));
        const err = Math.abs(l.item() - expected);
        assert.ok(err <= 1e-12 * Math.max(1, Math.abs(expected)), `${l.item()} vs ${expected}`);
        l.backward();
        // ∂l/∂x = σ(x) − z, computed here as 1/(1 + e^(−x))
        const sigma = 1 / (1 + Math.exp(-xv));
        assert.ok(Math.abs(x.grad!.data[0] - (sigma - z)) <= 1e-12);
      });
    }
  }

  test("float32 logits ±1e4 stay finite, with and without posWeight", () => {
    const x = tensor([1e4, -1e4, 1e4, -1e4], { requiresGrad: true });
    const z = tensor([0, 1, 1, 0]);
    const l = losses.bceWithLogits(x, z, { posWeight: [3] });
    assert.ok(Number.isFinite(l.item()));
    l.backward();
    assert.ok(allFinite(x.grad!));
  });
});

describe("bce with probabilities exactly 0 and 1", () => {
  for (const dtype of ["float32", "float64"] as const) {
    test(`${dtype}: loss and gradient stay finite (logs clamped at −100, slope at 1e12)`, () => {
      const p = tensor([0, 1, 0, 1], { dtype, requiresGrad: true });
      const y = tensor([0, 0, 1, 1], { dtype });
      const l = losses.bce(p, y, { reduction: "none" });
      // −log(1 − 1) and −log(0) are clamped to 100; the matching cases cost 0
      assert.deepEqual(
        Array.from(l.data, (v) => v + 0),
        [0, 100, 100, 0],
      ); // + 0: −0 → 0
      const mean = losses.bce(p, y);
      assert.equal(mean.item(), 50);
      mean.backward();
      // (p − y) / max(p(1 − p), 1e-12) / 4
      const expected = [0, 1e12 / 4, -1e12 / 4, 0];
      Array.from(p.grad!.data).forEach((v, i) =>
        assert.ok(Math.abs(v - expected[i]) <= 1e-6 * Math.abs(expected[i]), `grad[${i}] = ${v}`),
      );
    });
  }
});

describe("other logistic losses at extreme inputs", () => {
  test("softMargin at ±1e4 (float32) is finite with finite gradient", () => {
    const x = tensor([1e4, -1e4, 1e4], { requiresGrad: true });
    const l = losses.softMargin(x, [1, 1, -1], { reduction: "none" });
    assert.deepEqual(Array.from(l.data), [0, 1e4, 1e4]);
    l.sum().backward();
    assert.deepEqual(Array.from(x.grad!.data), [-0, -1, 1]);
  });
});
