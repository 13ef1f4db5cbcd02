// NaN/Inf in the worker: a weight poisoned through a `commands` hook, and a learning rate that
// overflows, each give onNonFinite naming the layer; training pauses and the weights stay finite
// (those of the end of the last completed epoch), and training can go on after it.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  defaultJob,
  inThread,
  recorder,
  untilStopped,
  weightSnapshot,
} from "../../test/worker/helpers.js";
import { nn, type worker } from "../index.js";

/** The playground's debug command: set one weight of the k-th Linear (0-based) to NaN. */
const poison = (model: nn.Sequential, payload: unknown): void => {
  const linears = model.layers.filter((m): m is nn.Linear => m instanceof nn.Linear);
  linears[(payload as { layer: number }).layer].weight.data[0] = NaN;
};

const hooks: worker.ServeHooks = { snapshot: weightSnapshot, commands: { poison } };

function allFinite(snapshot: unknown): boolean {
  return (snapshot as number[]).every(Number.isFinite);
}

test("a poisoned weight: onNonFinite names the layer, training pauses, the weights stay those of the last epoch", async () => {
  const rec = recorder();
  const { training, close } = inThread(defaultJob(), hooks, rec.handlers);
  await training.nextProgress();
  training.step(2);
  const afterTwo = (await untilStopped(training)).snapshot;
  // the second Linear of 2-4-2-2 tanh is layers[2] of the Sequential
  training.command("poison", { layer: 1 });
  const poisoned = (await training.nextProgress()).snapshot as number[];
  assert.ok(poisoned.some(Number.isNaN), "the hook did poison a weight");
  training.play();
  const stopped = await untilStopped(training);
  assert.equal(rec.nonFinite.length, 1);
  const r = rec.nonFinite[0];
  assert.equal(r.layer, "layer 2 (Linear)");
  assert.match(r.where, /^forward/);
  assert.equal(r.epoch, 3);
  assert.equal(r.step, 21, "the first step of epoch 3");
  assert.match(r.message, /layer 2 \(Linear\) holds a NaN weight/);
  assert.equal(training.running, false);
  assert.equal(stopped.running, false);
  assert.ok(allFinite(stopped.snapshot));
  assert.deepEqual(stopped.snapshot, afterTwo, "back to the weights at the end of epoch 2");
  assert.deepEqual(
    rec.records().map((x) => x.epoch),
    [1, 2],
  );
  // training goes on from epoch 3
  training.step(1);
  await untilStopped(training);
  assert.deepEqual(
    rec.records().map((x) => x.epoch),
    [1, 2, 3],
  );
  assert.equal(rec.nonFinite.length, 1);
  close();
});

test("poisoning the first Linear while playing names layer 0", async () => {
  const rec = recorder();
  const { training, close } = inThread(defaultJob(), hooks, rec.handlers);
  await training.nextProgress();
  training.play();
  await new Promise((resolve) => setTimeout(resolve, 50));
  training.command("poison", { layer: 0 });
  const stopped = await untilStopped(training);
  assert.equal(rec.nonFinite.length, 1);
  assert.equal(rec.nonFinite[0].layer, "layer 0 (Linear)");
  assert.ok(allFinite(stopped.snapshot));
  const epochs = rec.records().map((x) => x.epoch);
  assert.deepEqual(
    epochs,
    epochs.map((_, i) => i + 1),
  );
  assert.equal(rec.nonFinite[0].epoch, epochs.length + 1);
  close();
});

test("a learning rate that overflows a weight: onNonFinite names the layer and the remedy, weights finite", async () => {
  const rec = recorder();
  const job = defaultJob({ optimizer: { name: "sgd", lr: 1e300 } });
  const { training, close } = inThread(job, hooks, rec.handlers);
  const initial = (await training.nextProgress()).snapshot;
  training.step(5);
  const stopped = await untilStopped(training);
  assert.deepEqual(rec.errors, []);
  assert.equal(rec.nonFinite.length, 1);
  const r = rec.nonFinite[0];
  // lr·g overflows float32 in the first Linear's weight at the first step
  assert.deepEqual([r.layer, r.where, r.epoch, r.step], ["layer 0 (Linear)", "weight", 1, 1]);
  assert.match(r.message, /lower the learning rate \(now 1e\+300\)/);
  assert.match(r.message, /gradient clipping/);
  assert.match(r.message, /went back to the initial weights/);
  assert.deepEqual(stopped.snapshot, initial);
  assert.deepEqual(rec.records(), []);
  assert.equal(training.running, false);
  close();
});

test("a learning rate that overflows the loss after a few steps: reported, weights finite", async () => {
  const rec = recorder();
  const job = defaultJob({ optimizer: { name: "sgd", lr: 1e38 } });
  const { training, close } = inThread(job, hooks, rec.handlers);
  const initial = (await training.nextProgress()).snapshot;
  training.step(5);
  const stopped = await untilStopped(training);
  assert.equal(rec.nonFinite.length, 1);
  const r = rec.nonFinite[0];
  assert.equal(r.epoch, 1);
  assert.ok(r.step > 1, "a few steps went through before the overflow");
  assert.ok(r.layer.length > 0 && r.where.length > 0);
  assert.ok(allFinite(stopped.snapshot));
  assert.deepEqual(
    stopped.snapshot,
    initial,
    "epoch 1 did not complete: back to the initial weights",
  );
  close();
});
