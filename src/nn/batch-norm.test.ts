// BatchNorm1d: forward and running statistics on hand numbers, eval mode, the N = 1 error,
// gradcheck in train and eval mode, and autograd's dx/dγ/dβ against the closed-form backward.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { ShapeError, ValueError } from "../errors.js";
import { randn, tensor } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { BatchNorm1d } from "./batch-norm.js";

const f64 = { dtype: "float64" } as const;
const EPS = 1e-5;

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])),
      `element ${i}: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

/** A float64 BatchNorm1d whose forward uses the given γ and β tensors. */
function bnWith(gamma: Tensor, beta: Tensor, mode: "train" | "eval" = "train"): BatchNorm1d {
  const bn = new BatchNorm1d(gamma.shape[0], { dtype: "float64" });
  Object.assign(bn, { weight: gamma, bias: beta });
  if (mode === "eval") {
    bn.runningMean!.data.set([0.3, -0.2, 1.1]);
    bn.runningVar!.data.set([0.5, 2, 1.5]);
    bn.eval();
  }
  return bn;
}

// Step 1: x1 = [[1, 2], [3, 6], [5, 4]]: μ = [3, 4], biased σ² = [8/3, 8/3], unbiased = [4, 4]
// Step 2: x2 = [[0, 10], [2, 14]]:        μ = [1, 12], unbiased = [2, 8]
const x1 = tensor(
  [
    [1, 2],
    [3, 6],
    [5, 4],
  ],
  f64,
);
const x2 = tensor(
  [
    [0, 10],
    [2, 14],
  ],
  f64,
);

describe("BatchNorm1d forward (train)", () => {
  test("normalises with the batch mean and biased variance, then γ·x̂ + β", () => {
    const bn = new BatchNorm1d(2, { dtype: "float64" });
    bn.weight!.data.set([2, -1]);
    bn.bias!.data.set([0.5, 1]);
    const y = bn.forward(x1);
    const s = Math.sqrt(8 / 3 + EPS);
    const expected = [
      [2 * (-2 / s) + 0.5, -1 * (-2 / s) + 1],
      [2 * (0 / s) + 0.5, -1 * (2 / s) + 1],
      [2 * (2 / s) + 0.5, -1 * (0 / s) + 1],
    ];
    assertClose(y.data, expected.flat(), 1e-12);
  });

  test("running statistics after two steps (momentum 0.1, unbiased variance)", () => {
    const bn = new BatchNorm1d(2, { dtype: "float64" });
    bn.forward(x1);
    // rm = 0.9·0 + 0.1·[3, 4];  rv = 0.9·1 + 0.1·[4, 4]
    assertClose(bn.runningMean!.data, [0.3, 0.4], 1e-12);
    assertClose(bn.runningVar!.data, [1.3, 1.3], 1e-12);
    bn.forward(x2);
    // rm = 0.9·[0.3, 0.4] + 0.1·[1, 12];  rv = 0.9·[1.3, 1.3] + 0.1·[2, 8]
    assertClose(bn.runningMean!.data, [0.37, 1.56], 1e-12);
    assertClose(bn.runningVar!.data, [1.37, 1.97], 1e-12);
    assert.equal(bn.numBatchesTracked!.item(), 2);
  });

  test("momentum null: cumulative average 1/numBatchesTracked", () => {
    const bn = new BatchNorm1d(2, { dtype: "float64", momentum: null });
    bn.forward(x1);
    bn.forward(x2);
    // after 1: rm = [3, 4], rv = [4, 4]; after 2: the average of the two batches
    assertClose(bn.runningMean!.data, [2, 8], 1e-12);
    assertClose(bn.runningVar!.data, [3, 6], 1e-12);
  });

  test("eval mode uses the running statistics", () => {
    const bn = new BatchNorm1d(2, { dtype: "float64" });
    bn.weight!.data.set([2, -1]);
    bn.bias!.data.set([0.5, 1]);
    bn.forward(x1);
    bn.forward(x2);
    bn.eval();
    const y = bn.forward(x2);
    const [m0, m1, v0, v1] = [0.37, 1.56, 1.37, 1.97];
    const expected = [
      2 * ((0 - m0) / Math.sqrt(v0 + EPS)) + 0.5,
      -1 * ((10 - m1) / Math.sqrt(v1 + EPS)) + 1,
      2 * ((2 - m0) / Math.sqrt(v0 + EPS)) + 0.5,
      -1 * ((14 - m1) / Math.sqrt(v1 + EPS)) + 1,
    ];
    assertClose(y.data, expected, 1e-12);
    assertClose(bn.runningMean!.data, [0.37, 1.56], 1e-12); // eval does not update
    assert.equal(bn.numBatchesTracked!.item(), 2);
    // a single sample is fine in eval mode
    assert.deepEqual(bn.forward(tensor([[1, 1]], f64)).shape, [1, 2]);
  });

  test("[N, C, L] input: statistics over N and L", () => {
    const bn = new BatchNorm1d(2, { dtype: "float64" });
    // channel 0 values {1, 3, 5, 7}: μ = 4, σ² = 5; channel 1 values {0, 0, 2, 2}: μ = 1, σ² = 1
    const x = tensor(
      [
        [
          [1, 3],
          [0, 2],
        ],
        [
          [5, 7],
          [0, 2],
        ],
      ],
      f64,
    );
    const y = bn.forward(x);
    const s0 = Math.sqrt(5 + EPS);
    const s1 = Math.sqrt(1 + EPS);
    assertClose(
      y.data,
      [-3 / s0, -1 / s0, -1 / s1, 1 / s1, 1 / s0, 3 / s0, -1 / s1, 1 / s1],
      1e-12,
    );
    // unbiased variances over n = 4 values: 20/3, 4/3
    assertClose(bn.runningMean!.data, [0.4, 0.1], 1e-12);
    assertClose(bn.runningVar!.data, [0.9 + 0.1 * (20 / 3), 0.9 + 0.1 * (4 / 3)], 1e-12);
  });

  test("trackRunningStats false: batch statistics in eval too, no buffers", () => {
    const bn = new BatchNorm1d(2, { dtype: "float64", trackRunningStats: false, affine: false });
    assert.equal(bn.runningMean, null);
    assert.deepEqual(Object.keys(bn.stateDict()), []);
    bn.eval();
    const s = Math.sqrt(8 / 3 + EPS);
    assertClose(bn.forward(x1).data, [-2 / s, -2 / s, 0, 2 / s, 2 / s, 0], 1e-12);
  });
});

describe("BatchNorm1d errors and metadata", () => {
  test("a single value per channel in training throws ValueError (as PyTorch)", () => {
    const bn = new BatchNorm1d(3);
    assert.throws(
      () => bn.forward(randn([1, 3])),
      (e: unknown) =>
        e instanceof ValueError &&
        /more than 1 value per channel when training/.test(e.message) &&
        e.message.includes("[1, 3]"),
    );
    assert.throws(() => bn.forward(randn([1, 3, 1])), ValueError);
    assert.deepEqual(bn.forward(randn([1, 3, 2])).shape, [1, 3, 2], "N = 1, L = 2 is fine");
  });

  test("wrong channel count or rank throws ShapeError", () => {
    const bn = new BatchNorm1d(3);
    assert.throws(
      () => bn.forward(randn([4, 2])),
      (e: unknown) => e instanceof ShapeError && e.message.includes("[4, 2]"),
    );
    assert.throws(() => bn.forward(randn([3])), ShapeError);
  });

  test("bad options throw ValueError", () => {
    assert.throws(() => new BatchNorm1d(0), ValueError);
    assert.throws(() => new BatchNorm1d(2, { momentum: 1.5 }), ValueError);
    assert.throws(() => new BatchNorm1d(2, { eps: -1 }), ValueError);
  });

  test("parameters, buffers, config", () => {
    const bn = new BatchNorm1d(4);
    assert.equal(bn.typeName, "BatchNorm1d");
    assert.deepEqual(
      bn.namedParameters().map(([n]) => n),
      ["weight", "bias"],
    );
    assert.deepEqual(Object.keys(bn.stateDict()), [
      "weight",
      "bias",
      "runningMean",
      "runningVar",
      "numBatchesTracked",
    ]);
    assert.deepEqual(Array.from(bn.weight!.data), [1, 1, 1, 1]);
    assert.deepEqual(Array.from(bn.bias!.data), [0, 0, 0, 0]);
    assert.deepEqual(bn.config(), {
      numFeatures: 4,
      eps: 1e-5,
      momentum: 0.1,
      affine: true,
      trackRunningStats: true,
    });
  });
});

describe("BatchNorm1d gradients", () => {
  const g = new Random(21);
  const x = randn([5, 3], { ...f64, generator: g });
  const gamma = randn([3], { ...f64, generator: g });
  const beta = randn([3], { ...f64, generator: g });

  test("gradcheck train mode w.r.t. x, γ, β", () => {
    const r = gradcheck((xi, gi, bi) => bnWith(gi, bi).forward(xi), [x, gamma, beta]);
    assert.ok(r.ok, JSON.stringify(r.worst));
    assert.equal(r.checked, 15 + 3 + 3);
  });

  test("gradcheck train mode on [N, C, L]", () => {
    const x3 = randn([2, 3, 4], { ...f64, generator: new Random(22) });
    const r = gradcheck((xi, gi, bi) => bnWith(gi, bi).forward(xi), [x3, gamma, beta]);
    assert.ok(r.ok, JSON.stringify(r.worst));
  });

  test("gradcheck eval mode w.r.t. x, γ, β", () => {
    const r = gradcheck((xi, gi, bi) => bnWith(gi, bi, "eval").forward(xi), [x, gamma, beta]);
    assert.ok(r.ok, JSON.stringify(r.worst));
  });

  test("autograd matches the closed-form batch-norm backward", () => {
    const xg = x.clone();
    xg.requiresGrad = true;
    const bn = bnWith(gamma.clone(), beta.clone());
    bn.weight!.requiresGrad = true;
    bn.bias!.requiresGrad = true;
    const dY = randn([5, 3], { ...f64, generator: new Random(23) });
    bn.forward(xg).backward(dY);

    // dx̂ = dY·γ;  dx = (1/(n·σ))·(n·dx̂ − Σ dx̂ − x̂·Σ(dx̂·x̂));  dγ = Σ dY·x̂;  dβ = Σ dY
    const [N, C] = [5, 3];
    const dx = new Float64Array(N * C);
    const dGamma = new Float64Array(C);
    const dBeta = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let mu = 0;
      for (let n = 0; n < N; n++) mu += x.data[n * C + c] / N;
      let v = 0;
      for (let n = 0; n < N; n++) v += (x.data[n * C + c] - mu) ** 2 / N;
      const sigma = Math.sqrt(v + EPS);
      const xHat = (n: number): number => (x.data[n * C + c] - mu) / sigma;
      let sumDxHat = 0;
      let sumDxHatXHat = 0;
      for (let n = 0; n < N; n++) {
        const dxHat = dY.data[n * C + c] * gamma.data[c];
        sumDxHat += dxHat;
        sumDxHatXHat += dxHat * xHat(n);
        dGamma[c] += dY.data[n * C + c] * xHat(n);
        dBeta[c] += dY.data[n * C + c];
      }
      for (let n = 0; n < N; n++) {
        const dxHat = dY.data[n * C + c] * gamma.data[c];
        dx[n * C + c] = (N * dxHat - sumDxHat - xHat(n) * sumDxHatXHat) / (N * sigma);
      }
    }
    assertClose(xg.grad!.data, dx, 1e-10);
    assertClose(bn.weight!.grad!.data, dGamma, 1e-10);
    assertClose(bn.bias!.grad!.data, dBeta, 1e-10);
  });
});
