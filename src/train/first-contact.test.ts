// What a new user tries first: predict gives logits unless probabilities are asked for; fit given
// plain arrays (the brain.js / Keras habit) fails with a typed error that shows the right call;
// History also reads as Keras's history dict.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ValueError } from "../errors.js";
import { Linear } from "../nn/linear.js";
import { Sequential } from "../nn/sequential.js";
import { Sigmoid, Softmax } from "../nn/activations.js";
import { tensor } from "../tensor/create.js";
import { seed } from "../tensor/random.js";
import { fit } from "./fit.js";
import { History } from "./history.js";
import { evaluate, predict, predictProba } from "./predict.js";

const x = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const rows = (t: { data: ArrayLike<number> }) => Array.from(t.data);
const close = (a: number[], b: number[]) =>
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-6, `${String(a)} vs ${String(b)}`));

describe("predict: logits by default, probabilities on request", () => {
  test("C outputs: probabilities are the softmax of the logits, each row sums to 1", () => {
    seed(1);
    const model = new Sequential(new Linear(2, 3));
    const logits = rows(predict(model, x));
    const p = predict(model, x, { probabilities: true });
    assert.deepEqual(p.shape, [4, 3]);
    for (let i = 0; i < 4; i++) {
      const z = logits.slice(3 * i, 3 * i + 3);
      const e = z.map((v) => Math.exp(v - Math.max(...z)));
      const s = e.reduce((a, b) => a + b);
      close(
        rows(p).slice(3 * i, 3 * i + 3),
        e.map((v) => v / s),
      );
    }
    assert.deepEqual(rows(predictProba(model, x)), rows(p));
  });

  test("one output: the probability of class 1 is σ(logit)", () => {
    seed(2);
    const model = new Linear(2, 1);
    const z = rows(predict(model, x));
    close(
      rows(predict(model, x, { probabilities: true })),
      z.map((v) => 1 / (1 + Math.exp(-v))),
    );
  });

  test("a model that already ends in Softmax or Sigmoid is not squashed twice", () => {
    seed(3);
    const soft = new Sequential(new Linear(2, 3), new Softmax());
    assert.deepEqual(rows(predictProba(soft, x)), rows(predict(soft, x)));
    const sig = new Sequential(new Linear(2, 1), new Sigmoid());
    assert.deepEqual(rows(predictProba(sig, x)), rows(predict(sig, x)));
  });
});

describe("fit/evaluate/predict given plain arrays", () => {
  const model = () => {
    seed(4);
    return new Sequential(new Linear(2, 2));
  };
  const rightCall = /train\.fit\(model, \{ x: tensor\(x\), y: tensor\(y\) \}, \{ loss:/;

  test("fit(model, [[0,0],[0,1]], [0,1]) → ValueError showing the right call", async () => {
    await assert.rejects(
      fit(
        model(),
        [
          [0, 0],
          [0, 1],
        ] as never,
        [0, 1] as never,
      ),
      (e: unknown) => e instanceof ValueError && rightCall.test(e.message),
    );
  });

  test("fit(model, { x: number[][], y: number[] }) → ValueError naming x and the fix", async () => {
    await assert.rejects(
      fit(model(), { x: [[0, 0]], y: [0] } as never, { loss: "crossEntropy" }),
      (e: unknown) =>
        e instanceof ValueError &&
        /fit: x is a plain array/.test(e.message) &&
        rightCall.test(e.message),
    );
    await assert.rejects(
      fit(model(), { x } as never, { loss: "crossEntropy" }),
      (e: unknown) => e instanceof ValueError && /fit: y is missing/.test(e.message),
    );
  });

  test("the right call works", async () => {
    const h = await fit(
      model(),
      { x, y: tensor([0, 1, 1, 0]) },
      { loss: "crossEntropy", epochs: 2, batchSize: 4 },
    );
    assert.equal(h.epochs.length, 2);
  });

  test("evaluate and predict refuse plain arrays the same way", () => {
    assert.throws(
      () => evaluate(model(), { x: [[0, 0]], y: [0] } as never, { loss: "crossEntropy" }),
      (e: unknown) => e instanceof ValueError && /evaluate: x is a plain array/.test(e.message),
    );
    assert.throws(
      () => predict(model(), [[0, 0]] as never),
      (e: unknown) => e instanceof ValueError && /predict\(model, tensor\(x\)\)/.test(e.message),
    );
  });
});

describe("History as Keras's history dict", () => {
  test("history.history = { loss: [...], valLoss: [...] } with Myelin's camelCase log keys", () => {
    const h = new History();
    h.push({ loss: 1, valLoss: 2, lr: 0.1 });
    h.push({ loss: 0.5, valLoss: 1.5, lr: 0.1, accuracy: 0.75 });
    assert.deepEqual(h.history, {
      loss: [1, 0.5],
      valLoss: [2, 1.5],
      lr: [0.1, 0.1],
      accuracy: [NaN, 0.75],
    });
    assert.deepEqual(new History().history, {});
  });
});
