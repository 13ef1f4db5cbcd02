// `myelin train --resume` on checkpoints whose training state is malformed or contradicts the run
// that wrote it: refused before any training, with one line naming the field — never a TypeError
// from inside fit, never a silent run on a negative epoch, an all-zero generator or another lr.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { tempDir, runMain } from "./helpers.js";

const BASE = ["train", "--samples", "40", "--report", "none"];
/** Resumed runs go one epoch past the checkpoint's 2. */
const RESUME = [...BASE, "--epochs", "3"];
let work: ReturnType<typeof tempDir>;
let original: io.Checkpoint;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runMain(argv, work.dir);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

before(async () => {
  work = tempDir();
  const r = await cli([...BASE, "--epochs", "2", "--checkpoint-every", "1", "--out", "m.myelin"]);
  assert.equal(r.code, 0, r.err);
  original = await io.loadCheckpoint(join(work.dir, "m.myelin.ckpt"));
});
after(() => work.done());

/** Write a copy of the run's checkpoint whose state is `edit(state)`, then resume from it. */
async function resumeEdited(name: string, edit: (state: Record<string, unknown>) => unknown) {
  const state = JSON.parse(JSON.stringify(original.state)) as Record<string, unknown>;
  const edited = edit(state) as io.Checkpoint["state"];
  await io.saveCheckpoint(join(work.dir, name), original.model, edited, original.meta);
  const out = `${name}.myelin`;
  const r = await cli([...RESUME, "--resume", name, "--out", out]);
  assert.ok(!existsSync(join(work.dir, out)), `${name}: a model was written`);
  assert.equal(r.err.split("\n").length, 2, `${name}: one line expected:\n${r.err}`);
  assert.doesNotMatch(r.err, /TypeError/, r.err);
  return r;
}

test("the unedited checkpoint resumes (the edits below are what is refused)", async () => {
  const r = await cli([...RESUME, "--resume", "m.myelin.ckpt", "--out", "ok.myelin"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /resuming after epoch 2 of 3/);
});

const MALFORMED: [string, (s: Record<string, unknown>) => unknown, RegExp][] = [
  ["null-state.ckpt", () => null, /checkpoint must be an object, got null/],
  [
    "history-object.ckpt",
    (s) => ({ ...s, history: {} }),
    /checkpoint\.history must be an array, got object/,
  ],
  [
    "negative-epoch.ckpt",
    (s) => ({ ...s, epoch: -1 }),
    /checkpoint\.epoch must be an integer ≥ 0, got -1/,
  ],
  [
    "short-history.ckpt",
    (s) => ({ ...s, history: (s.history as unknown[]).slice(1) }),
    /checkpoint\.history has 1 entries but epoch is 2/,
  ],
  [
    "zero-generator.ckpt",
    (s) => ({ ...s, globalRandom: { s: [0, 0, 0, 0], spareNormal: null } }),
    /checkpoint\.globalRandom\.s is all zero/,
  ],
  [
    "bad-word.ckpt",
    (s) => ({ ...s, shuffleRandom: { s: [1, 2, "3", 4], spareNormal: null } }),
    /checkpoint\.shuffleRandom\.s\[2\] must be a 32-bit integer/,
  ],
  [
    "optimizer-null.ckpt",
    (s) => ({ ...s, optimizer: null }),
    /checkpoint\.optimizer must be an object/,
  ],
];

for (const [name, edit, field] of MALFORMED) {
  test(`--resume ${name}: exit 1, not a training checkpoint, naming the field`, async () => {
    const r = await resumeEdited(name, edit);
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.err,
      new RegExp(`--resume "${name.replace(".", "\\.")}" is not a training checkpoint`),
    );
    assert.match(r.err, field);
  });
}

test("--resume with an optimizer lr that contradicts the recorded run settings: usage error naming lr", async () => {
  const r = await resumeEdited("lr.ckpt", (s) => {
    const opt = s.optimizer as { hyper: Record<string, unknown> };
    opt.hyper.lr = 0.5;
    return s;
  });
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /optimizer lr differs \(optimizer state 0\.5, run settings 0\.01\)/);
});

test("--resume with the state of another optimizer type: usage error naming the optimizer", async () => {
  const r = await resumeEdited("type.ckpt", (s) => ({
    ...s,
    optimizer: { ...(s.optimizer as object), type: "SGD" },
  }));
  assert.equal(r.code, 2, r.err);
  assert.match(
    r.err,
    /the optimizer state is for "SGD", but the run recorded optimizer adam \(Adam\)/,
  );
});

test("--resume with optimizer buffers that do not fit the model: exit 1 before training", async () => {
  const r = await resumeEdited("buffers.ckpt", (s) => {
    const opt = s.optimizer as { state: unknown[] };
    opt.state = opt.state.slice(1);
    return s;
  });
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /has an optimizer state this model cannot use/);
});

describe("resuming runs whose optimizer settings or schedule change the optimizer state", () => {
  const SGD = ["--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.9", "--nesterov"];
  const REMEDIES = [...SGD, "--weight-decay", "1e-3", "--schedule", "step:1:0.5"];

  test("momentum, nesterov, weight decay and a step schedule: the resumed model equals an uninterrupted run", async () => {
    const full = await cli([...RESUME, ...REMEDIES, "--out", "full.myelin"]);
    assert.equal(full.code, 0, full.err);
    const ckpt = ["--checkpoint-every", "1", "--checkpoint", "half.ckpt"];
    const first = await cli([
      ...BASE,
      "--epochs",
      "2",
      ...REMEDIES,
      "--out",
      "half.myelin",
      ...ckpt,
    ]);
    assert.equal(first.code, 0, first.err);
    // the schedule halved the lr twice: the state's lr is not the run's --lr, and that is legitimate
    const state = (await io.loadCheckpoint(join(work.dir, "half.ckpt"))).state;
    assert.equal((state.optimizer as { hyper: { lr: number } }).hyper.lr, 0.025);
    const resumed = await cli([
      ...RESUME,
      ...REMEDIES,
      "--resume",
      "half.ckpt",
      "--out",
      "re.myelin",
    ]);
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.out, /resuming after epoch 2 of 3/);
    const a = (await io.load(join(work.dir, "full.myelin"))).model.stateDict();
    const b = (await io.load(join(work.dir, "re.myelin"))).model.stateDict();
    for (const [name, t] of Object.entries(a)) assert.deepEqual(b[name].data, t.data, name);
  });

  test("one-cycle cycles the momentum: its checkpoint still resumes", async () => {
    const run = [...BASE, "--epochs", "2", ...SGD, "--schedule", "onecycle"];
    const r = await cli([...run, "--checkpoint-every", "1", "--out", "cycle.myelin"]);
    assert.equal(r.code, 0, r.err);
    const state = (await io.loadCheckpoint(join(work.dir, "cycle.myelin.ckpt"))).state;
    assert.equal((state.optimizer as { hyper: { momentum: number } }).hyper.momentum, 0.95);
    const resumed = await cli([...run, "--resume", "cycle.myelin.ckpt", "--out", "cycle2.myelin"]);
    assert.equal(resumed.code, 0, resumed.err);
    // more --epochs would stretch the cycle: refused, naming the schedule
    const longer = await cli([
      ...RESUME,
      ...SGD,
      "--schedule",
      "onecycle",
      "--resume",
      "cycle.myelin.ckpt",
    ]);
    assert.equal(longer.code, 2, longer.err);
    assert.match(longer.err, /schedule differs \(checkpoint "onecycle:2", this run "onecycle:3"\)/);
  });

  test("a momentum that contradicts the run's --momentum is still refused under a schedule", async () => {
    const run = [...BASE, "--epochs", "2", ...REMEDIES];
    const r = await cli([...run, "--checkpoint-every", "1", "--out", "mom.myelin"]);
    assert.equal(r.code, 0, r.err);
    const ckpt = await io.loadCheckpoint(join(work.dir, "mom.myelin.ckpt"));
    const state = JSON.parse(JSON.stringify(ckpt.state)) as { optimizer: { hyper: object } };
    state.optimizer.hyper = { ...state.optimizer.hyper, momentum: 0.5 };
    const edited = state as unknown as io.Checkpoint["state"];
    await io.saveCheckpoint(join(work.dir, "mom-edit.ckpt"), ckpt.model, edited, ckpt.meta);
    const resumed = await cli([...RESUME, ...REMEDIES, "--resume", "mom-edit.ckpt"]);
    assert.equal(resumed.code, 2, resumed.err);
    assert.match(
      resumed.err,
      /optimizer momentum differs \(optimizer state 0\.5, run settings 0\.9\)/,
    );
  });
});
