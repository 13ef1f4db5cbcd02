// Issue 10, items 6 and 7, through the CLI: a CSV with a text column and gaps trains (with
// --impute), says which columns are categorical, and predict/evaluate read new rows with the
// stored categories and fill values; unseen categories and unimputed gaps are clear errors; ";"
// files are detected; predict refuses a duplicated column name as train does.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
const ISLANDS = ["Biscoe", "Dream", "Torgersen"];

/** island decides the species (with the bill as a second hint); some cells are NA or empty. */
function penguins(n: number, sep = ","): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const k = i % 3;
    const bill = i % 11 === 4 ? "NA" : String(35 + k * 5 + (i % 4));
    const sex = i % 13 === 5 ? "" : i % 2 ? "male" : "female";
    return [ISLANDS[k], bill, sex, ["Adelie", "Chinstrap", "Gentoo"][k]].join(sep);
  });
  return [["island", "bill_mm", "sex", "species"].join(sep), ...rows].join("\n") + "\n";
}

before(() => {
  work = tempDir();
  writeFileSync(join(work.dir, "p.csv"), penguins(90));
  writeFileSync(join(work.dir, "p-semi.csv"), penguins(90, ";"));
  writeFileSync(join(work.dir, "new.csv"), "sex,bill_mm,island\nmale,NA,Dream\n,36,Biscoe\n");
  writeFileSync(join(work.dir, "mars.csv"), "island,bill_mm,sex\nDream,40,male\nMars,40,male\n");
  writeFileSync(join(work.dir, "dup.csv"), "island,bill_mm,sex,island\nDream,40,male,Biscoe\n");
});
after(() => work.done());

const TRAIN = ["--epochs", "30", "--seed", "1"];

test("train without --impute: the first missing cell, named, with the remedy (exit 1)", () => {
  const r = cli(["train", "--data", "p.csv", ...TRAIN, "--out", "none.myelin"], work.dir);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stderr, /p\.csv:6:2: column "bill_mm": missing value "NA"/);
  assert.match(r.stderr, /--impute mean\|median\|drop/);
});

test("train --impute mean: categorical columns said, encoder stored; predict fills and maps", async () => {
  const r = cli(
    ["train", "--data", "p.csv", ...TRAIN, "--impute", "mean", "--out", "m.myelin"],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /column "island" is categorical: 3 categories, one-hot/);
  assert.match(r.stdout, /column "sex" is categorical: 2 categories, one-hot/);
  assert.match(r.stdout, /network: 6 → /); // 3 + 1 + 2 inputs after one-hot
  const { meta } = await io.load(join(work.dir, "m.myelin"));
  assert.deepEqual(meta.featureNames, ["island", "bill_mm", "sex"]);
  const steps = meta.preprocessing as { kind: string; columns?: { categories?: string[] }[] }[];
  assert.equal(steps[0].kind, "columns");
  assert.deepEqual(steps[0].columns![0].categories, ISLANDS);
  const p = cli(["predict", "m.myelin", "--data", "new.csv"], work.dir);
  assert.equal(p.code, 0, p.stderr);
  const labels = p.stdout
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[0]);
  assert.deepEqual(labels, ["Chinstrap", "Adelie"]);
  const e = cli(["evaluate", "m.myelin", "--data", "p-semi.csv"], work.dir);
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /accuracy  1\b/);
});

test("predict: an unseen category → exit 1 naming it; --unknown-category ignore → predicted", () => {
  const p = cli(["predict", "m.myelin", "--data", "mars.csv"], work.dir);
  assert.equal(p.code, 1);
  assert.match(
    p.stderr,
    /mars\.csv:3:1: column "island": "Mars" is not a category seen in training \("Biscoe", "Dream", "Torgersen"\)/,
  );
  const ok = cli(
    ["predict", "m.myelin", "--data", "mars.csv", "--unknown-category", "ignore"],
    work.dir,
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim().split("\n").length, 3);
});

test("--impute drop says how many rows it dropped; predict then refuses a gap", () => {
  const r = cli(
    ["train", "--data", "p-semi.csv", ...TRAIN, "--impute", "drop", "--out", "d.myelin"],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /--impute drop: dropped 14 rows with a missing cell/);
  const h = cli(
    [
      "train",
      "--data",
      "p.csv",
      "--test-data",
      "p-semi.csv",
      ...TRAIN,
      "--impute",
      "drop",
      "--out",
      "dh.myelin",
    ],
    work.dir,
  );
  assert.equal(h.code, 0, h.stderr); // the holdout's rows with a gap are dropped as well
  assert.match(h.stdout, /76 test rows|test +loss/);
  const p = cli(["predict", "d.myelin", "--data", "new.csv"], work.dir);
  assert.equal(p.code, 1);
  assert.match(
    p.stderr,
    /new\.csv:2:2: column "bill_mm": missing value "NA"; the model was trained without imputing/,
  );
});

test("--test-data with text columns and gaps is read with the training file's categories", () => {
  const r = cli(
    [
      "train",
      "--data",
      "p.csv",
      "--test-data",
      "p-semi.csv",
      ...TRAIN,
      "--impute",
      "median",
      "--out",
      "h.myelin",
    ],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /test +loss [\d.]+ · accuracy 1\b/);
});

test("predict refuses a duplicated column name, as train does", () => {
  const p = cli(["predict", "m.myelin", "--data", "dup.csv"], work.dir);
  assert.equal(p.code, 1, p.stdout);
  assert.match(p.stderr, /dup\.csv:1:4: header: duplicate column name "island" \(also column 1\)/);
  const t = cli(["train", "--data", "dup.csv", "--epochs", "1", "--out", "x.myelin"], work.dir);
  assert.equal(t.code, 1);
  assert.match(t.stderr, /dup\.csv:1:4: header: duplicate column name "island"/);
});

test("--impute, --categorical and --delimiter are part of the run: a resume with another --impute is refused", () => {
  const first = cli(
    [
      "train",
      "--data",
      "p.csv",
      ...TRAIN,
      "--impute",
      "mean",
      "--checkpoint",
      "c.ckpt",
      "--out",
      "c.myelin",
    ],
    work.dir,
  );
  assert.equal(first.code, 0, first.stderr);
  const other = cli(
    [
      "train",
      "--data",
      "p.csv",
      ...TRAIN,
      "--impute",
      "median",
      "--resume",
      "c.ckpt",
      "--out",
      "c2.myelin",
    ],
    work.dir,
  );
  assert.equal(other.code, 2, other.stderr);
  assert.match(other.stderr, /impute differs \(checkpoint "mean", this run "median"\)/);
});
