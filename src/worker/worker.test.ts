// The worker-training helper end to end in one thread: serveTraining and trainInWorker joined by a
// MessageChannel. Same job ⇒ same weights and records; reset() ⇒ the initial weights again;
// step(n) trains exactly n epochs; pause stops; records arrive once each; Progress is throttled.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  defaultJob,
  inThread,
  recorder,
  untilStopped,
  weightSnapshot,
} from "../../test/worker/helpers.js";
import { worker as nodeWorker } from "../node/index.js";
import { worker } from "../index.js";

test("the Node entry exports the same worker namespace as the browser entry", () => {
  assert.equal(nodeWorker.trainInWorker, worker.trainInWorker);
  assert.equal(nodeWorker.serveTraining, worker.serveTraining);
});

test("the same job twice gives bit-identical weights and records; reset() brings back the initial weights", async () => {
  const runs: { initial: unknown; after: unknown; records: worker.EpochRecord[] }[] = [];
  for (let k = 0; k < 2; k++) {
    const rec = recorder();
    const { training, close } = inThread(defaultJob(), { snapshot: weightSnapshot }, rec.handlers);
    const initial = (await training.nextProgress()).snapshot;
    training.step(5);
    const after = (await untilStopped(training)).snapshot;
    training.reset();
    const again = await training.nextProgress();
    assert.deepEqual(again.snapshot, initial, "reset() rebuilds the same initial weights");
    assert.deepEqual(again.records, []);
    runs.push({ initial, after, records: rec.records() });
    close();
  }
  assert.deepEqual(runs[1], runs[0]);
  assert.notDeepEqual(runs[0].after, runs[0].initial, "5 epochs changed the weights");
  assert.equal(runs[0].records.length, 5);
  const r = runs[0].records[4];
  assert.equal(r.epoch, 5);
  assert.equal(r.steps, 50, "100 rows in batches of 10: 10 steps an epoch");
  assert.equal(r.gradNorms.length, 3, "one gradient norm per Linear (2-4-2-2: three Linears)");
  assert.equal(r.weightNorms.length, 3);
  assert.ok(r.testLoss !== undefined && Number.isFinite(r.testLoss));
  assert.ok(r.trainMetrics.accuracy >= 0 && r.trainMetrics.accuracy <= 1);
  assert.ok(r.testMetrics !== undefined && "accuracy" in r.testMetrics);
});

test("a different seed gives different initial weights", async () => {
  const a = inThread(defaultJob(), { snapshot: weightSnapshot });
  const b = inThread(defaultJob({ seed: 2 }), { snapshot: weightSnapshot });
  const [pa, pb] = await Promise.all([a.training.nextProgress(), b.training.nextProgress()]);
  assert.notDeepEqual(pa.snapshot, pb.snapshot);
  a.close();
  b.close();
});

test("step(3) trains exactly 3 epochs, then pauses; step again continues from epoch 4", async () => {
  const rec = recorder();
  const { training, close } = inThread(defaultJob(), {}, rec.handlers);
  await training.nextProgress();
  training.step(3);
  assert.equal(training.running, true);
  const last = await untilStopped(training);
  assert.equal(last.running, false);
  assert.equal(training.running, false);
  assert.deepEqual(
    rec.records().map((r) => r.epoch),
    [1, 2, 3],
  );
  training.step();
  await untilStopped(training);
  assert.deepEqual(
    rec.records().map((r) => r.epoch),
    [1, 2, 3, 4],
  );
  close();
});

test("play then pause: training stops, and every epoch's record arrives exactly once, in order", async () => {
  const rec = recorder();
  const { training, close } = inThread(defaultJob(), {}, rec.handlers);
  await training.nextProgress();
  training.play();
  await new Promise((resolve) => setTimeout(resolve, 150));
  training.pause();
  const stopped = await untilStopped(training);
  assert.equal(stopped.running, false);
  const epochs = rec.records().map((r) => r.epoch);
  assert.ok(epochs.length > 3, `trained ${epochs.length} epochs in 150 ms`);
  assert.deepEqual(
    epochs,
    epochs.map((_, i) => i + 1),
    "1, 2, 3, … with no gap and no repeat",
  );
  const steps = rec.records().map((r) => r.steps);
  assert.deepEqual(
    steps,
    epochs.map((e) => e * 10),
  );
  // nothing more arrives once paused
  const count = rec.progress.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(rec.progress.length, count);
  assert.equal(rec.records().length, epochs.length);
  close();
});

test("Progress is throttled while playing: at most ~60 messages a second, several epochs each", async () => {
  const rec = recorder();
  const { training, close } = inThread(defaultJob(), {}, rec.handlers);
  await training.nextProgress();
  const before = rec.progress.length;
  const t0 = performance.now();
  training.play();
  await new Promise((resolve) => setTimeout(resolve, 500));
  training.pause();
  await untilStopped(training);
  const seconds = (performance.now() - t0) / 1000;
  const messages = rec.progress.length - before;
  const epochs = rec.records().length;
  assert.ok(
    messages <= 60 * seconds + 2,
    `${messages} Progress messages in ${seconds.toFixed(2)} s`,
  );
  assert.ok(epochs > 2 * messages, `${epochs} epochs in ${messages} messages: several per message`);
  close();
});

test("setSpeed bounds the epochs a second while playing", async () => {
  const rec = recorder();
  const { training, close } = inThread(defaultJob(), {}, rec.handlers);
  await training.nextProgress();
  training.setSpeed(20);
  const t0 = performance.now();
  training.play();
  await new Promise((resolve) => setTimeout(resolve, 400));
  training.pause();
  await untilStopped(training);
  const seconds = (performance.now() - t0) / 1000;
  const epochs = rec.records().length;
  // ⌊elapsed·20⌋ + 1 epochs at most
  assert.ok(
    epochs <= Math.floor(seconds * 20) + 1,
    `${epochs} epochs in ${seconds.toFixed(2)} s at 20/s`,
  );
  assert.ok(epochs >= 4, `${epochs} epochs in ${seconds.toFixed(2)} s at 20/s`);
  close();
});
