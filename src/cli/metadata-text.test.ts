// The metadata lines of `myelin inspect`, read defensively: parsed JSON objects have no prototype,
// and any JSON value may sit where a number or a string is expected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { namesText, preprocessingText, trainingLines } from "./metadata-text.js";

/** An object like the model-file parser makes: no prototype, so no toString or valueOf. */
function bare(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, fields);
}

test("trainingLines: values of any JSON type never throw; odd ones show as ? or are left out", () => {
  const odd: unknown[] = [bare({}), [], [1], "s", 3, true, null, bare({ a: bare({}) })];
  for (const v of odd) {
    for (const key of ["epochsRun", "seed", "dataSource", "date", "finalMetrics"]) {
      const lines = trainingLines(bare({ [key]: v }));
      assert.equal(lines.length, 2, `${key}: ${JSON.stringify(v)}`);
      assert.match(lines[0], /^Training: {6}/);
    }
    assert.doesNotThrow(() => trainingLines(v));
  }
  const lines = trainingLines(
    bare({
      epochsRun: bare({}),
      seed: 7,
      dataSource: "iris.csv",
      finalMetrics: bare({ "train.accuracy": "0.9", "test.loss": 0.25, "test.r2": bare({}) }),
    }),
  );
  assert.deepEqual(lines, [
    "Training:      ? epochs on iris.csv, seed 7, ",
    "Final metrics: test.loss 0.2500",
  ]);
});

test("trainingLines reads own fields only, not inherited ones", () => {
  const t = Object.create({ epochsRun: 5 }) as Record<string, unknown>;
  assert.match(trainingLines(t)[0], /^Training: {6}\? epochs/);
});

test("preprocessingText: odd kinds and column lists do not throw", () => {
  assert.equal(preprocessingText(undefined), "none");
  assert.equal(preprocessingText(7), "unknown");
  assert.equal(preprocessingText(bare({ kind: bare({}), mean: "abc" })), "unknown");
  assert.equal(
    preprocessingText(bare({ kind: "minmax", min: [0, 0, 0] })),
    "minmax over 3 columns (fitted on training rows)",
  );
  assert.equal(preprocessingText(bare({ kind: "\x1b[2J" })), "\\x1b[2J");
});

test("namesText escapes every name and counts what it does not list", () => {
  assert.equal(namesText(["a", "b\rc"], 8), "a, b\\rc");
  const many = Array.from({ length: 30 }, (_, i) => `f${i}`);
  assert.equal(namesText(many, 8), "f0, f1, f2, f3, f4, f5, … (30 in all)");
});
