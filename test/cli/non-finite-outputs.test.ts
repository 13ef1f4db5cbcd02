// A model file whose weights hold NaN or Infinity: `myelin predict` writes the rows it cannot
// classify with an empty label and NaN probabilities, warns once (count, first row) and exits 1;
// `myelin evaluate` refuses to score (exit 1, the count named) instead of calling them a class.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, IRIS, lines, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(async () => {
  work = tempDir();
  copyFileSync(IRIS, join(work.dir, "iris.csv"));
  const r = cli(["train", "--data", "iris.csv", "--epochs", "3", "--out", "ok.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  const { model, meta } = await io.load(join(work.dir, "ok.myelin"));
  const [, firstWeight] = model.namedParameters()[0];
  firstWeight.data.fill(NaN, 0, firstWeight.shape[1]); // hidden unit 0 is NaN for every row
  await io.save(model, join(work.dir, "nan.myelin"), meta);
  firstWeight.data.fill(0.5);
  const [, lastBias] = model.namedParameters().at(-1)!;
  lastBias.data[0] = Infinity; // class 0's logit is +Infinity: softmax gives NaN, not "class 0"
  await io.save(model, join(work.dir, "inf.myelin"), meta);
});
after(() => work.done());

test("predict: NaN weights → empty labels, NaN probabilities, one warning, exit 1", () => {
  const r = cli(["predict", "nan.myelin", "--data", "iris.csv"], work.dir);
  assert.equal(r.code, 1, r.stderr);
  const rows = lines(r.stdout);
  assert.equal(rows.length, 151);
  assert.match(rows[0], /^label,p_/);
  for (const row of rows.slice(1)) assert.match(row, /^,NaN,NaN,NaN$/);
  assert.deepEqual(lines(r.stderr).slice(0, 1), [
    "myelin predict: warning: 150 of 150 rows have non-finite outputs (NaN or Infinity), the first is data row 1; they are written with an empty label and NaN probabilities",
  ]);
  assert.match(r.stderr, /fix: the model's weights hold NaN\/Infinity/);
});

test("predict --out: the same rows in the file, the warning, exit 1", () => {
  const r = cli(["predict", "inf.myelin", "--data", "iris.csv", "--out", "p.csv"], work.dir);
  assert.equal(r.code, 1, r.stderr);
  const rows = lines(readFileSync(join(work.dir, "p.csv"), "utf8")).slice(1);
  assert.equal(rows.length, 150);
  for (const row of rows) assert.match(row, /^,NaN,NaN,NaN$/);
  assert.match(r.stderr, /warning: 150 of 150 rows have non-finite outputs/);
});

test("evaluate refuses to score non-finite outputs, naming how many rows", () => {
  const r = cli(["evaluate", "nan.myelin", "--data", "iris.csv"], work.dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /the model's outputs are not finite \(NaN or Infinity\) for 150 of 150 rows, so no score is reported/,
  );
  assert.doesNotMatch(r.stdout, /accuracy/);
  const ok = cli(["evaluate", "ok.myelin", "--data", "iris.csv"], work.dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /accuracy/);
});
