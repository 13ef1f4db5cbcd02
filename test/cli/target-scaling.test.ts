// Regression targets are standardized by default (issue 10, item 5): a CSV whose target is around
// 1e4 trains to a sensible R² with defaults; the scaler is stored with the model, predict and
// evaluate invert it (values, MAE and RMSE in the target's units); a model file without one (as
// written before) predicts its raw outputs, as it always did.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io, Random, tensor, train } from "../../src/node/index.js";
import { tempDir, runMain } from "./helpers.js";

let work: ReturnType<typeof tempDir>;

/** The known relation: y = 10000 + 3000·a − 2000·b (+ noise of σ 50 in the training file). */
const relation = (a: number, b: number): number => 10_000 + 3000 * a - 2000 * b;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runMain(argv, work.dir);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

interface Scores {
  mae: number;
  rmse: number;
  r2: number;
  loss: number;
}

const grid = [-0.9, -0.4, 0, 0.5, 0.9].flatMap((a) => [-0.8, 0, 0.7].map((b) => [a, b]));

before(async () => {
  work = tempDir();
  const rng = new Random(7);
  const rows = ["a,b,y"];
  for (let i = 0; i < 300; i++) {
    const a = rng.uniform() * 2 - 1;
    const b = rng.uniform() * 2 - 1;
    rows.push(`${a},${b},${relation(a, b) + 50 * rng.normal()}`);
  }
  writeFileSync(join(work.dir, "big.csv"), rows.join("\n") + "\n");
  writeFileSync(join(work.dir, "grid.csv"), ["a,b", ...grid.map((r) => r.join(","))].join("\n"));
  const r = await cli(["train", "--data", "big.csv", "--report", "none", "--out", "m.myelin"]);
  assert.equal(r.code, 0, r.err);
});
after(() => work.done());

test("a target around 1e4 trains to a sensible R² with defaults; the log says the loss is scaled", async () => {
  const { meta } = await io.load(join(work.dir, "m.myelin"));
  const r2 = meta.training?.finalMetrics?.["test.r2"];
  assert.ok(typeof r2 === "number" && r2 > 0.95, `test R² ${r2}`);
  // measured on HEAD before the change: test R² < 0 (the bias cannot climb to 1e4 in 150 epochs)
  const scaling = meta.targetScaling;
  assert.equal(scaling?.kind, "standardize");
  assert.ok(Math.abs(scaling.mean[0] - 10_000) < 300, `mean ${scaling.mean[0]}`);
  assert.ok(scaling.std[0] > 1000 && scaling.std[0] < 3000, `std ${scaling.std[0]}`);
  assert.equal(meta.training?.hyperParameters?.noTargetScaling, false);
  const again = await cli(["train", "--data", "big.csv", "--report", "none", "--epochs", "1"]);
  assert.match(
    again.out,
    /targets standardized \(mean [\d.e+]+, std [\d.e+]+\): the loss and MAE below are in standardized units/,
  );
});

test("predict returns values in the target's units (the known linear relation)", async () => {
  const r = await cli(["predict", "m.myelin", "--data", "grid.csv"]);
  assert.equal(r.code, 0, r.err);
  const [header, ...lines] = r.out.trim().split("\n");
  assert.equal(header, "prediction");
  assert.equal(lines.length, grid.length);
  lines.forEach((line, i) => {
    const want = relation(grid[i][0], grid[i][1]);
    assert.ok(Math.abs(Number(line) - want) < 400, `row ${i}: ${line} vs ${want}`);
  });
});

test("evaluate scores in the target's units: MAE and RMSE as computed from predict's values", async () => {
  const e = await cli(["evaluate", "m.myelin", "--data", "big.csv", "--json"]);
  assert.equal(e.code, 0, e.err);
  const scores = JSON.parse(e.out) as Scores & Record<string, unknown>;
  const p = await cli(["predict", "m.myelin", "--data", "big.csv"]);
  const predicted = p.out.trim().split("\n").slice(1).map(Number);
  const truth = readFileSync(join(work.dir, "big.csv"), "utf8").trim().split("\n").slice(1);
  const errors = truth.map((row, i) => Number(row.split(",")[2]) - predicted[i]);
  const mae = errors.reduce((s, d) => s + Math.abs(d), 0) / errors.length;
  const rmse = Math.sqrt(errors.reduce((s, d) => s + d * d, 0) / errors.length);
  const got = (scores.mae ?? (scores.scores as Scores | undefined)?.mae) as number;
  const gotRmse = (scores.rmse ?? (scores.scores as Scores | undefined)?.rmse) as number;
  assert.ok(Math.abs(got - mae) < 1e-3 * mae + 1e-2, `evaluate MAE ${got}, from predict ${mae}`);
  assert.ok(Math.abs(gotRmse - rmse) < 1e-3 * rmse + 1e-2, `RMSE ${gotRmse} vs ${rmse}`);
  assert.ok(mae > 20 && mae < 400, `MAE ${mae} is in the target's units`);
});

test("a model file without a target scaler (written before this change) predicts its raw outputs", async () => {
  const { model, meta } = await io.load(join(work.dir, "m.myelin"));
  const old = { ...meta };
  delete old.targetScaling;
  const x = tensor(grid);
  const raw = train.predict(model, train.applyPreprocessing(old, x));
  const viaFile = io.modelFromBytes(io.modelToBytes(model, old));
  const got = train.predictWithMetadata(viaFile.model, viaFile.meta, x);
  assert.equal(got.task, "regression");
  if (got.task === "regression")
    assert.deepEqual(Array.from(got.values.data), Array.from(raw.data));
  // and with the scaler: the same outputs, ŷ = z·σ + μ
  const scaled = train.predictWithMetadata(model, meta, x);
  const { mean, std } = meta.targetScaling!;
  if (scaled.task === "regression") {
    scaled.values.data.forEach((v, i) =>
      assert.ok(Math.abs(v - (raw.data[i] * std[0] + mean[0])) < 1e-6 * Math.abs(v)),
    );
  }
});

test("--no-target-scaling trains on the raw targets and stores no scaler", async () => {
  const r = await cli([
    ...["train", "--data", "big.csv", "--report", "none", "--epochs", "2"],
    ...["--no-target-scaling", "--out", "raw.myelin"],
  ]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /targets standardized/);
  const { meta } = await io.load(join(work.dir, "raw.myelin"));
  assert.equal(meta.targetScaling, undefined);
  assert.equal(meta.training?.hyperParameters?.noTargetScaling, true);
});
