// Regression (issue 9, class 5): a CSV header longer than 1 MiB used to lose its target column
// (the target's name was read from the file's first 1 MiB only). The header is now read in the
// same pass as the rows: the last column stays the target, all features are kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
const names = ["f1", "f2", "f3"].map((f) => f + "x".repeat(400_000)).concat("label");
before(() => {
  work = tempDir();
  const rows = Array.from(
    { length: 40 },
    (_, i) => `${i % 7},${i % 3},${i % 5},${i % 2 ? "b" : "a"}`,
  );
  writeFileSync(join(work.dir, "wide.csv"), [names.join(","), ...rows].join("\n") + "\n");
});
after(() => work.done());

test("train on a 1.2 MB header: target = last column, 3 features, predict reads it back", async () => {
  const r = cli(["train", "--data", "wide.csv", "--epochs", "2", "--out", "w.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr.slice(0, 500));
  const { meta } = await io.load(join(work.dir, "w.myelin"));
  assert.equal(meta.target, "label");
  assert.deepEqual(meta.featureNames, names.slice(0, 3));
  assert.deepEqual(meta.labelNames, ["a", "b"]);
  const p = cli(["predict", "w.myelin", "--data", "wide.csv"], work.dir);
  assert.equal(p.code, 0, p.stderr.slice(0, 500));
  assert.equal(p.stdout.split("\n")[0], "label,p_a,p_b");
});
