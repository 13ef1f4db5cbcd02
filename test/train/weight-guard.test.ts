// The post-step finite-weights check (terminateOnNaN, default on): a step whose finite loss and
// gradients still overflow a weight (sgd, lr 1e300) stops fit with a NonFiniteTrainingError that
// names the weight's layer, element, value, epoch and batch, and the model is put back to the
// weights it had when that epoch began — never left holding NaN or ±Infinity.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NonFiniteTrainingError } from "../../src/optim/non-finite.js";
import { fit } from "../../src/train/fit.js";
import type { Module } from "../../src/nn/module.js";
import { moons, smallMlp, weightBytes } from "./helpers.js";

const DATA = moons(40); // batchSize 16 → 3 batches per epoch

function allFinite(model: Module): boolean {
  return Object.values(model.stateDict()).every((t) => t.data.every(Number.isFinite));
}

async function fitError(run: () => Promise<unknown>): Promise<NonFiniteTrainingError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof NonFiniteTrainingError, String(e));
    return e;
  }
  assert.fail("fit did not throw");
}

test("sgd lr 1e300 overflows the weights at step 1: stopped, layer named, initial weights back", async () => {
  const model = smallMlp(2);
  const initial = weightBytes(model);
  const states: number[] = [];
  const error = await fitError(() =>
    fit(model, DATA, {
      loss: "mse",
      epochs: 3,
      batchSize: 16,
      shuffle: false,
      optimizer: { name: "sgd", lr: 1e300 },
      onState: (s) => void states.push(s.epoch),
    }),
  );
  assert.equal(error.report.where, "weight");
  assert.equal(error.report.parameter, "0.weight");
  assert.equal(error.report.layer, "layer 0 (Linear) weight");
  assert.equal(error.report.epoch, 1);
  assert.equal(error.report.batch, 1);
  assert.ok(!Number.isFinite(error.report.value));
  assert.match(
    error.message,
    /^fit, epoch 1, batch 1: non-finite weight in layer 0 \(Linear\) weight \("0\.weight"\) after the optimizer step: -?(Infinity|NaN) at element \d+; the model holds the weights from the start of epoch 1 \(the initial weights\)$/,
  );
  assert.equal(weightBytes(model), initial, "the initial weights are restored bit for bit");
  assert.ok(allFinite(model));
  assert.deepEqual(states, [], "no checkpoint state for an epoch that did not finish");
});

test("an overflow in epoch 3 restores the weights at the end of epoch 2", async () => {
  const model = smallMlp(3);
  let afterEpoch2 = "";
  const error = await fitError(() =>
    fit(model, DATA, {
      loss: "mse",
      epochs: 5,
      batchSize: 16,
      shuffle: false,
      optimizer: { name: "sgd", lr: 0.01 },
      callbacks: [
        {
          onEpochEnd: (epoch, _logs, ctx) => {
            if (epoch === 1) afterEpoch2 = weightBytes(ctx.model);
          },
          onBatchEnd: (batch, _logs, ctx) => {
            // epoch 3's second step runs with an absurd rate
            if (ctx.history.epochs.length === 2 && batch === 0) ctx.optimizer.lr = 1e300;
          },
        },
      ],
    }),
  );
  assert.equal(error.report.where, "weight");
  assert.equal(error.report.epoch, 3);
  assert.equal(error.report.batch, 2);
  assert.match(
    error.message,
    /the model holds the weights from the start of epoch 3 \(the end of epoch 2\)$/,
  );
  assert.equal(weightBytes(model), afterEpoch2);
  assert.ok(allFinite(model));
});

test("terminateOnNaN: false leaves the check off (overflowing weights stay, as the demo shows)", async () => {
  const model = smallMlp(2);
  await fit(model, DATA, {
    loss: "mse",
    epochs: 1,
    batchSize: 16,
    shuffle: false,
    optimizer: { name: "sgd", lr: 1e300 },
    terminateOnNaN: false,
  });
  assert.ok(!allFinite(model), "without the guard the weights overflow");
});
