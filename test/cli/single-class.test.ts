// A classification target with one class is refused, never trained into a 1-output model with
// "accuracies" and an invented class: by the CSV reader for the whole column (library and CLI
// alike), and by the split when the training rows alone hold one class.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { data } from "../../src/node/index.js";
import { CliError } from "../../src/cli/output.js";
import { splitData } from "../../src/cli/train/split.js";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  const rows = Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 5},yes`);
  writeFileSync(join(work.dir, "one.csv"), ["a,b,answer", ...rows].join("\n") + "\n");
});
after(() => work.done());

test("myelin train: a one-class target column → exit 1 naming the column and its class", () => {
  const r = cli(["train", "--data", "one.csv", "--epochs", "2", "--out", "one.myelin"], work.dir);
  assert.equal(r.code, 1, r.stdout);
  assert.match(
    r.stderr,
    /one\.csv:1:3: target column "answer" has only one class \("yes" in all 30 rows\); a classification target needs at least 2 classes/,
  );
  assert.ok(!existsSync(join(work.dir, "one.myelin")), "no model is written");
});

test("splitData: training rows left with one class (the other went to test) → CliError", () => {
  const text =
    "a,b,y\n" + [...Array.from({ length: 12 }, (_, i) => `${i},1,a`), "5,5,b"].join("\n");
  const all = data.parseCsvDatasetSync(text, { target: -1 });
  const loaded = { name: "t", source: "t.csv", all, target: "y" };
  // stratified: the only "b" row goes to test when round(0.6 · 1) = 1
  const config = { "validation-split": 0.1, "test-split": 0.6, seed: 1 };
  assert.throws(
    () => splitData(loaded, config),
    (e: unknown) =>
      e instanceof CliError &&
      /the 5 training rows \(after the test\/validation split\) all have one class of target "y": "a"/.test(
        e.message,
      ) &&
      /needs at least 2 classes in its training rows/.test(e.hint ?? ""),
  );
  // with 0.2 it stays in the rest; the validation cut is stratified too (a class of one row keeps
  // it for training), so the training rows hold both classes, with or without validation rows
  const kept = splitData(loaded, { ...config, "test-split": 0.2 });
  assert.equal(new Set(kept.fit.y.data).size, 2);
  assert.ok(kept.val && kept.val.y.size > 0 && !Array.from(kept.val.y.data).includes(1));
  const fine = splitData(loaded, { ...config, "test-split": 0.2, "validation-split": 0 });
  assert.equal(new Set(fine.fit.y.data).size, 2);
});
