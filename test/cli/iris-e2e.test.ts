// End to end on a real CSV: train (25 % test split, fixed seed) → inspect → evaluate → predict.
// Expected values come from the iris file itself (150 rows, 3 classes), not from the CLI.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, IRIS, tempDir } from "./helpers.js";

const LABELS = ["setosa", "versicolor", "virginica"];
let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  copyFileSync(IRIS, join(work.dir, "iris.csv"));
});
after(() => work.done());

/** True labels straight from the CSV text (last column; the file has no quoted fields). */
function trueLabels(): string[] {
  return readFileSync(IRIS, "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(",").at(-1)!);
}

test("iris: train → inspect → evaluate → predict", () => {
  const trained = cli(
    [
      "train",
      "--data",
      "iris.csv",
      "--test-split",
      "0.25",
      "--seed",
      "7",
      "--out",
      "iris.myelin",
      "--json",
    ],
    work.dir,
  );
  assert.equal(trained.code, 0, trained.stderr);
  const t = JSON.parse(trained.stdout);
  assert.equal(t.task, "multiclass");
  assert.ok(t.test.accuracy >= 0.93, `test accuracy ${t.test.accuracy} < 0.93`);
  // 25 % of 150 stratified: round(0.25 · 50) = 13 rows per class
  assert.equal(
    t.test.confusion.flat().reduce((s: number, v: number) => s + v, 0),
    39,
  );
  assert.ok(existsSync(join(work.dir, "iris.myelin")));
  assert.match(readFileSync(join(work.dir, "iris.report.html"), "utf8"), /Confusion matrix/);

  const inspected = cli(["inspect", "iris.myelin", "--json"], work.dir);
  assert.equal(inspected.code, 0, inspected.stderr);
  const info = JSON.parse(inspected.stdout);
  assert.deepEqual(info.labelNames, LABELS);
  assert.equal(info.featureNames.length, 4);
  assert.equal(info.target, "target");
  assert.equal(info.preprocessing.kind, "standardize");
  // the CSV default 4→64→3 with biases: (4·64+64) + (64·3+3) = 320 + 195
  assert.equal(info.totalParameters, 515);
  assert.deepEqual(info.layers.at(-1).outputShape, ["N", 3]);
  assert.equal(info.training.seed, 7);
  const text = cli(["inspect", "iris.myelin"], work.dir);
  assert.match(text.stdout, /Total parameters: 515/);

  const evaluated = cli(["evaluate", "iris.myelin", "--data", "iris.csv", "--json"], work.dir);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const e = JSON.parse(evaluated.stdout);
  assert.equal(e.rows, 150);

  const predicted = cli(
    ["predict", "iris.myelin", "--data", "iris.csv", "--out", "preds.csv"],
    work.dir,
  );
  assert.equal(predicted.code, 0, predicted.stderr);
  const rows = readFileSync(join(work.dir, "preds.csv"), "utf8").trim().split("\n");
  assert.equal(rows[0], "label,p_setosa,p_versicolor,p_virginica");
  assert.equal(rows.length, 151);
  const truth = trueLabels();
  let hits = 0;
  rows.slice(1).forEach((row, i) => {
    const [label, ...p] = row.split(",");
    assert.ok(LABELS.includes(label), `row ${i + 1}: label ${label}`);
    const probs = p.map(Number);
    assert.ok(
      Math.abs(probs.reduce((s, v) => s + v, 0) - 1) < 1e-4,
      `row ${i + 1} sums to ${probs}`,
    );
    assert.equal(label, LABELS[probs.indexOf(Math.max(...probs))]);
    if (label === truth[i]) hits++;
  });
  assert.equal(e.accuracy, hits / 150);
  // the confusion matrix agrees with the predictions row by row
  assert.equal(e.confusion[0][0] + e.confusion[1][1] + e.confusion[2][2], hits);

  const toStdout = cli(["predict", "iris.myelin", "--data", "iris.csv"], work.dir);
  assert.equal(toStdout.stdout, readFileSync(join(work.dir, "preds.csv"), "utf8"));
});
