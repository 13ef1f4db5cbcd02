// A trained model is never lost and never destroys another: two runs racing for one --out (no
// --overwrite) give one model at --out and the other in a rescue file (exit 1, both named);
// non-finite final metrics are stored as null instead of failing the save; stale temps of
// killed runs are removed at start-up.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { io } from "../../src/node/index.js";
import { MAIN, tempDir, runMain } from "./helpers.js";

const TSX = import.meta.resolve("tsx");
const EXTREME = fileURLToPath(
  new URL("../fixtures/data/float32-extreme-regression.csv", import.meta.url),
);

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  copyFileSync(EXTREME, join(work.dir, "extreme.csv"));
});
after(() => work.done());

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(argv, work.dir);
}

function spawnCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
      cwd: work.dir,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("saving the trained model", () => {
  test("two runs started together with one --out: one model there, the other rescued", async () => {
    const args = ["train", "--data", "xor", "--samples", "200", "--epochs", "120"];
    const runs = await Promise.all([
      spawnCli([...args, "--seed", "1", "--out", "race.myelin", "--report", "none"]),
      spawnCli([...args, "--seed", "2", "--out", "race.myelin", "--report", "none"]),
    ]);
    const codes = runs.map((r) => r.code).sort();
    assert.deepEqual(codes, [0, 1], runs.map((r) => r.stderr).join("\n"));
    const loser = runs.find((r) => r.code === 1)!;
    assert.match(loser.stderr, /could not save the model to race\.myelin .*EEXIST.*it is in /);
    const rescued = readdirSync(work.dir).filter((n) => /^race\.rescued-\d+-\d+\.myelin$/.test(n));
    assert.equal(rescued.length, 1, readdirSync(work.dir).join(" "));
    const seeds = await Promise.all(
      ["race.myelin", rescued[0]].map(async (n) => {
        const { meta } = await io.load(join(work.dir, n));
        return (meta.training as { seed: number }).seed;
      }),
    );
    assert.deepEqual(seeds.sort(), [1, 2], "both trained models are kept");
  });

  test("float32 data near 3.4e38: non-finite final metrics stored as null, model saved (exit 0)", async () => {
    // batches of 4 keep each batch's loss below float32's max; scoring every row overflows.
    // Raw targets: standardized ones (the default) are scored in float64 and stay finite here.
    const r = await run([
      ...["train", "--data", "extreme.csv", "--epochs", "1", "--batch-size", "4"],
      ...["--no-target-scaling", "--out", "e.myelin"],
    ]);
    assert.doesNotMatch(r.stderr, /not a valid model file/);
    assert.equal(r.code, 0, r.stderr);
    const { meta } = await io.load(join(work.dir, "e.myelin"));
    const metrics = (meta.training as { finalMetrics: Record<string, number | null> }).finalMetrics;
    const nulls = Object.keys(metrics).filter((k) => metrics[k] === null);
    assert.ok(nulls.includes("train.loss"), JSON.stringify(metrics));
    assert.match(r.stdout, /train\.loss.* not finite \(stored as null/);
  });

  test("stale temp files of a killed run are removed at start-up, in one line", async () => {
    const dead = Number(
      spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout,
    );
    const stale = join(work.dir, `.s.myelin.${dead}.0123456789ab.myelin-tmp`);
    writeFileSync(stale, "half a model");
    const r = await run(["train", "--data", "xor", "--epochs", "1", "--out", "s.myelin"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(stale), false);
    assert.match(r.stderr, /^myelin train: removed 1 stale temp file of killed runs in /m);
  });
});
