// `myelin train` stopped by the NaN guard says where the first non-finite value came from
// (diagnostics.explainNaN), on a line of its own between the guard's message and the remedy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => (work = tempDir()));
after(() => work.done());

test("sgd lr 1e38 on XOR: the stop message names the loss's mean as the first non-finite op", () => {
  const xor = ["0,0,0", "0,1,1", "1,0,1", "1,1,0"];
  writeFileSync(join(work.dir, "d.csv"), ["a,b,y", ...xor, ...xor, ...xor, ""].join("\n"));
  const args = ["train", "--data", "d.csv", "--optimizer", "sgd", "--lr", "1e38"];
  const r = cli([...args, "--epochs", "3", "--out", "nan.myelin", "--report", "none"], work.dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /myelin train: stopped: fit, epoch 2, batch 1: non-finite loss: Infinity at element 0\n {2}first non-finite: the loss forward: op mean produced Infinity; the model's outputs reach \|y\| \d\.\d\de\+38\n {2}fix: lower --lr/,
  );
});
