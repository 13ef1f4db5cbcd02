// The file attack, small size (the full run is `npm run attack`): special files (FIFO without a
// writer, directory, /dev/zero, /dev/null, /dev/full, sparse 1 GiB, symlink loop, unreadable,
// name too long, /proc/self/mem, missing) × every reader kind (io.load, io.loadCheckpoint,
// data.readCsvFile, data.readIdxFile) and the CLI (inspect, train --resume, train --data CSV and
// idx:DIR), plus crafted bombs and the valid files. Each case runs in its own child process against
// an esbuild bundle of the sources (dist/ may be stale; tsx would cost ~0.5 s a case), killed
// as a hang after 5 s (of CPU, or of wall time while blocked). The bar, per case: no untyped error, no hang, peak RSS (total, ~50–80 MiB
// idle baseline included) ≤ 2 × the input's declared data size + 150 MiB.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe as describeResult, failed, repro, runAll, type Result } from "./attack.js";
import { buildCases, SMALL } from "./cases.js";
import { bundledLibrary } from "./library.js";
import { classifyCli, MiB, type AttackCase } from "./run-case.js";

const lib = await bundledLibrary();
const work = mkdtempSync(join(tmpdir(), "myelin-attack-"));
// on exit, so a failure while building the cases leaves no bundle or work dir behind either
process.on("exit", () => {
  rmSync(work, { recursive: true, force: true });
  lib.dispose();
});

const control = (entry: string, argv: string[], declaredBytes = 0): AttackCase => ({
  kind: "model",
  inputClass: "control",
  input: entry,
  entry,
  argv,
  declaredBytes,
});
const CONTROLS = [
  control("lib:control-hang", ["control-hang"]),
  control("lib:control-untyped", ["control-untyped"]),
  control("lib:control-alloc", ["control-alloc", "300"]),
  control("lib:control-alloc", ["control-alloc", "300"], 150 * MiB),
];
const cases = await buildCases(lib, work, SMALL);
const [controls, results] = await (async (): Promise<[Result[], Result[]]> => {
  const all = await runAll([...CONTROLS, ...cases], lib, 2);
  return [all.slice(0, CONTROLS.length), all.slice(CONTROLS.length)];
})();

describe("the harness can fail (controls)", () => {
  test("a child that never settles is killed and counted as a hang", () => {
    assert.equal(controls[0].o.status, "hang");
    assert.ok(controls[0].o.ms < 8000, `${controls[0].o.ms} ms`);
  });

  test("a TypeError from a library call is untyped", () => {
    assert.equal(controls[1].o.status, "untyped");
    assert.match(controls[1].o.detail, /^TypeError: control/);
  });

  test("300 MiB held against a 0-byte declaration is over budget; against 150 MiB it is not", () => {
    assert.equal(controls[2].o.status, "ok");
    assert.ok(controls[2].o.peakRssBytes > 300 * MiB, String(controls[2].o.peakRssBytes));
    assert.equal(controls[2].o.overBudget, true);
    assert.equal(controls[3].o.overBudget, false);
  });

  test("CLI stderr: one 'myelin CMD:' line is typed; JS error names, stacks, crashes are not", () => {
    const typed = classifyCli("inspect", 1, null, "myelin inspect: not a valid model file: x\n");
    assert.equal(typed.status, "typed");
    const named = classifyCli("inspect", 1, null, "myelin inspect: Error: EISDIR: illegal\n");
    assert.equal(named.status, "untyped");
    const stack = classifyCli("train", 1, null, "myelin train: x\n    at f (a.js:1:1)\n");
    assert.equal(stack.status, "untyped");
    const internal = classifyCli("predict", 1, null, "myelin: internal error: TypeError: x\n");
    assert.equal(internal.status, "untyped");
    assert.equal(classifyCli("train", 134, null, "FATAL ERROR: heap\n").status, "crash");
    assert.equal(classifyCli("train", null, "SIGKILL", "").status, "crash");
  });
});

/** The bar for one case, with the repro in the message. */
function assertHolds(r: Result): void {
  assert.ok(!failed(r), `${describeResult(r)}\n  repro: ${repro(r.c, lib)}`);
}

for (const inputClass of ["valid", "special", "bomb", "mutation"] as const) {
  const group = results.filter((r) => r.c.inputClass === inputClass);
  if (group.length === 0) continue;
  describe(`${inputClass} inputs: typed errors only, no hang, RSS within budget`, () => {
    for (const r of group) {
      test(`${r.c.entry} ${r.c.kind}/${r.c.input}`, () => {
        assertHolds(r);
        if (inputClass === "valid") assert.equal(r.o.status, "ok", describeResult(r));
      });
    }
  });
}

test("the small set covers every special file × every reader kind", () => {
  const specials = results.filter((r) => r.c.inputClass === "special");
  for (const entry of ["lib:load", "lib:loadCheckpoint", "lib:readCsvFile", "lib:readIdxFile"]) {
    assert.equal(specials.filter((r) => r.c.entry === entry).length, 11, entry);
  }
});
