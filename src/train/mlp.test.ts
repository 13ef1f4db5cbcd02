// mlp() layer order and sizes, and the task heads: output width and final activation per loss.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ValueError } from "../errors.js";
import { mlp } from "./mlp.js";
import { defaultLoss, headFor } from "./task-head.js";

test("mlp: Linear → [BatchNorm1d] → activation → [Dropout] per hidden layer, then the head", () => {
  const net = mlp({
    inFeatures: 2,
    hidden: [16, 8],
    outFeatures: 3,
    activation: "tanh",
    batchNorm: true,
    dropout: 0.1,
    outputActivation: "logSoftmax",
  });
  const types = net.layers.map((l) => l.typeName);
  assert.deepEqual(types, [
    "Linear",
    "BatchNorm1d",
    "Tanh",
    "Dropout",
    "Linear",
    "BatchNorm1d",
    "Tanh",
    "Dropout",
    "Linear",
    "LogSoftmax",
  ]);
  // Linear params: 2·16+16 + 16·8+8 + 8·3+3 = 48 + 136 + 27 = 211; BatchNorm γ, β: 2·16 + 2·8 = 48
  assert.equal(net.parameterCount(), 211 + 48);
  assert.deepEqual(
    mlp({ inFeatures: 4, hidden: [], outFeatures: 1 }).layers.map((l) => l.typeName),
    ["Linear"],
  );
  assert.throws(() => mlp({ inFeatures: 2, hidden: [0], outFeatures: 1 }), ValueError);
  assert.throws(() => mlp({ inFeatures: 2, hidden: [4], outFeatures: 1, dropout: 1 }), ValueError);
  assert.throws(
    () => mlp({ inFeatures: 2, hidden: [4], outFeatures: 1, activation: "nope" }),
    ValueError,
  );
});

test("task heads", () => {
  assert.equal(defaultLoss("multiclass"), "crossEntropy");
  assert.equal(defaultLoss("binary"), "bceWithLogits");
  assert.equal(defaultLoss("regression"), "mse");
  assert.deepEqual(headFor("multiclass", "crossEntropy", 3), { outFeatures: 3 });
  assert.deepEqual(headFor("binary", "bceWithLogits", 2), { outFeatures: 1 });
  assert.deepEqual(headFor("binary", "bce", 2), { outFeatures: 1, outputActivation: "sigmoid" });
  assert.deepEqual(headFor("multiclass", "nll", 4), {
    outFeatures: 4,
    outputActivation: "logSoftmax",
  });
  assert.deepEqual(headFor("regression", "huber", 0, 2), { outFeatures: 2 });
  assert.throws(() => headFor("regression", "crossEntropy", 3), /does not fit a regression task/);
  assert.throws(() => headFor("multiclass", "bce", 3), /does not fit a multiclass task/);
});
