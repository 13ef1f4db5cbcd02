// Defaults a new user can see: `train --help` shows every flag's default; training prints the
// network, the hyper-parameters and the feature scaling it uses before the first epoch; `inspect`
// shows the optimizer, lr, batch size, epochs and what early stopping kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { TRAIN_FLAGS, TRAIN_HELP } from "../../src/cli/train/flags.js";
import { cli, IRIS, lines, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  copyFileSync(IRIS, join(work.dir, "iris.csv"));
});
after(() => work.done());

test("train --help shows a default for every flag that takes a value", () => {
  // --resume has none: without it a run starts fresh
  const valued = Object.entries(TRAIN_FLAGS).filter(
    ([k, s]) => s.type !== "boolean" && k !== "resume",
  );
  const helpLines = TRAIN_HELP.split("\n");
  const missing = valued
    .map(([name]) => name)
    .filter((name) => {
      const line = helpLines.find((l) => l.startsWith(`  --${name} `));
      return line === undefined || !/\bdefault\b/.test(line);
    });
  assert.deepEqual(missing, []);
  assert.match(TRAIN_HELP, /--patience N +.*\(default 20\)/);
  assert.match(TRAIN_HELP, /--test-split F +.*0 for none \(default 0\.2/);
});

test("training prints the network, the hyper-parameters and the scaling it uses", () => {
  const r = cli(
    ["train", "--data", "iris.csv", "--epochs", "3", "--report", "none", "--out", "m.myelin"],
    work.dir,
  );
  assert.equal(r.code, 0, r.stderr);
  const [first, network, training, scaling] = lines(r.stdout);
  assert.match(first, /^myelin train: iris\.csv · multiclass · /);
  assert.equal(network, "network: 4 → 64 tanh → 3 (softmax cross-entropy), 515 parameters");
  assert.equal(
    training,
    "training: adam, lr 0.003, batch size 16, up to 3 epochs, early stopping on validation loss (patience 20, best epoch kept), seed 42",
  );
  assert.equal(scaling, "features standardized (z-score, from the training rows)");
  const off = cli(
    [
      "train",
      "--data",
      "iris.csv",
      "--epochs",
      "3",
      "--no-early-stopping",
      "--report",
      "none",
      "--out",
      "n.myelin",
    ],
    work.dir,
  );
  assert.equal(off.code, 0, off.stderr);
  assert.match(
    off.stdout,
    /^training: adam, lr 0\.003, batch size 16, 3 epochs, no early stopping \(--no-early-stopping\), seed 42$/m,
  );
  assert.ok(!/^Epochs: kept epoch/m.test(off.stdout), "no early-stopping line without it");
});

test("inspect shows the optimizer, lr, batch size, epochs and the kept epoch", () => {
  const r = cli(["inspect", "m.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^Optimizer: {5}adam, lr 0\.003, batch size 16, up to 3 epochs; early stopping \(patience 20\) kept epoch \d of 3$/m,
  );
  const off = cli(["inspect", "n.myelin"], work.dir);
  assert.match(
    off.stdout,
    /^Optimizer: {5}adam, lr 0\.003, batch size 16, 3 epochs; no early stopping$/m,
  );
});
