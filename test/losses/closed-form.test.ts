// Losses checked against values worked out by hand: softmax + cross-entropy's gradient
// (p − onehot(y)) / N, and the two Torch7 losses with no PyTorch twin (margin, l1HingeEmbedding).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { randn, tensor } from "../../src/tensor/create.js";
import { Random } from "../../src/tensor/random.js";
import * as losses from "../../src/losses/index.js";

const f64 = { dtype: "float64" as const };
const close = (a: ArrayLike<number>, e: number[], tol = 1e-12) => {
  assert.equal(a.length, e.length);
  for (let i = 0; i < e.length; i++)
    assert.ok(
      Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])),
      `[${i}] ${a[i]} vs ${e[i]}`,
    );
};

describe("softmax + cross-entropy closed form", () => {
  test("autograd's dlogits equals (softmax(x) − onehot(y)) / N", () => {
    const [N, C] = [5, 4];
    const x = randn([N, C], { ...f64, generator: new Random(7), std: 3 });
    x.requiresGrad = true;
    const y = [2, 0, 3, 3, 1];
    losses.crossEntropy(x, y).backward();
    const expected: number[] = [];
    for (let n = 0; n < N; n++) {
      const row = Array.from(x.data.subarray(n * C, (n + 1) * C));
      const z = row.map(Math.exp).reduce((s, v) => s + v, 0);
      row.forEach((v, c) => expected.push((Math.exp(v) / z - (c === y[n] ? 1 : 0)) / N));
    }
    close(x.grad!.data, expected);
  });

  test("the loss is −mean log softmax(x)_y", () => {
    const x = tensor(
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
      f64,
    );
    const lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    const expected = (lse0 - 3 + Math.log(3)) / 2; // row 0 → class 2, row 1 → class 1 (uniform)
    close([losses.crossEntropy(x, [2, 1]).item()], [expected]);
  });

  test("one-hot probability targets (nested arrays) give the index-target loss", () => {
    const x = tensor(
      [
        [0.3, -1, 2],
        [1, 0.5, -0.5],
      ],
      f64,
    );
    const byIndex = losses.crossEntropy(x, [2, 0]).item();
    const byProbs = losses
      .crossEntropy(x, [
        [0, 0, 1],
        [1, 0, 0],
      ])
      .item();
    close([byProbs], [byIndex]);
  });

  test("weighted mean divides by the sum of the non-ignored targets' weights", () => {
    const x = tensor(
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      f64,
    ); // every −logp = ln 2
    const l = losses.crossEntropy(x, [0, 1, -100], { weight: [1, 3] });
    close([l.item()], [((1 + 3) * Math.LN2) / (1 + 3)]);
    const s = losses.crossEntropy(x, [0, 1, -100], { weight: [1, 3], reduction: "sum" });
    close([s.item()], [4 * Math.LN2]);
  });
});

describe("margin (Torch7 MarginCriterion), by hand", () => {
  // l = max(0, 1 − y x): [1 − 0.5, max(0, 1 − 2), 1 + 1.5, 1 − 0.2] = [0.5, 0, 2.5, 0.8]
  const x = () =>
    tensor(
      [
        [0.5, -2],
        [1.5, 0.2],
      ],
      { ...f64, requiresGrad: true },
    );
  const y = tensor(
    [
      [1, -1],
      [-1, 1],
    ],
    f64,
  );

  test("values for each reduction", () => {
    close(losses.margin(x(), y, { reduction: "none" }).data, [0.5, 0, 2.5, 0.8]);
    close([losses.margin(x(), y, { reduction: "sum" }).item()], [3.8]);
    close([losses.margin(x(), y).item()], [0.95]);
  });

  test("gradient of the mean: −y/n where the hinge is active", () => {
    const xs = x();
    losses.margin(xs, y).backward();
    close(xs.grad!.data, [-0.25, 0, 0.25, -0.25]);
  });

  test("margin option: margin 3 makes every hinge active", () => {
    // [3 − 0.5, 3 − 2, 3 + 1.5, 3 − 0.2]
    close(losses.margin(x(), y, { margin: 3, reduction: "none" }).data, [2.5, 1, 4.5, 2.8]);
  });
});

describe("l1HingeEmbedding (Torch7 L1HingeEmbeddingCriterion), by hand", () => {
  // d = ‖x1 − x2‖₁ = [1 + 2, 0.5 + 0.25, 2 + 2] = [3, 0.75, 4]; y = [1, −1, −1], margin 2
  // l = [3, max(0, 2 − 0.75), max(0, 2 − 4)] = [3, 1.25, 0]
  const x1 = () =>
    tensor(
      [
        [1, 2],
        [0, 0],
        [3, -1],
      ],
      { ...f64, requiresGrad: true },
    );
  const x2 = () =>
    tensor(
      [
        [0, 0],
        [0.5, -0.25],
        [1, 1],
      ],
      { ...f64, requiresGrad: true },
    );
  const y = [1, -1, -1];

  test("values for each reduction", () => {
    close(
      losses.l1HingeEmbedding(x1(), x2(), y, { margin: 2, reduction: "none" }).data,
      [3, 1.25, 0],
    );
    close([losses.l1HingeEmbedding(x1(), x2(), y, { margin: 2, reduction: "sum" }).item()], [4.25]);
    close([losses.l1HingeEmbedding(x1(), x2(), y, { margin: 2 }).item()], [4.25 / 3]);
  });

  test("gradient of the mean: ±sign(x1 − x2)/N, opposite for x2", () => {
    const [a, b] = [x1(), x2()];
    losses.l1HingeEmbedding(a, b, y, { margin: 2 }).backward();
    const t = 1 / 3;
    // row 0 (y = 1): sign([1, 2]) / 3; row 1 (y = −1, active): −sign([−0.5, 0.25]) / 3;
    // row 2: inactive
    close(a.grad!.data, [t, t, t, -t, 0, 0]);
    close(b.grad!.data, [-t, -t, -t, t, 0, 0]);
  });

  test("default margin 1 and a single pair [D] with a scalar label", () => {
    // d = |0.25| + |−0.25| = 0.5; y = −1 → max(0, 1 − 0.5) = 0.5
    const l = losses.l1HingeEmbedding(tensor([0.25, 0], f64), tensor([0, 0.25], f64), -1);
    assert.deepEqual(l.shape, []);
    close([l.item()], [0.5]);
  });
});
