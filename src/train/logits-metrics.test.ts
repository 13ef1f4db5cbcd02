// Regression: with loss "bceWithLogits" the model's single output is a logit, so fit's and
// evaluate's accuracy must threshold it at 0, not at 0.5 (which is right only for probabilities).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Module } from "../nn/module.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { fit } from "./fit.js";
import { evaluate } from "./predict.js";

/** Outputs fixed logits whatever the input (one trainable scale that stays ~1 at lr 0). */
class FixedLogits extends Module {
  readonly typeName = "FixedLogits";
  readonly w = this.registerParameter("w", tensor([1], { requiresGrad: true }));
  constructor(private readonly logits: number[]) {
    super();
  }
  forward(_x: Tensor): Tensor {
    return tensor(this.logits.map((z) => [z])).mul(this.w);
  }
}

// logits 0.2, 0.3 are positive (class 1 by σ(z) > 0.5) but below 0.5; −0.2 is class 0
const logits = [0.2, 0.3, -0.2, 0.7];
const y = tensor([1, 1, 0, 0]); // correct, correct, correct, wrong → accuracy 3/4
const x = tensor([[0], [0], [0], [0]]);

test("evaluate(bceWithLogits): accuracy thresholds logits at 0", () => {
  const logs = evaluate(
    new FixedLogits(logits),
    { x, y },
    { loss: "bceWithLogits", metrics: ["accuracy"] },
  );
  assert.equal(logs.accuracy, 0.75);
});

test("fit(bceWithLogits): logged train and validation accuracy threshold logits at 0", async () => {
  const model = new FixedLogits(logits);
  const history = await fit(
    model,
    { x, y },
    {
      loss: "bceWithLogits",
      optimizer: { name: "sgd", lr: 0 },
      epochs: 1,
      batchSize: 4,
      metrics: ["accuracy"],
      validationData: { x, y },
    },
  );
  assert.equal(history.last.accuracy, 0.75);
  assert.equal(history.last.valAccuracy, 0.75);
});

test("evaluate(bce) on probabilities still thresholds at 0.5", () => {
  const probs = [0.6, 0.4, 0.2, 0.7]; // → 1, 0, 0, 1 vs 1, 1, 0, 0: accuracy 2/4
  const logs = evaluate(new FixedLogits(probs), { x, y }, { loss: "bce", metrics: ["accuracy"] });
  assert.equal(logs.accuracy, 0.5);
});
