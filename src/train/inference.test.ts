// applyPreprocessing / predictWithMetadata / scoreWithMetadata on a hand-set linear model, so
// every expected number is computed by hand here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Linear } from "../nn/linear.js";
import { Sequential } from "../nn/sequential.js";
import { LogSoftmax } from "../nn/activations.js";
import { tensor } from "../tensor/create.js";
import { applyPreprocessing, predictWithMetadata, scoreWithMetadata } from "./inference.js";

/** y = x·Wᵀ + b with the given W [C, D] and b [C]. */
function fixedLinear(W: number[][], b: number[]): Linear {
  const layer = new Linear(W[0].length, W.length);
  layer.loadStateDict({ weight: tensor(W), bias: tensor(b) });
  return layer;
}

const standardize = { kind: "standardize", mean: [10], std: [2] };

test("applyPreprocessing applies stored steps in order; null is the identity", () => {
  const x = tensor([[12], [8]]);
  assert.deepEqual(applyPreprocessing({ preprocessing: standardize }, x).toArray(), [[1], [-1]]);
  const two = [standardize, { kind: "minMax", min: [-1], max: [1], featureRange: [0, 1] }];
  assert.deepEqual(applyPreprocessing({ preprocessing: two }, x).toArray(), [[1], [0]]);
  assert.equal(applyPreprocessing({ preprocessing: null }, x), x);
});

test("multiclass logits → softmax probabilities and argmax labels", () => {
  // z = (x − 10)/2 → logits [z, 0, −z]
  const model = fixedLinear([[1], [0], [-1]], [0, 0, 0]);
  const meta = { task: "multiclass" as const, loss: "crossEntropy", preprocessing: standardize };
  const p = predictWithMetadata(model, meta, tensor([[12], [8]]));
  assert.equal(p.task, "multiclass");
  const e = Math.E;
  const s = e + 1 + 1 / e;
  const expected = [e / s, 1 / s, 1 / e / s, 1 / e / s, 1 / s, e / s];
  p.probabilities.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6, `${i}: ${v}`));
  assert.deepEqual(Array.from(p.classes), [0, 2]);
});

test("binary single logit → [1 − σ(z), σ(z)]; nll models' log-probabilities → exp", () => {
  const binary = predictWithMetadata(
    fixedLinear([[1]], [0]),
    { task: "binary", loss: "bceWithLogits" },
    tensor([[0], [Math.log(3)]]),
  );
  if (binary.task === "regression") throw new Error("unexpected");
  // σ(0) = 1/2; σ(ln 3) = 3/4
  // float32 input: ln 3 is rounded, so compare within 1e-6
  [0.5, 0.5, 0.25, 0.75].forEach((v, i) => assert.ok(Math.abs(binary.probabilities[i] - v) < 1e-6));
  assert.deepEqual(Array.from(binary.classes), [0, 1]);
  const nllModel = new Sequential(fixedLinear([[0], [0]], [0, 0]), new LogSoftmax());
  const nll = predictWithMetadata(nllModel, { task: "binary", loss: "nll" }, tensor([[5]]));
  if (nll.task === "regression") throw new Error("unexpected");
  assert.deepEqual(Array.from(nll.probabilities), [0.5, 0.5]);
});

test("scores: accuracy and confusion from predicted classes; regression MAE/RMSE/R²", () => {
  const model = fixedLinear([[1], [-1]], [0, 0]); // class 0 when x > 0
  const meta = { task: "binary" as const, loss: "crossEntropy", labelNames: ["pos", "neg"] };
  const s = scoreWithMetadata(model, meta, tensor([[1], [2], [-1], [3]]), tensor([0, 1, 1, 0]));
  assert.equal(s.accuracy, 0.75);
  assert.deepEqual(s.confusion, [
    [2, 0],
    [1, 1],
  ]);
  // class 0: P = 2/3, R = 1, F1 = 0.8; class 1: P = 1, R = 1/2, F1 = 2/3
  assert.ok(Math.abs(s.macroF1! - (0.8 + 2 / 3) / 2) < 1e-12);
  const reg = scoreWithMetadata(
    fixedLinear([[2]], [0]),
    { task: "regression", loss: "mse" },
    tensor([[1], [2]]),
    tensor([[1], [4]]),
  );
  // predictions 2, 4 vs 1, 4: MAE 0.5, RMSE √0.5, R² = 1 − 1/4.5, mse loss 0.5
  assert.equal(reg.mae, 0.5);
  assert.ok(Math.abs(reg.rmse! - Math.sqrt(0.5)) < 1e-7);
  assert.ok(Math.abs(reg.r2! - (1 - 1 / 4.5)) < 1e-7);
  assert.ok(Math.abs(reg.loss - 0.5) < 1e-7);
});

test("a row with a non-finite output has no class: -1, NaN probabilities, counted", () => {
  // logits [x, 0, −x]; the weight of class 2 is NaN, so every row's third logit is NaN
  const model = fixedLinear([[1], [0], [NaN]], [0, 0, 0]);
  const meta = { task: "multiclass" as const, loss: "crossEntropy" };
  const p = predictWithMetadata(model, meta, tensor([[1], [2]]));
  if (p.task === "regression") throw new Error("unexpected");
  assert.deepEqual(Array.from(p.classes), [-1, -1]);
  assert.ok(p.probabilities.every(Number.isNaN));
  assert.equal(p.nonFiniteRows, 2);
  // an Infinity in one row only: that row alone loses its class
  const inf = predictWithMetadata(fixedLinear([[1], [0]], [0, 0]), meta, tensor([[1], [3e38]]));
  if (inf.task === "regression") throw new Error("unexpected");
  assert.deepEqual(Array.from(inf.classes), [0, 0]); // 3e38 is finite: still a class
  const big = predictWithMetadata(fixedLinear([[1e10], [0]], [0, 0]), meta, tensor([[1], [3e38]]));
  if (big.task === "regression") throw new Error("unexpected");
  assert.deepEqual(Array.from(big.classes), [0, -1]);
  assert.equal(big.nonFiniteRows, 1);
  assert.ok(Number.isNaN(big.probabilities[2]) && Number.isNaN(big.probabilities[3]));
});

test("a single binary output that is NaN has no class either; regression counts its rows", () => {
  const meta = { task: "binary" as const, loss: "bceWithLogits" };
  const p = predictWithMetadata(fixedLinear([[NaN]], [0]), meta, tensor([[1]]));
  if (p.task === "regression") throw new Error("unexpected");
  assert.deepEqual(Array.from(p.classes), [-1]);
  assert.ok(p.probabilities.every(Number.isNaN));
  const r = predictWithMetadata(
    fixedLinear([[1]], [Infinity]),
    { task: "regression" },
    tensor([[1]]),
  );
  assert.equal(r.nonFiniteRows, 1);
});

test("scores never count a non-finite row as a class: accuracy NaN, rows counted", () => {
  const model = fixedLinear([[1], [-1]], [0, 0]);
  model.weight.data[0] = NaN; // row outputs [NaN·x, −x]: every row is non-finite
  const meta = { task: "binary" as const, loss: "crossEntropy", labelNames: ["a", "b"] };
  const s = scoreWithMetadata(model, meta, tensor([[1], [-1]]), tensor([0, 1]));
  assert.ok(Number.isNaN(s.accuracy!));
  assert.ok(Number.isNaN(s.macroF1!));
  assert.equal(s.nonFiniteRows, 2);
  assert.deepEqual(s.confusion, [
    [0, 0],
    [0, 0],
  ]);
  const fine = scoreWithMetadata(
    fixedLinear([[1], [-1]], [0, 0]),
    meta,
    tensor([[1]]),
    tensor([0]),
  );
  assert.equal(fine.nonFiniteRows, undefined, "absent when every row is finite");
});

test("a one-label classifier (an old single-class model) is refused, not given a class '1'", () => {
  const meta = { task: "binary" as const, loss: "bceWithLogits", labelNames: ["yes"] };
  const model = fixedLinear([[1]], [0]);
  const refused = /1 label name \("yes"\) for 2 classes; a classifier needs a name for each/;
  assert.throws(() => predictWithMetadata(model, meta, tensor([[1]])), refused);
  assert.throws(() => scoreWithMetadata(model, meta, tensor([[1]]), tensor([0])), refused);
});
