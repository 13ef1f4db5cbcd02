// checkTrainingState: a TrainingState read from a file is refused with a typed error naming the
// field, before fit() could trip over it (TypeError) or run on silently wrong state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ModelFormatError } from "../io/errors.js";
import { Random } from "../tensor/random.js";
import { checkTrainingState } from "./training-state.js";

/** A well-formed state after 2 epochs (optimizer contents are not this validator's job). */
function good(): Record<string, unknown> {
  return {
    epoch: 2,
    optimizer: { type: "Adam", hyper: { lr: 0.01 }, state: [] },
    shuffleRandom: new Random(1).getState(),
    globalRandom: { s: [-1, 2, 3, 4], spareNormal: 0.5 },
    history: [
      { loss: 1, lr: 0.01 },
      { loss: 0.5, lr: 0.01 },
    ],
  };
}

function refused(state: unknown, field: RegExp): void {
  assert.throws(
    () => checkTrainingState(state, "run.ckpt"),
    (e: unknown) =>
      e instanceof ModelFormatError &&
      e.reason === "bad-header" &&
      e.message.startsWith("run.ckpt") &&
      field.test(e.message),
  );
}

test("a well-formed state passes; words come back unsigned, the rest unchanged", () => {
  const s = checkTrainingState(good(), "run.ckpt");
  assert.equal(s.epoch, 2);
  assert.deepEqual(s.globalRandom, { s: [2 ** 32 - 1, 2, 3, 4], spareNormal: 0.5 });
  assert.deepEqual(s.history, good().history);
  assert.equal(s.schedule, undefined);
  const r = new Random(0);
  r.setState(s.shuffleRandom);
  const original = new Random(1);
  assert.equal(r.nextUint32(), original.nextUint32());
});

test("the checkpoint section itself: missing, null, an array, a string", () => {
  refused(undefined, /without training state \(not a checkpoint\)/);
  refused(null, /checkpoint must be an object, got null/);
  refused([], /checkpoint must be an object, got an array/);
  refused("x", /checkpoint must be an object, got string/);
});

test("epoch: negative, fractional, unsafe, a string, missing", () => {
  for (const epoch of [-1, 1.5, 2 ** 53, "2", undefined, null]) {
    refused({ ...good(), epoch }, /checkpoint\.epoch must be an integer ≥ 0/);
  }
});

test("history: not an array, a wrong length, entries not objects of numbers", () => {
  refused({ ...good(), history: {} }, /checkpoint\.history must be an array, got object/);
  refused({ ...good(), history: null }, /checkpoint\.history must be an array, got null/);
  refused({ ...good(), history: [{ loss: 1 }] }, /history has 1 entries but epoch is 2/);
  refused({ ...good(), history: [{ loss: 1 }, 3] }, /history\[1\] must be an object/);
  refused(
    { ...good(), history: [{ loss: 1 }, { loss: "0.5" }] },
    /history\[1\]\.loss must be a number/,
  );
  // null is how JSON stores NaN: it comes back as NaN
  const s = checkTrainingState({ ...good(), history: [{ loss: 1 }, { loss: null }] }, "f");
  assert.ok(Number.isNaN(s.history[1].loss));
});

test("random states: malformed words, all zero, bad spareNormal", () => {
  for (const key of ["shuffleRandom", "globalRandom"]) {
    refused({ ...good(), [key]: null }, new RegExp(`checkpoint\\.${key} must be an object`));
    refused({ ...good(), [key]: { s: [1, 2, 3] } }, new RegExp(`${key}\\.s must be an array of 4`));
    refused({ ...good(), [key]: { s: [1, 2, 3, 0.5] } }, new RegExp(`${key}\\.s\\[3\\] must be`));
    refused({ ...good(), [key]: { s: [1, 2, 3, 2 ** 32] } }, new RegExp(`${key}\\.s\\[3\\]`));
    refused({ ...good(), [key]: { s: [1, "2", 3, 4] } }, new RegExp(`${key}\\.s\\[1\\]`));
    refused(
      { ...good(), [key]: { s: [0, 0, 0, 0], spareNormal: null } },
      new RegExp(`${key}\\.s is all zero`),
    );
    refused(
      { ...good(), [key]: { s: [1, 2, 3, 4], spareNormal: "NaN" } },
      new RegExp(`${key}\\.spareNormal must be a finite number or null`),
    );
  }
});

test("optimizer and schedule must be objects", () => {
  refused({ ...good(), optimizer: null }, /checkpoint\.optimizer must be an object, got null/);
  refused({ ...good(), optimizer: [1] }, /checkpoint\.optimizer must be an object/);
  refused({ ...good(), schedule: 3 }, /checkpoint\.schedule must be an object when present/);
  const s = checkTrainingState({ ...good(), schedule: { lastEpoch: 2 } }, "f");
  assert.deepEqual(s.schedule, { lastEpoch: 2 });
});
