// `myelin train --checkpoint-every / --resume`: a run killed with SIGKILL after some epoch's
// checkpoint exists, then resumed, ends with exactly the weights and history of a run that was
// never interrupted; a checkpoint of another run (different --lr) or a file that is not a
// checkpoint is refused with one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, lines, MAIN, tempDir } from "./helpers.js";

const TSX = import.meta.resolve("tsx");
const EPOCHS = 40;
// dropout draws from the global generator and Adam has moments: both must be restored exactly
const RUN = [
  "train",
  "--data",
  "spirals",
  "--samples",
  "2000",
  "--batch-size",
  "8",
  "--dropout",
  "0.2",
  "--epochs",
  String(EPOCHS),
  "--report",
  "none",
];

async function weightBytes(path: string): Promise<Map<string, Buffer>> {
  const { model } = await io.load(path);
  const out = new Map<string, Buffer>();
  for (const [k, t] of Object.entries(model.stateDict())) {
    out.set(k, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
  return out;
}

/** Start the CLI, SIGKILL it as soon as `ckpt` appears; resolves with how it ended. */
function runUntilCheckpoint(args: string[], cwd: string, ckpt: string) {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const watcher = watch(cwd);
  const check = (): void => {
    if (existsSync(join(cwd, ckpt))) child.kill("SIGKILL");
  };
  watcher.on("change", check);
  const poll = setInterval(check, 5);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>(
    (resolve) =>
      child.on("close", (code, signal) => {
        clearInterval(poll);
        watcher.close();
        resolve({ code, signal, out });
      }),
  );
}

test("SIGKILL after a checkpoint, then --resume: same weights and history as an uninterrupted run", async () => {
  const { dir, done } = tempDir();
  try {
    const full = cli([...RUN, "--checkpoint-every", "1", "--out", "a.myelin"], dir);
    assert.equal(full.code, 0, full.stderr);
    assert.ok(existsSync(join(dir, "a.myelin.ckpt")), "default checkpoint path <model>.ckpt");

    const killed = await runUntilCheckpoint(
      [...RUN, "--checkpoint", "b.ckpt", "--checkpoint-every", "1", "--out", "b.myelin"],
      dir,
      "b.ckpt",
    );
    assert.equal(killed.signal, "SIGKILL", `the run finished before it was killed:\n${killed.out}`);
    assert.ok(!existsSync(join(dir, "b.myelin")), "the killed run never wrote its model");
    const k = (await io.loadCheckpoint(join(dir, "b.ckpt"))).state.epoch;
    assert.ok(k >= 1 && k < EPOCHS, `checkpoint epoch ${k}`);

    // resume into the same checkpoint file (allowed without --overwrite: it is the one resumed)
    const resumed = cli(
      [...RUN, "--resume", "b.ckpt", "--checkpoint", "b.ckpt", "--out", "b.myelin"],
      dir,
    );
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`resuming after epoch ${k} of ${EPOCHS}`));

    const a = await weightBytes(join(dir, "a.myelin"));
    const b = await weightBytes(join(dir, "b.myelin"));
    assert.deepEqual([...b.keys()], [...a.keys()]);
    for (const [key, bytes] of a) assert.ok(bytes.equals(b.get(key)!), `weights ${key} differ`);

    const ca = await io.loadCheckpoint(join(dir, "a.myelin.ckpt"));
    const cb = await io.loadCheckpoint(join(dir, "b.ckpt"));
    assert.equal(ca.state.epoch, EPOCHS);
    assert.equal(cb.state.epoch, EPOCHS);
    assert.equal(ca.state.history.length, EPOCHS);
    assert.deepEqual(cb.state.history, ca.state.history);

    const ta = (await io.load(join(dir, "a.myelin"))).meta.training as Record<string, unknown>;
    const tb = (await io.load(join(dir, "b.myelin"))).meta.training as Record<string, unknown>;
    assert.equal(tb.epochsRun, EPOCHS);
    assert.deepEqual(tb.finalMetrics, ta.finalMetrics);
  } finally {
    done();
  }
});

test("--resume with a different --lr is a usage error naming lr", () => {
  const { dir, done } = tempDir();
  try {
    const base = ["train", "--epochs", "2", "--samples", "40", "--report", "none"];
    const first = cli([...base, "--checkpoint-every", "1", "--out", "m.myelin"], dir);
    assert.equal(first.code, 0, first.stderr);
    const r = cli([...base, "--lr", "0.05", "--resume", "m.myelin.ckpt", "--out", "n.myelin"], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /\blr differs \(checkpoint 0\.01, this run 0\.05\)/);
    assert.ok(!existsSync(join(dir, "n.myelin")), "nothing was trained or written");
  } finally {
    done();
  }
});

test("--resume of a file that is not a checkpoint exits 1 with one line", () => {
  const { dir, done } = tempDir();
  try {
    const base = ["train", "--epochs", "2", "--samples", "40", "--report", "none"];
    const model = cli([...base, "--out", "m.myelin"], dir);
    assert.equal(model.code, 0, model.stderr);
    writeFileSync(join(dir, "junk.ckpt"), "not a model at all\n");
    for (const file of ["m.myelin", "junk.ckpt"]) {
      const r = cli([...base, "--resume", file, "--out", "n.myelin"], dir);
      assert.equal(r.code, 1, `${file}: ${r.stderr}`);
      assert.equal(lines(r.stderr).length, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`--resume "${file.replace(".", "\\.")}" is not a training checkpoint`),
      );
    }
  } finally {
    done();
  }
});

test("early stopping across --resume: the same epochs, kept epoch and restored weights", async () => {
  const { dir, done } = tempDir();
  try {
    // noisy on purpose (lr 0.05, patience 4): this run stops early, after 17 of 60 epochs
    const base = ["train", "--samples", "400", "--batch-size", "8", "--dropout", "0.2"];
    const run = [...base, "--lr", "0.05", "--patience", "4", "--report", "none"];
    const full = cli([...run, "--epochs", "60", "--out", "a.myelin"], dir);
    assert.equal(full.code, 0, full.stderr);
    // the same run cut at epoch 11, where early stopping is waiting (its best epoch is earlier)
    const cut = cli(
      [...run, "--epochs", "11", "--checkpoint-every", "1", "--out", "b.myelin"],
      dir,
    );
    assert.equal(cut.code, 0, cut.stderr);
    const state = (await io.loadCheckpoint(join(dir, "b.myelin.ckpt"))).state;
    const waiting = state.callbacks?.find((c) => c !== null) as { wait: number; bestEpoch: number };
    assert.ok(
      waiting.wait > 0,
      `early stopping is waiting at epoch 11: ${JSON.stringify(waiting)}`,
    );
    const resumed = cli(
      [...run, "--epochs", "60", "--resume", "b.myelin.ckpt", "--out", "c.myelin"],
      dir,
    );
    assert.equal(resumed.code, 0, resumed.stderr);
    const a = await weightBytes(join(dir, "a.myelin"));
    const c = await weightBytes(join(dir, "c.myelin"));
    for (const [key, bytes] of a) assert.ok(bytes.equals(c.get(key)!), `weights ${key} differ`);
    const ta = (await io.load(join(dir, "a.myelin"))).meta.training!;
    const tc = (await io.load(join(dir, "c.myelin"))).meta.training!;
    assert.ok(ta.earlyStopping?.stoppedEarly, "the uninterrupted run stopped early");
    assert.ok(ta.epochsRun! < 60 && ta.earlyStopping!.keptEpoch < ta.epochsRun!);
    assert.deepEqual(tc.earlyStopping, ta.earlyStopping);
    assert.equal(tc.epochsRun, ta.epochsRun);
    assert.deepEqual(tc.finalMetrics, ta.finalMetrics);
    const kept =
      /^Epochs: kept epoch (\d+) of (\d+) \(best validation loss \S+\); stopped early after 4 epochs without improvement$/m;
    assert.deepEqual(kept.exec(resumed.stdout)?.slice(1), kept.exec(full.stdout)?.slice(1));
  } finally {
    done();
  }
});
