// describeParameter names a parameter by its layer; WeightGuard restores the captured weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Linear } from "../nn/linear.js";
import { Sequential } from "../nn/sequential.js";
import { Tanh } from "../nn/activations.js";
import { NonFiniteTrainingError } from "../optim/non-finite.js";
import { describeParameter, WeightGuard } from "./weight-guard.js";

test("describeParameter: index, layer type and parameter; nested and top-level names", () => {
  const model = new Sequential(new Linear(2, 3), new Tanh(), new Sequential(new Linear(3, 1)));
  assert.equal(describeParameter(model, "0.weight"), "layer 0 (Linear) weight");
  assert.equal(describeParameter(model, "2.0.bias"), "layer 2.0 (Linear) bias");
  assert.equal(describeParameter(new Linear(1, 1), "weight"), "Linear weight");
  assert.equal(describeParameter(model, "7.weight"), "parameter 7.weight");
});

test("WeightGuard: a non-finite weight puts back the captured values and throws", () => {
  const model = new Sequential(new Linear(2, 2), new Tanh(), new Linear(2, 1));
  const guard = new WeightGuard(model);
  const bias = model.namedParameters().find(([n]) => n === "2.bias")![1];
  bias.data[0] = 0.25;
  guard.capture(4);
  guard.check(4, 0); // finite: nothing happens
  bias.data[0] = Infinity;
  assert.throws(
    () => guard.check(4, 6),
    (e: unknown) =>
      e instanceof NonFiniteTrainingError &&
      e.report.layer === "layer 2 (Linear) bias" &&
      e.report.epoch === 5 &&
      e.report.batch === 7 &&
      /start of epoch 5 \(the end of epoch 4\)$/.test(e.message),
  );
  assert.equal(bias.data[0], 0.25);
});
