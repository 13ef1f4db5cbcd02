// divergence(): the rule (epoch loss > factor × the first batch's loss for `patience` consecutive
// epochs, or in the last epoch) on scripted losses, and on real runs: adam at lr 1e6 is found
// diverged with finite weights; a normal run is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { divergence } from "../../src/train/callbacks/divergence.js";
import type { TrainContext } from "../../src/train/callback.js";
import { History } from "../../src/train/history.js";
import { fit } from "../../src/train/fit.js";
import { moons, smallMlp } from "./helpers.js";

const DATA = moons(40);

/** Drive the callback with a first-batch loss and per-epoch losses; return it and the context. */
function drive(first: number, epochLosses: number[], options = {}) {
  const cb = divergence(options);
  const ctx = { stopTraining: false, history: new History() } as TrainContext;
  const stoppedAt: number[] = [];
  cb.onTrainBegin!(ctx);
  epochLosses.forEach((loss, e) => {
    if (e === 0) void cb.onBatchEnd!(0, { loss: first }, ctx);
    void cb.onBatchEnd!(1, { loss: 1e9 }, ctx); // later batches do not move the reference
    void cb.onEpochEnd!(e, { loss }, ctx);
    if (ctx.stopTraining) stoppedAt.push(e);
  });
  void cb.onTrainEnd!(ctx);
  return { cb, stoppedAt };
}

test("3 consecutive epochs above 10 × the first batch's loss → diverged at the third", () => {
  const { cb } = drive(1, [5, 20, 11, 30, 0.5]);
  assert.deepEqual(cb.diverged, { epoch: 4, loss: 30, reference: 1, factor: 10 });
});

test("a spike that falls back is not divergence; exactly 10× is not above", () => {
  assert.equal(drive(1, [20, 30, 0.9, 40, 50, 0.8]).cb.diverged, null);
  assert.equal(drive(2, [20, 20, 20, 1]).cb.diverged, null);
});

test("the last epoch blown up counts, so a short run is judged too", () => {
  assert.deepEqual(drive(0.5, [0.4, 6]).cb.diverged, {
    epoch: 2,
    loss: 6,
    reference: 0.5,
    factor: 10,
  });
});

test("options: factor, patience, stopTraining, onDiverge", () => {
  const seen: number[] = [];
  const { cb, stoppedAt } = drive(1, [3, 4, 5], {
    factor: 2,
    patience: 2,
    stopTraining: true,
    onDiverge: (r: { epoch: number }) => seen.push(r.epoch),
  });
  assert.equal(cb.diverged?.epoch, 2);
  assert.deepEqual(stoppedAt, [1, 2]);
  assert.deepEqual(seen, [2], "reported once");
});

test("adam at lr 1e6: finite weights, no NaN error, found diverged", async () => {
  const watch = divergence();
  const model = smallMlp(2);
  const history = await fit(model, DATA, {
    loss: "mse",
    epochs: 6,
    batchSize: 16,
    optimizer: { name: "adam", lr: 1e6 },
    callbacks: [watch],
  });
  assert.ok(history.get("loss").every(Number.isFinite));
  assert.ok(watch.diverged !== null, `losses ${history.get("loss").join(", ")}`);
  assert.ok(watch.diverged.loss > 10 * watch.diverged.reference);
});

test("a normal run (adam lr 0.05, 40 epochs) is not flagged", async () => {
  const watch = divergence();
  await fit(smallMlp(2), DATA, {
    loss: "mse",
    epochs: 40,
    batchSize: 16,
    optimizer: { name: "adam", lr: 0.05 },
    callbacks: [watch],
  });
  assert.equal(watch.diverged, null);
});
