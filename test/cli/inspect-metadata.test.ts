// `myelin inspect` on model files whose free-form metadata (training summary, preprocessing) holds
// values of unexpected types: it prints what it can, or the loader refuses the file with a typed
// error — never an untyped TypeError. The files are assembled raw, so no writer check interferes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { nn } from "../../src/node/index.js";
import { headerWithTable, rawModelFile } from "../support/raw-model-file.js";
import { tempDir, runMain } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => (work = tempDir()));
after(() => work.done());

/** A parameter-free model (one ReLU) whose header has `extra` metadata fields. */
function writeModel(name: string, extra: Record<string, unknown>): void {
  const architecture = nn.describeModule(nn.sequential(new nn.ReLU()));
  const header = JSON.stringify({ kind: "myelin-model", architecture, ...extra });
  writeFileSync(join(work.dir, name), rawModelFile({ header: headerWithTable("{}", header) }));
}

async function inspect(name: string, json = false) {
  const r = await runMain(["inspect", name, ...(json ? ["--json"] : [])], work.dir);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const CASES: [string, Record<string, unknown>][] = [
  ["training.epochsRun is an object", { training: { epochsRun: {}, seed: 1 } }],
  ["a finalMetrics value is a string", { training: { finalMetrics: { "train.accuracy": "0.9" } } }],
  ["finalMetrics is a string", { training: { finalMetrics: "0.9" } }],
  ["finalMetrics is an array", { training: { finalMetrics: [1, 2] } }],
  ["seed, date and dataSource are objects", { training: { seed: {}, date: [], dataSource: {} } }],
  ["training is an array", { training: [1, "x"] }],
  ["training is a string", { training: "yesterday" }],
  ["preprocessing.kind is an object", { preprocessing: { kind: {}, mean: "abc" } }],
  ["preprocessing is a number", { preprocessing: 7 }],
  ["preprocessing.min is an object", { preprocessing: { kind: "minmax", min: { length: 3 } } }],
];

for (const [what, extra] of CASES) {
  test(`inspect: ${what} → printed as far as possible or a typed refusal, never a TypeError`, async () => {
    const name = what.replace(/\W+/g, "-") + ".myelin";
    writeModel(name, extra);
    for (const json of [false, true]) {
      const r = await inspect(name, json);
      assert.doesNotMatch(r.err, /TypeError/, r.err);
      if (r.code === 0) {
        if (!json) assert.match(r.out, /^Training: {6}\S/m, r.out);
      } else {
        // the loader may validate these fields: then one typed line, exit 1
        assert.equal(r.code, 1, r.err);
        assert.match(r.err, /^myelin inspect: not a valid model file: .*\n$/, r.err);
      }
    }
  });
}

test("inspect shows the well-typed fields and skips the rest", async () => {
  writeModel("mixed.myelin", {
    training: {
      epochsRun: 12,
      seed: {},
      dataSource: "iris.csv",
      finalMetrics: { "train.accuracy": 0.5, "test.accuracy": "0.9", "test.loss": 0.25 },
    },
    preprocessing: { kind: "standardize", mean: [0, 1], std: [1, 1] },
  });
  const r = await inspect("mixed.myelin");
  if (r.code !== 0) {
    assert.match(r.err, /not a valid model file/, r.err);
    return;
  }
  assert.match(r.out, /Training: {6}12 epochs on iris\.csv, seed \?, /);
  assert.match(r.out, /Final metrics: train\.accuracy 0\.5000 · test\.loss 0\.2500\n/);
  assert.match(r.out, /Preprocessing: standardize over 2 columns/);
});
