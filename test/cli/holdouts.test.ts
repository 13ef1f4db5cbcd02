// `myelin train` holdouts: --test-data / --validation-data files (read like --data, classes from
// the training file), --test-split 0 / --validation-split 0, the first output line naming the
// holdouts, and the holdouts recorded in the model file. Iris is split by a fixed rule: every
// fourth data row goes to the holdout file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, IRIS, lines, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
const FAST = ["--epochs", "5", "--report", "none", "--seed", "3"];

before(() => {
  work = tempDir();
  const [header, ...rows] = readFileSync(IRIS, "utf8").trim().split(/\r?\n/);
  const file = (name: string, keep: (i: number) => boolean): void =>
    writeFileSync(
      join(work.dir, name),
      [header, ...rows.filter((_, i) => keep(i))].join("\n") + "\n",
    );
  file("train.csv", (i) => i % 4 !== 3); // 113 rows
  file("test.csv", (i) => i % 4 === 3); // 37 rows
  file("val.csv", (i) => i % 8 === 3); // 19 rows
  // the same columns in another order: picked by name
  const cols = header.split(",");
  const order = [4, 0, 1, 2, 3];
  const moved = [header, ...rows.slice(0, 20)].map((l) =>
    order.map((j) => l.split(",")[j]).join(","),
  );
  writeFileSync(join(work.dir, "reordered.csv"), moved.join("\n") + "\n");
  writeFileSync(
    join(work.dir, "unknown-class.csv"),
    `${header}\n5,3,1.4,0.2,setosa\n6,3,5,2,daisy\n`,
  );
  writeFileSync(join(work.dir, "extra-column.csv"), `${header},note\n5,3,1.4,0.2,setosa,x\n`);
  writeFileSync(
    join(work.dir, "missing-column.csv"),
    `${cols.slice(1).join(",")}\n3,1.4,0.2,setosa\n`,
  );
});
after(() => work.done());

test("--test-data: no test rows are cut from --data; the first line names both holdouts", async () => {
  const r = cli(
    ["train", "--data", "train.csv", "--test-data", "test.csv", "--out", "a.myelin", ...FAST],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  // 113 rows: a stratified 10 % validation cut leaves 101 for training
  const first = r.stdout.split("\n")[0];
  assert.match(
    first,
    /^myelin train: train\.csv · multiclass · 101 train \/ 12 validation \(10% of train\.csv\) \/ 37 test \(test\.csv\) rows · backend (js|wasm)$/,
  );
  const { meta } = await io.load(join(work.dir, "a.myelin"));
  const t = meta.training!;
  assert.equal(t.trainRows, 101);
  assert.equal(t.testRows, 37);
  assert.deepEqual(JSON.parse(JSON.stringify(t.holdouts)), {
    validation: { rows: 12, from: "split", fraction: 0.1 },
    test: { rows: 37, from: "file", file: "test.csv" },
  });
  assert.equal(t.hyperParameters?.testSplit, null);
  assert.equal(typeof t.finalMetrics?.["test.accuracy"], "number");
});

test("--validation-data and --test-data: every row of --data trains", async () => {
  const r = cli(
    [
      "train",
      ...["--data", "train.csv", "--validation-data", "val.csv", "--test-data", "test.csv"],
      ...["--out", "b.myelin", "--json", ...FAST],
    ],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr.split("\n")[0],
    /· 113 train \/ 19 validation \(val\.csv\) \/ 37 test \(test\.csv\) rows ·/,
  );
  const j = JSON.parse(r.stdout);
  assert.equal(typeof j.validation.accuracy, "number");
  assert.equal(
    j.test.confusion.flat().reduce((s: number, v: number) => s + v, 0),
    37,
  );
  const { meta } = await io.load(join(work.dir, "b.myelin"));
  assert.equal(meta.training!.hyperParameters?.validationSplit, null);
});

test("--test-split 0 and --validation-split 0: all rows train, the summary says there is no test set", () => {
  const r = cli(
    [
      "train",
      ...["--data", "train.csv", "--test-split", "0", "--validation-split", "0"],
      ...["--out", "c.myelin", ...FAST],
    ],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const out = lines(r.stdout);
  assert.match(
    out[0],
    /· 113 train rows, no validation set \(no early stopping\), no test set · backend/,
  );
  assert.ok(!/^\s+test\s+loss/m.test(r.stdout), r.stdout);
  assert.match(
    r.stdout,
    /^ {2}test {7}none: no test set \(--test-split 0\); score a held-out file with myelin evaluate/m,
  );
});

test("a holdout's columns are picked by name, like --data's reader would", () => {
  const r = cli(
    ["train", "--data", "train.csv", "--test-data", "reordered.csv", "--out", "d.myelin", ...FAST],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(lines(r.stdout)[0], /\/ 20 test \(reordered\.csv\) rows/);
});

test("a holdout class the training file does not have is an error naming it, file and line", () => {
  const r = cli(
    [
      "train",
      "--data",
      "train.csv",
      "--test-data",
      "unknown-class.csv",
      "--out",
      "e.myelin",
      ...FAST,
    ],
    work.dir,
  );
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /unknown-class\.csv:3:5: target column "target": "daisy" is not a class/);
});

test("a holdout needs exactly the columns of --data", () => {
  for (const [file, why] of [
    ["extra-column.csv", /column "note" is not in --data train\.csv/],
    ["missing-column.csv", /feature column "sepal_length_\(cm\)" is missing/],
  ] as const) {
    const r = cli(
      ["train", "--data", "train.csv", "--validation-data", file, "--out", "f.myelin", ...FAST],
      work.dir,
    );
    assert.equal(r.code, 1, `${file}: ${r.stderr}`);
    assert.match(r.stderr, why);
  }
});

test("holdout flags that contradict each other or the data are usage errors, before any reading", () => {
  const cases: [string[], RegExp][] = [
    [
      ["--test-data", "test.csv", "--test-split", "0.2"],
      /--test-split does not apply with --test-data/,
    ],
    [
      ["--validation-data", "val.csv", "--validation-split", "0.2"],
      /--validation-split does not apply with --validation-data/,
    ],
    [["--data", "spirals", "--test-data", "test.csv"], /--test-data needs CSV --data/],
    [
      ["--test-data", "test.csv", "--out", "test.csv", "--overwrite"],
      /--out.*--test-data|--test-data.*--out/,
    ],
    [["--validation-data", "train.csv"], /--validation-data.*--data|--data.*--validation-data/],
  ];
  for (const [args, message] of cases) {
    const data = args.includes("--data") ? [] : ["--data", "train.csv"];
    const r = cli(["train", ...data, ...args, ...FAST], work.dir);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
