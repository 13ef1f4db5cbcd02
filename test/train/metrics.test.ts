// Metrics against hand-computed values; fit's validation (last fraction / explicit data) logging
// valLoss and valAccuracy that match a hand computation; bad inputs rejected with typed errors
// before the first optimizer step.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { IndexError, MyelinError, ShapeError, ValueError } from "../../src/errors.js";
import { tensor } from "../../src/tensor/create.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { noGrad } from "../../src/autograd/no-grad.js";
import { Module } from "../../src/nn/module.js";
import { Linear } from "../../src/nn/linear.js";
import { Random } from "../../src/tensor/random.js";
import { fit, type FitOptions } from "../../src/train/fit.js";
import {
  accuracy,
  confusionMatrix,
  mae,
  precisionRecallF1,
  r2,
  rmse,
  topKAccuracy,
} from "../../src/train/metrics.js";
import { moons, smallMlp, weightBytes } from "./helpers.js";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

describe("classification metrics", () => {
  test("binary accuracy with probabilities: threshold 0.5 (0.5 itself is class 0)", () => {
    const p = tensor([0.9, 0.4, 0.6, 0.2, 0.5]);
    const y = tensor([1, 0, 0, 0, 1]);
    // predictions 1 0 1 0 0 → hits ✓ ✓ ✗ ✓ ✗
    assert.equal(accuracy(p, y), 3 / 5);
    assert.equal(accuracy(p.reshape([5, 1]), y), 3 / 5);
  });

  test("binary accuracy with logits: threshold 0", () => {
    const z = tensor([2, -1, 0.3, -0.2, 0]);
    const y = tensor([1, 0, 0, 0, 1]);
    assert.equal(accuracy(z, y, { logits: true }), 3 / 5); // predictions 1 0 1 0 0
    assert.equal(accuracy(z, y), 4 / 5); // read as probabilities: 1 0 0 0 0
  });

  test("multiclass accuracy is argmax agreement", () => {
    const s = tensor([
      [0.1, 0.7, 0.2],
      [0.5, 0.3, 0.2],
      [0.2, 0.2, 0.6],
      [0.3, 0.4, 0.3],
    ]);
    assert.equal(accuracy(s, tensor([1, 0, 1, 1])), 3 / 4);
  });

  test("top-k accuracy", () => {
    const s = tensor([
      [0.1, 0.2, 0.3, 0.4], // true 0 ranks 4th
      [0.4, 0.3, 0.2, 0.1], // true 1 ranks 2nd
      [0.25, 0.35, 0.3, 0.1], // true 2 ranks 2nd
      [0.1, 0.2, 0.3, 0.4], // true 3 ranks 1st
    ]);
    const y = tensor([0, 1, 2, 3]);
    assert.equal(topKAccuracy(s, y, 1), 1 / 4);
    assert.equal(topKAccuracy(s, y, 2), 3 / 4);
    assert.equal(topKAccuracy(s, y, 3), 3 / 4);
    assert.equal(topKAccuracy(s, y, 4), 1);
  });

  // true:  0 0 0 1 1 2 2 2 2
  // pred:  0 0 1 1 2 2 2 0 2
  const Y = tensor([0, 0, 0, 1, 1, 2, 2, 2, 2]);
  const PRED = [0, 0, 1, 1, 2, 2, 2, 0, 2];
  const SCORES = new Tensor(
    Float32Array.from(PRED.flatMap((p) => [0, 1, 2].map((c) => (c === p ? 0.8 : 0.1)))),
    [9, 3],
  );

  test("confusion matrix counts [true][predicted]", () => {
    assert.deepEqual(confusionMatrix(SCORES, Y), [
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ]);
    assert.deepEqual(confusionMatrix(SCORES, Y, 4)[3], [0, 0, 0, 0]);
  });

  test("precision, recall and F1 per class", () => {
    const r = precisionRecallF1(SCORES, Y);
    // class 0: TP 2, FP 1, FN 1 → P 2/3, R 2/3; class 1: TP 1, FP 1, FN 1 → 1/2, 1/2;
    // class 2: TP 3, FP 1, FN 1 → 3/4, 3/4. F1 = P when P = R.
    const expected = [2 / 3, 1 / 2, 3 / 4];
    r.precision.forEach((v, i) => close(v, expected[i]));
    r.recall.forEach((v, i) => close(v, expected[i]));
    r.f1.forEach((v, i) => close(v, expected[i]));
    assert.deepEqual(r.support, [3, 2, 4]);
    close(r.macroF1, (2 / 3 + 1 / 2 + 3 / 4) / 3);
  });

  test("F1 with P ≠ R, and 0 for a class never predicted (zero_division = 0)", () => {
    // true 0 0 0 1, predicted 0 0 0 0 (binary probabilities)
    const r = precisionRecallF1(tensor([0.1, 0.2, 0.3, 0.4]), tensor([0, 0, 0, 1]));
    close(r.precision[0], 3 / 4);
    close(r.recall[0], 1);
    close(r.f1[0], (2 * 0.75 * 1) / 1.75);
    assert.deepEqual([r.precision[1], r.recall[1], r.f1[1]], [0, 0, 0]);
  });

  test("confusion matrix on 300,000 rows (no call-stack overflow)", () => {
    const n = 300_000;
    const m = confusionMatrix(
      new Tensor(new Float32Array(n * 2), [n, 2]),
      new Tensor(new Float32Array(n), [n]),
    );
    assert.deepEqual(m, [
      [n, 0],
      [0, 0],
    ]);
  });

  test("different numbers of samples are a ShapeError", () => {
    assert.throws(() => accuracy(tensor([0.1, 0.9]), tensor([0, 1, 1])), ShapeError);
    assert.throws(() => confusionMatrix(tensor([[0.1, 0.9]]), tensor([0, 1])), ShapeError);
  });
});

describe("regression metrics", () => {
  const p = tensor([2.5, 0.0, 2.0, 8.0]);
  const y = tensor([3.0, -0.5, 2.0, 7.0]);
  test("MAE = mean |ŷ − y|", () => close(mae(p, y), (0.5 + 0.5 + 0 + 1) / 4));
  test("RMSE = √mean (ŷ − y)²", () => close(rmse(p, y), Math.sqrt((0.25 + 0.25 + 0 + 1) / 4)));
  test("R² = 1 − SS_res/SS_tot", () => {
    // ȳ = 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5
    close(r2(p, y), 1 - 1.5 / 29.1875);
    close(r2(y, y), 1);
  });
  test("size mismatch is a ShapeError", () => {
    assert.throws(() => mae(tensor([1, 2]), tensor([1, 2, 3])), ShapeError);
  });
});

/** Linear 2 → outputs that records the first input column (a row id) of every forward. */
class Recorder extends Module {
  readonly typeName = "Recorder";
  readonly trainIds: number[] = [];
  readonly evalIds: number[] = [];
  readonly inner: Linear;
  constructor(outputs: number) {
    super();
    this.inner = this.registerModule("inner", new Linear(2, outputs, { generator: new Random(1) }));
  }
  forward(x: Tensor): Tensor {
    const ids = this.isTraining ? this.trainIds : this.evalIds;
    for (let i = 0; i < x.shape[0]; i++) ids.push(x.data[2 * i]);
    return this.inner.forward(x);
  }
}

/** 50 rows: x = [id, feature], y = 3-class label. */
function idData(n = 50): { x: Tensor; y: Tensor } {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = Math.sin(i);
    y[i] = i % 3;
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n]) };
}

/** Hand-computed mean cross-entropy and accuracy of the model on (x, y). */
function handCrossEntropy(model: Module, x: Tensor, y: Tensor): { loss: number; acc: number } {
  const out = noGrad(() => model.eval().forward(x));
  const c = out.shape[1];
  let loss = 0;
  let hits = 0;
  for (let i = 0; i < out.shape[0]; i++) {
    const row = Array.from(out.data.subarray(i * c, (i + 1) * c));
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    loss += lse - row[y.data[i]];
    if (row.indexOf(m) === y.data[i]) hits++;
  }
  return { loss: loss / out.shape[0], acc: hits / out.shape[0] };
}

describe("fit validation", () => {
  test("validationSplit holds out the LAST fraction of rows (before shuffling)", async () => {
    const model = new Recorder(3);
    const { x, y } = idData(50);
    const h = await fit(
      model,
      { x, y },
      {
        loss: "crossEntropy",
        epochs: 2,
        batchSize: 8,
        validationSplit: 0.2,
        optimizer: { name: "sgd", lr: 0.01 },
      },
    );
    const trainSet = new Set(model.trainIds);
    assert.equal(model.trainIds.length, 2 * 40);
    assert.deepEqual(
      [...trainSet].sort((a, b) => a - b),
      [...Array(40).keys()],
    );
    assert.deepEqual(
      [...new Set(model.evalIds)].sort((a, b) => a - b),
      [...Array(10).keys()].map((i) => 40 + i),
    );
    assert.notDeepEqual(
      model.trainIds.slice(0, 40),
      [...Array(40).keys()],
      "training rows are shuffled",
    );
    // valLoss of the last epoch = cross-entropy of the final weights on rows 40..49
    const val = handCrossEntropy(model, x.slice(0, 40, 50), y.slice(0, 40, 50));
    close(h.last.valLoss, val.loss, 1e-5);
    assert.equal(h.last.valAccuracy, undefined, "no metrics requested");
  });

  test("validationData is used as given and logs valLoss and valAccuracy", async () => {
    const model = new Recorder(3);
    const { x, y } = idData(50);
    const valX = x.slice(0, 0, 12);
    const valY = tensor([2, 2, 2, 0, 0, 0, 1, 1, 1, 2, 0, 1]);
    const h = await fit(
      model,
      { x, y },
      {
        loss: "crossEntropy",
        epochs: 2,
        batchSize: 10,
        metrics: ["accuracy"],
        validationData: { x: valX, y: valY },
      },
    );
    assert.equal(new Set(model.trainIds).size, 50, "all rows train");
    const val = handCrossEntropy(model, valX, valY);
    close(h.last.valLoss, val.loss, 1e-5);
    assert.equal(h.last.valAccuracy, val.acc);
    const train = handCrossEntropy(model, x, y);
    assert.equal(h.last.accuracy, train.acc);
    assert.deepEqual(Object.keys(h.last).sort(), [
      "accuracy",
      "loss",
      "lr",
      "valAccuracy",
      "valLoss",
    ]);
  });
});

describe("bad inputs fail with typed errors before the first step", () => {
  const DATA = moons(40);
  const cases: [
    string,
    () => { x: Tensor; y: Tensor },
    Partial<FitOptions>,
    new (...a: never[]) => Error,
  ][] = [
    [
      "empty data",
      () => ({
        x: new Tensor(new Float32Array(0), [0, 2]),
        y: new Tensor(new Float32Array(0), [0]),
      }),
      {},
      ValueError,
    ],
    ["mismatched rows", () => ({ x: DATA.x, y: DATA.y.slice(0, 0, 39) }), {}, ShapeError],
    ["scalar x", () => ({ x: tensor(1), y: DATA.y }), {}, ShapeError],
    ["batchSize 0", () => DATA, { batchSize: 0 }, ValueError],
    ["batchSize 2.5", () => DATA, { batchSize: 2.5 }, ValueError],
    ["epochs 0", () => DATA, { epochs: 0 }, ValueError],
    ["epochs NaN", () => DATA, { epochs: NaN }, ValueError],
    ["validationSplit 1.5", () => DATA, { validationSplit: 1.5 }, ValueError],
    ["validationSplit 1", () => DATA, { validationSplit: 1 }, ValueError],
    ["validationSplit -0.1", () => DATA, { validationSplit: -0.1 }, ValueError],
    [
      "validationSplit 0.01 of 40 rows (empty hold-out)",
      () => DATA,
      { validationSplit: 0.01 },
      ValueError,
    ],
    ["unknown loss name", () => DATA, { loss: "mse2" as never }, ValueError],
    [
      "validationData with mismatched rows",
      () => DATA,
      { validationData: { x: DATA.x, y: DATA.y.slice(0, 0, 5) } },
      ShapeError,
    ],
    ["unknown optimizer", () => DATA, { optimizer: { name: "adamx" } }, MyelinError],
  ];
  for (const [name, dataOf, extra, Err] of cases) {
    test(name, async () => {
      const model = smallMlp();
      const before = weightBytes(model);
      let began = false;
      await assert.rejects(
        fit(model, dataOf(), {
          loss: "mse",
          epochs: 2,
          ...extra,
          callbacks: [{ onTrainBegin: () => void (began = true) }],
        }),
        (e: unknown) => {
          assert.ok(e instanceof Err, `${name}: got ${String(e)}`);
          assert.ok(e instanceof MyelinError);
          return true;
        },
      );
      assert.equal(began, false, "rejected before training began");
      assert.equal(weightBytes(model), before);
    });
  }

  test("the unknown-loss message lists the valid names", async () => {
    await assert.rejects(
      fit(smallMlp(), DATA, { loss: "mse2" as never }),
      /unknown loss "mse2".*crossEntropy/,
    );
  });

  test("a class index out of range fails at the first batch with the weights untouched", async () => {
    const model = new Recorder(3);
    const before = weightBytes(model);
    const { x } = idData(10);
    await assert.rejects(
      fit(
        model,
        { x, y: tensor([0, 1, 2, 3, 0, 1, 2, 0, 1, 2]) },
        { loss: "crossEntropy", epochs: 1 },
      ),
      (e: unknown) => e instanceof IndexError && /class 3/.test((e as Error).message),
    );
    assert.equal(weightBytes(model), before);
  });
});
