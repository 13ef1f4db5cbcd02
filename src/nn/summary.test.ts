// nn.summary / Module.toString: Keras's summary() table — layer, type, output shape, params — and
// totals that equal parameterCount(); the model's mode and weights are left as they were.
import assert from "node:assert/strict";
import { test } from "node:test";
import { BatchNorm1d } from "./batch-norm.js";
import { ReLU } from "./activations.js";
import { Linear } from "./linear.js";
import { Sequential } from "./sequential.js";
import { summary } from "./summary.js";

test("summary(model, [4]): one row per layer with output shapes and parameter counts", () => {
  const model = new Sequential(
    new Linear(4, 8),
    new ReLU(),
    new Sequential(new Linear(8, 3), new BatchNorm1d(3)),
  );
  const text = summary(model, [4]);
  assert.equal(
    text,
    [
      "Layer   Type          Output shape   Params",
      "0       Linear        [N, 8]             40",
      "1       ReLU          [N, 8]              0",
      "2.0     Linear        [N, 3]             27",
      "2.1     BatchNorm1d   [N, 3]              6",
      "Total params: 73 (trainable 73) · buffers: 7",
    ].join("\n"),
  );
  assert.equal(model.parameterCount(), 73);
  assert.equal(model.isTraining, true, "the mode is restored");
});

test("toString() and String(model): the same table without shapes", () => {
  const model = new Sequential(new Linear(2, 3), new ReLU());
  const text = String(model);
  assert.equal(text, model.toString());
  assert.equal(
    text,
    [
      "Layer   Type     Params",
      "0       Linear        9",
      "1       ReLU          0",
      "Total params: 9 (trainable 9) · buffers: 0",
    ].join("\n"),
  );
  assert.match(new Linear(2, 1).toString(), /^Layer\s+Type\s+Params\n\(model\)\s+Linear\s+3\n/);
});
