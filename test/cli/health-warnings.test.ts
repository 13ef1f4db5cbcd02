// `myelin train` runs diagnostics.gradientFlow and healthCheck: a deep sigmoid net prints one
// vanishing warning as it appears (not once per epoch), lists it in the summary and stores it,
// with the per-layer records, in the model file; the default run prints no warning.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => (work = tempDir()));
after(() => work.done());

test("a deep sigmoid net: one vanishing warning on stderr, in the summary and in the model file", async () => {
  const layers = "16,16,16,16,16,16,16,16";
  const args = ["--data", "spirals", "--layers", layers, "--activation", "sigmoid"];
  const r = cli(["train", ...args, "--epochs", "3", "--out", "deep.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  const printed = r.stderr.split("\n").filter((l) => l.includes("vanishing"));
  assert.equal(printed.length, 1, r.stderr);
  assert.match(
    printed[0],
    /^myelin train: warning: epoch 1: layer 0 \(Linear\)'s gradients are \S+ of layer 16 \(Linear\)'s: vanishing — try ReLU, batch norm or He initialization$/,
  );
  assert.match(r.stdout, /^Health: 1 warning\n {2}epoch 1: layer 0 \(Linear\)'s gradients are/m);
  const { meta } = await io.load(join(work.dir, "deep.myelin"));
  const d = meta.training?.diagnostics as {
    records: { epoch: number; layers: { layer: string; gradNorm: number }[] }[];
    warnings: { kind: string }[];
  };
  assert.deepEqual(
    d.records.map((rec) => rec.epoch),
    [1, 2, 3],
  );
  assert.equal(d.records[0].layers.length, 9);
  assert.deepEqual(
    d.warnings.map((w) => w.kind),
    ["vanishing"],
  );
  // the report beside it plots one gradient-norm line per Linear layer and lists the warning
  const html = readFileSync(join(work.dir, "deep.report.html"), "utf8");
  const grads = /<figcaption>Gradient norm [^<]*<\/figcaption><svg[\s\S]*?<\/svg>/.exec(html);
  assert.ok(grads, "gradient-norm plot");
  assert.equal(grads[0].match(/<polyline/g)?.length, 9);
  assert.match(html, /<ul class="health"><li>epoch 1: layer 0 \(Linear\)&#39;s gradients are/);
});

test("the default run prints no health warning", () => {
  const r = cli(["train", "--out", "default.myelin", "--report", "none"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /warning/);
  assert.match(r.stdout, /^Health: no warnings/m);
});

test("a checkpoint keeps the callback-state layout it had before the health callbacks (it still resumes)", async () => {
  const args = ["train", "--epochs", "2", "--checkpoint-every", "1", "--report", "none"];
  const r = cli([...args, "--out", "ck.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  const { state } = await io.loadCheckpoint(join(work.dir, "ck.myelin.ckpt"));
  // [history, early stopping, progress, divergence + health]: 4 slots, as checkpoints had before
  assert.equal(state.callbacks?.length, 4);
});
