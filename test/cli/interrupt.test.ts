// Ctrl-C during `myelin train`: the first SIGINT stops after the current batch, the model trained
// so far is saved (loadable, marked interrupted) and the exit code is 130.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { MAIN, tempDir } from "./helpers.js";

const TSX = import.meta.resolve("tsx");

test("first SIGINT stops training, saves the model and exits 130", async () => {
  const { dir, done } = tempDir();
  try {
    const child = spawn(
      process.execPath,
      [
        "--import",
        TSX,
        MAIN,
        "train",
        "--epochs",
        "100000",
        "--out",
        "m.myelin",
        "--report",
        "none",
      ],
      { cwd: dir, env: { ...process.env, NO_COLOR: "1" } },
    );
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    // wait until training has started (the first epoch line is printed), then interrupt
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`training never started:\n${out}`)), 60_000);
      child.stdout.on("data", () => {
        if (/epoch 1\//.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 130, out);
    assert.match(out, /interrupted: finishing the current batch/);
    assert.ok(existsSync(join(dir, "m.myelin")), "the model file was written");
    const { meta } = await io.load(join(dir, "m.myelin"));
    const training = meta.training as { interrupted: boolean; epochsRun: number };
    assert.equal(training.interrupted, true);
    assert.ok(training.epochsRun < 100000);
  } finally {
    done();
  }
});
