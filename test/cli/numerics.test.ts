// `myelin train` when the numbers go wrong: weights that overflow stop the run with the layer
// named, the model (finite, as the guard left it) is still saved and the exit code is 1; a run
// whose loss blows up with finite weights ends with a divergence warning; a normal run has none.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => (work = tempDir()));
after(() => work.done());

async function finiteWeights(file: string): Promise<boolean> {
  const { model } = await io.load(join(work.dir, file));
  return Object.values(model.stateDict()).every((t) => t.data.every(Number.isFinite));
}

test("sgd lr 1e300: stopped at epoch 1 batch 1 naming the layer, model saved finite, exit 1", async () => {
  const r = cli(
    ["train", "--optimizer", "sgd", "--lr", "1e300", "--epochs", "3", "--out", "boom.myelin"],
    work.dir,
  );
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /stopped: fit, epoch 1, batch 1: non-finite weight in layer 0 \(Linear\) weight .*the model holds the weights from the start of epoch 1 \(the initial weights\)\n {2}fix: lower --lr, or use --clip-norm/,
  );
  assert.match(r.stdout, /Model: {2}boom\.myelin/);
  assert.ok(await finiteWeights("boom.myelin"));
});

test("adam lr 1e6: finite but diverging → one warning with the remedy, exit 0", () => {
  const r = cli(["train", "--lr", "1e6", "--epochs", "8", "--out", "wild.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /^myelin train: warning: training diverged: the loss of epoch \d+ \(.*\) is over 10× the untrained model's \(0\.\d+\).*\n {2}fix: lower --lr \(now 1000000\), or use --clip-norm\n$/m,
  );
});

test("the default run (spirals) gives no warning", () => {
  const r = cli(["train", "--out", "normal.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr + r.stdout, /diverged|stopped/);
});
