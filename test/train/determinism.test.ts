// Same seed + data + options ⇒ bit-identical weights after fit (Dropout masks, shuffling, Adam,
// BatchNorm statistics included), in one process and across fresh processes; a different seed ⇒
// different weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { trainForDeterminism } from "./fixtures/determinism-run.js";
import { weightBytes } from "./helpers.js";

const CHILD = fileURLToPath(new URL("./fixtures/determinism-child.ts", import.meta.url));

function runChild(globalSeed: number, fitSeed: number): string {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", CHILD, String(globalSeed), String(fitSeed)],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("two runs in one process give bit-identical weights and buffers", async () => {
  const a = weightBytes(await trainForDeterminism(7, 1));
  const b = weightBytes(await trainForDeterminism(7, 1));
  assert.ok(a.length > 1000);
  assert.ok(a.includes("runningMean") && a.includes("numBatchesTracked"));
  assert.equal(a, b);
});

test("a different global seed (initial weights, Dropout masks) gives different weights", async () => {
  const a = weightBytes(await trainForDeterminism(7, 1));
  const b = weightBytes(await trainForDeterminism(8, 1));
  assert.notEqual(a, b);
});

test("a different shuffle seed alone gives different weights", async () => {
  const a = weightBytes(await trainForDeterminism(7, 1));
  const b = weightBytes(await trainForDeterminism(7, 2));
  assert.notEqual(a, b);
});

test("two child processes and this process agree bit for bit", async () => {
  const here = weightBytes(await trainForDeterminism(7, 1));
  const first = runChild(7, 1);
  const second = runChild(7, 1);
  assert.equal(first, second);
  assert.equal(first, here);
});
