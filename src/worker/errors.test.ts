// Bad jobs and bad commands reach onError as the library's typed error (name and message); the
// worker does not crash and keeps serving: a good reset afterwards trains.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  defaultJob,
  inThread,
  recorder,
  untilStopped,
  weightSnapshot,
} from "../../test/worker/helpers.js";
import type { worker } from "../index.js";

const CASES: [string, Partial<worker.TrainingJob>, string, RegExp][] = [
  ["an unknown loss", { loss: "crossEntropyy" }, "ValueError", /unknown loss "crossEntropyy"/],
  [
    "an unknown optimizer",
    { optimizer: { name: "adamm", lr: 0.01 } },
    "ValueError",
    /unknown optimizer "adamm"/,
  ],
  [
    "an unknown activation",
    { network: { inFeatures: 2, hidden: [4], outFeatures: 2, activation: "rellu" } },
    "ValueError",
    /rellu/,
  ],
  ["an unknown init", { init: "xavierr" }, "ValueError", /unknown init "xavierr"/],
  ["an unknown metric", { metrics: ["acc"] }, "ValueError", /unknown metric "acc"/],
  ["a negative learning rate", { optimizer: { name: "sgd", lr: -1 } }, "ValueError", /lr/],
  ["a batch size of 0", { batchSize: 0 }, "ValueError", /batchSize must be an integer ≥ 1/],
  [
    "inputs wider than the network",
    { network: { inFeatures: 3, hidden: [4], outFeatures: 2 } },
    "ShapeError",
    /job\.train\.x is \[100, 2\] but the network takes \[N, 3\]/,
  ],
  [
    "x and y with different row counts",
    {
      train: {
        x: { data: new Float32Array(20), shape: [10, 2] },
        y: { data: new Float32Array(9), shape: [9] },
      },
    },
    "ShapeError",
    /need the same number of rows/,
  ],
  [
    "data that does not fill its shape",
    {
      train: {
        x: { data: new Float32Array(19), shape: [10, 2] },
        y: { data: new Float32Array(10), shape: [10] },
      },
    },
    "ShapeError",
    /job\.train\.x has 19 numbers but shape \[10, 2\]/,
  ],
  [
    "targets that do not fit the output (mse, 2 outputs, 3 target columns)",
    {
      loss: "mse",
      train: {
        x: { data: new Float32Array(20), shape: [10, 2] },
        y: { data: new Float32Array(30), shape: [10, 3] },
      },
      test: undefined,
    },
    "ShapeError",
    /mse: target shape \[10, 3\] does not match input shape \[10, 2\]/,
  ],
  [
    "a class label outside the network's classes",
    {
      train: {
        x: { data: new Float32Array(20), shape: [10, 2] },
        y: { data: new Float32Array(10).fill(5), shape: [10] },
      },
      test: undefined,
    },
    "IndexError",
    /crossEntropy: target of sample 0 is class 5, outside \[0, 2\)/,
  ],
];

for (const [what, override, name, message] of CASES) {
  test(`${what}: onError with ${name}, and the worker keeps serving`, async () => {
    const rec = recorder();
    const { training, close } = inThread(defaultJob(override), {}, rec.handlers);
    const after = await training.nextProgress();
    assert.equal(rec.errors.length, 1, JSON.stringify(rec.errors));
    assert.equal(rec.errors[0].name, name);
    assert.match(rec.errors[0].message, message);
    assert.equal(after.running, false);
    // play without a job: an error, not a crash
    training.play();
    await untilStopped(training);
    assert.equal(rec.errors.length, 2);
    assert.match(rec.errors[1].message, /no job/);
    // a good job afterwards trains
    training.reset(defaultJob());
    await training.nextProgress();
    training.step(2);
    await untilStopped(training);
    assert.deepEqual(
      rec.records().map((r) => r.epoch),
      [1, 2],
    );
    assert.equal(rec.errors.length, 2);
    close();
  });
}

test("an unknown custom command, a bad step count and a throwing hook are errors, not crashes", async () => {
  const rec = recorder();
  const hooks: worker.ServeHooks = {
    commands: {
      explode: () => {
        throw new RangeError("the hook failed");
      },
    },
  };
  const { training, close } = inThread(defaultJob(), hooks, rec.handlers);
  await training.nextProgress();
  training.command("nope");
  await training.nextProgress();
  assert.deepEqual(rec.errors[0].name, "ValueError");
  assert.match(rec.errors[0].message, /unknown command "nope"; this worker's commands: explode/);
  training.command("explode");
  await training.nextProgress();
  assert.deepEqual(rec.errors[1], { name: "RangeError", message: "the hook failed" });
  assert.throws(() => training.step(0), { name: "ValueError" });
  assert.throws(() => training.setSpeed(0), { name: "ValueError" });
  training.step(1);
  await untilStopped(training);
  assert.equal(rec.records().length, 1);
  close();
});

test("an error in the middle of training: onError, paused, the weights of the last epoch", async () => {
  const rec = recorder();
  const y = new Float32Array(20).map((_, i) => i % 2);
  y[15] = 7; // not a class of a 2-output network; rows 0..9 (the reset's check) are fine
  const x = new Float32Array(40).map((_, i) => Math.sin(i));
  const job = defaultJob({
    train: { x: { data: x, shape: [20, 2] }, y: { data: y, shape: [20] } },
    test: undefined,
    batchSize: 5,
  });
  const { training, close } = inThread(job, { snapshot: weightSnapshot }, rec.handlers);
  const initial = (await training.nextProgress()).snapshot;
  assert.equal(rec.errors.length, 0);
  training.play();
  const stopped = await untilStopped(training);
  assert.equal(rec.errors.length, 1);
  assert.equal(rec.errors[0].name, "IndexError");
  assert.match(rec.errors[0].message, /class 7, outside \[0, 2\)/);
  assert.deepEqual(rec.records(), []);
  assert.deepEqual(stopped.snapshot, initial, "the partial epoch's steps were undone");
  assert.equal(training.running, false);
  close();
});

test("a snapshot hook that throws: onError, the records still arrive, the worker keeps serving", async () => {
  const rec = recorder();
  let calls = 0;
  const snapshot = (): unknown => {
    if (++calls === 2) throw new TypeError("the grid is gone");
    return calls;
  };
  const { training, close } = inThread(defaultJob(), { snapshot }, rec.handlers);
  await training.nextProgress(); // calls = 1
  training.step(2); // the Progress at its end calls the hook the second time
  await untilStopped(training);
  assert.deepEqual(rec.errors, [{ name: "TypeError", message: "the grid is gone" }]);
  assert.deepEqual(
    rec.records().map((r) => r.epoch),
    [1, 2],
  );
  training.step(1);
  const last = await untilStopped(training);
  assert.equal(last.snapshot, 3);
  assert.deepEqual(
    rec.records().map((r) => r.epoch),
    [1, 2, 3],
  );
  close();
});
