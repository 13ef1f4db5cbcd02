// A closed stdout (`myelin … | head -1`, `| head -c0`) or a full one (`> /dev/full`) stops the
// printing, never the command: no stack trace, training runs to its end and the model is saved.
// Exit codes: a reader that went away (EPIPE) leaves the command's own code; lost output the user
// asked for (ENOSPC) turns 0 into 1, with one line on stderr.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, copyFileSync, openSync } from "node:fs";
import { join } from "node:path";
import { io } from "../../src/node/index.js";
import { cli, IRIS, MAIN, tempDir } from "./helpers.js";

const TSX = import.meta.resolve("tsx");

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  copyFileSync(IRIS, join(work.dir, "iris.csv"));
  const r = cli(["train", "--data", "iris.csv", "--epochs", "2", "--out", "m.myelin"], work.dir);
  assert.equal(r.code, 0, r.stderr);
});
after(() => work.done());

interface Outcome {
  code: number | null;
  stderr: string;
}

/** Run the CLI with stdout a pipe closed before or after its first line, or on /dev/full. */
function runWithStdout(args: string[], stdout: "close-after-first-line" | "closed" | "full") {
  return new Promise<Outcome>((resolve, reject) => {
    const full = stdout === "full" ? openSync("/dev/full", "w") : null;
    const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
      cwd: work.dir,
      stdio: ["ignore", full ?? "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (full !== null) closeSync(full);
    let stderr = "";
    child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
    if (stdout === "closed") child.stdout?.destroy();
    if (stdout === "close-after-first-line") {
      child.stdout?.on("data", (b: Buffer) => {
        if (b.includes(10)) child.stdout?.destroy();
      });
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function assertNoCrash(r: Outcome): void {
  assert.doesNotMatch(r.stderr, /^\s+at /m, `stack trace on stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|Unhandled|EPIPE|Error:/, r.stderr);
}

describe("a closed stdout ends printing, not the command", () => {
  test("myelin train | head -1: trains to the end and saves a model that loads (exit 0)", async () => {
    const r = await runWithStdout(
      [
        ...["train", "--data", "xor", "--samples", "64", "--epochs", "60", "--out", "t.myelin"],
        "--no-early-stopping", // every epoch must run: the run's length is what is checked
      ],
      "close-after-first-line",
    );
    assertNoCrash(r);
    assert.equal(r.code, 0, r.stderr);
    const { meta } = await io.load(join(work.dir, "t.myelin"));
    assert.deepEqual((meta.training as { epochsRun: number }).epochsRun, 60);
  });

  test("myelin predict m --data d.csv | head -1 (exit 0)", async () => {
    const r = await runWithStdout(["predict", "m.myelin", "--data", "iris.csv"], "closed");
    assertNoCrash(r);
    assert.equal(r.code, 0, r.stderr);
  });

  test("myelin inspect m --json | head -c0 (exit 0)", async () => {
    const r = await runWithStdout(["inspect", "m.myelin", "--json"], "closed");
    assertNoCrash(r);
    assert.equal(r.code, 0, r.stderr);
  });
});

describe("a full stdout (/dev/full): one line on stderr, exit 1, the model still saved", () => {
  test("myelin train > /dev/full", async () => {
    const r = await runWithStdout(
      ["train", "--data", "xor", "--samples", "64", "--epochs", "5", "--out", "full.myelin"],
      "full",
    );
    assertNoCrash(r);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /could not write to stdout \(ENOSPC\)/);
    await io.load(join(work.dir, "full.myelin"));
  });

  test("myelin predict > /dev/full and inspect --json > /dev/full", async () => {
    for (const args of [
      ["predict", "m.myelin", "--data", "iris.csv"],
      ["inspect", "m.myelin", "--json"],
    ]) {
      const r = await runWithStdout(args, "full");
      assertNoCrash(r);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /could not write to stdout \(ENOSPC\)/);
    }
  });
});
