// Perceptron: one hand-computed update, convergence on AND, OR and a separable random set,
// non-convergence on XOR, input validation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ShapeError, ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import { Perceptron } from "./perceptron.js";

const CORNERS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

describe("Perceptron update rule", () => {
  test("one hand-computed step: w ← w + η(t − y)x, b ← b + η(t − y)", () => {
    // w = [0.5, −0.5], b = 0, η = 0.1, x = [1, 2], t = 1:
    // s = 0.5 − 1 = −0.5 → y = 0 → w = [0.5 + 0.1, −0.5 + 0.2] = [0.6, −0.3], b = 0.1
    const p = new Perceptron({ inputs: 2, learningRate: 0.1, initialWeights: [0.5, -0.5] });
    const r = p.fit([[1, 2]], [1], { epochs: 1 });
    assert.deepEqual(r, { converged: false, epochs: 1, errors: [1] });
    assert.ok(Math.abs(p.weights[0] - 0.6) < 1e-15 && Math.abs(p.weights[1] + 0.3) < 1e-15);
    assert.ok(Math.abs(p.bias - 0.1) < 1e-15);
    // now s = 0.6 − 0.6 + 0.1 = 0.1 ≥ 0 → y = 1 = t: the next epoch makes no change
    assert.deepEqual(p.fit([[1, 2]], [1]), { converged: true, epochs: 1, errors: [0] });
    assert.ok(Math.abs(p.bias - 0.1) < 1e-15);
  });

  test("step(0) = 1, so a zero net input with target 0 is a mistake", () => {
    const p = new Perceptron({ inputs: 2, learningRate: 0.5 });
    assert.deepEqual(p.predict([[3, -4]]), [1]);
    p.fit([[3, -4]], [0], { epochs: 1 });
    // t − y = −1: w = −0.5·[3, −4], b = −0.5
    assert.deepEqual(p.weights, [-1.5, 2]);
    assert.equal(p.bias, -0.5);
  });
});

describe("Perceptron convergence", () => {
  for (const [name, labels] of [
    ["AND", [0, 0, 0, 1]],
    ["OR", [0, 1, 1, 1]],
  ] as const) {
    test(`${name} converges with zero training errors`, () => {
      const p = new Perceptron({ inputs: 2 });
      const r = p.fit(CORNERS, labels);
      assert.equal(r.converged, true);
      assert.equal(r.errors.length, r.epochs);
      assert.equal(r.errors[r.epochs - 1], 0);
      assert.ok(r.errors.slice(0, -1).every((e) => e > 0));
      assert.deepEqual(p.predict(CORNERS), [...labels]);
    });
  }

  test("200 seeded separable points with a margin: converges, all correct", () => {
    // true boundary 1.5·x0 − 2·x1 + 0.3 = 0; keep points at distance ≥ 0.1 from it
    const g = new Random(42);
    const X: number[][] = [];
    const y: number[] = [];
    const norm = Math.hypot(1.5, 2);
    while (X.length < 200) {
      const x = [2 * g.uniform() - 1, 2 * g.uniform() - 1];
      const s = 1.5 * x[0] - 2 * x[1] + 0.3;
      if (Math.abs(s) / norm < 0.1) continue;
      X.push(x);
      y.push(s > 0 ? 1 : 0);
    }
    assert.ok(y.includes(0) && y.includes(1));
    const p = new Perceptron({ inputs: 2 });
    const r = p.fit(X, y, { epochs: 1000 });
    assert.equal(r.converged, true, `errors per epoch: ${r.errors.join(",")}`);
    assert.deepEqual(p.predict(X), y);
    // the same data as Tensors, shuffled by a seeded generator, also converges, reproducibly
    const runs = [1, 2].map(() => {
      const q = new Perceptron({ inputs: 2, generator: new Random(7) });
      return { r: q.fit(tensor(X), tensor(y), { epochs: 1000, shuffle: true }), w: q.weights };
    });
    assert.equal(runs[0].r.converged, true);
    assert.deepEqual(runs[0], runs[1]);
  });

  test("XOR never converges: errors > 0 in every epoch up to the limit", () => {
    const p = new Perceptron({ inputs: 2 });
    const r = p.fit(CORNERS, [0, 1, 1, 0], { epochs: 50 });
    assert.equal(r.converged, false);
    assert.equal(r.epochs, 50);
    assert.equal(r.errors.length, 50);
    assert.ok(r.errors.every((e) => e > 0));
  });
});

describe("Perceptron inputs", () => {
  test("labels other than 0/1 throw ValueError naming the sample", () => {
    const p = new Perceptron({ inputs: 2 });
    assert.throws(
      () => p.fit(CORNERS, [0, 1, 2, 0]),
      (e: unknown) => e instanceof ValueError && e.message.includes("sample 2"),
    );
    assert.throws(
      () => p.fit(CORNERS, [0, -1, 1, 0]),
      (e: unknown) => e instanceof ValueError && e.message.includes("sample 1"),
    );
  });

  test("shape problems throw ShapeError naming the sample", () => {
    const p = new Perceptron({ inputs: 2 });
    assert.throws(
      () => p.fit([[0, 0], [1]], [0, 1]),
      (e: unknown) => e instanceof ShapeError && e.message.includes("sample 1"),
    );
    assert.throws(() => p.fit(CORNERS, [0, 1]), ShapeError);
    assert.throws(() => p.predict(tensor([1, 2, 3])), ShapeError);
    assert.throws(() => new Perceptron({ inputs: 2, initialWeights: [1] }), ShapeError);
  });

  test("bad values throw ValueError", () => {
    const p = new Perceptron({ inputs: 1 });
    assert.throws(() => p.fit([[NaN]], [0]), ValueError);
    assert.throws(() => p.fit([], []), ValueError);
    assert.throws(() => new Perceptron({ inputs: 0 }), ValueError);
    assert.throws(() => new Perceptron({ inputs: 2, learningRate: -1 }), ValueError);
  });

  test("weights getter returns a copy", () => {
    const p = new Perceptron({ inputs: 2, initialWeights: [1, 2], initialBias: 3 });
    p.weights[0] = 99;
    assert.deepEqual(p.weights, [1, 2]);
    assert.equal(p.bias, 3);
  });
});
