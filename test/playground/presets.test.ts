// Each article preset, trained with the library exactly as the page's worker trains it (the page's
// buildJob → worker.TrainingSession, epoch by epoch), shows what its button says it shows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { worker } from "../../src/index.js";
import { buildJob } from "../../playground/src/job.js";
import { DEFAULT_SETUP, type Setup } from "../../playground/src/setup.js";
import { flowWarnings } from "../../playground/src/teach/health.js";
import { PRESETS } from "../../playground/src/teach/presets.js";

function setupOf(id: string): Setup {
  const preset = PRESETS.find((p) => p.id === id);
  assert.ok(preset, `no preset ${id}`);
  return { ...DEFAULT_SETUP, ...preset.setup };
}

interface Run {
  records: worker.EpochRecord[];
  nonFinite: worker.NonFiniteReport | null;
}

/** Train `epochs` epochs (or until the first NaN/Inf) as the page's worker would. */
function train(setup: Setup, epochs: number): Run {
  const session = new worker.TrainingSession(buildJob(setup).job);
  const records: worker.EpochRecord[] = [];
  for (let e = 0; e < epochs; e++) {
    const outcome = session.trainEpoch();
    if (outcome.kind === "nonFinite") return { records, nonFinite: outcome.report };
    records.push(outcome.record);
  }
  return { records, nonFinite: null };
}

const firstOverLast = (r: worker.EpochRecord): number => r.gradNorms[0] / r.gradNorms.at(-1)!;
const names = (r: Run): string[] => r.records[0].gradNorms.map((_, k) => `Linear ${k + 1}`);

test("every preset sets a distinct id and only Setup fields", () => {
  const ids = PRESETS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const p of PRESETS) {
    for (const key of Object.keys(p.setup)) assert.ok(key in DEFAULT_SETUP, `${p.id}: ${key}`);
  }
});

test("perceptron on AND: one Linear layer, reaches 100% on train and test", () => {
  const setup = setupOf("perceptron-and");
  assert.deepEqual(setup.hidden, []);
  const run = train(setup, 20);
  assert.equal(run.nonFinite, null);
  const last = run.records.at(-1)!;
  assert.equal(last.gradNorms.length, 1);
  assert.equal(last.trainMetrics.accuracy, 1);
  assert.equal(last.testMetrics!.accuracy, 1);
});

test("perceptron on XOR: never better than 75% (no line separates XOR)", () => {
  const run = train(setupOf("perceptron-xor"), 20);
  assert.equal(run.records.length, 20);
  for (const r of run.records) {
    assert.ok(r.trainMetrics.accuracy <= 0.75, `epoch ${r.epoch}: ${r.trainMetrics.accuracy}`);
    assert.ok(r.testMetrics!.accuracy <= 0.75, `epoch ${r.epoch}: ${r.testMetrics!.accuracy}`);
  }
});

test("deep sigmoid: first layer's gradient < 1e-4 of the last's every epoch, and the page warns", () => {
  const run = train(setupOf("deep-sigmoid"), 5);
  assert.equal(run.records.length, 5);
  for (const r of run.records)
    assert.ok(firstOverLast(r) < 1e-4, `epoch ${r.epoch}: ${firstOverLast(r)}`);
  const warnings = flowWarnings(run.records, names(run));
  assert.deepEqual(
    warnings.map((w) => [w.kind, w.layer, w.epoch]),
    [["vanishing", "Linear 1", 1]],
  );
  assert.match(warnings[0].text, /ReLU, batch norm, or He init/);
});

for (const id of ["deep-relu", "deep-sigmoid-bn", "deep-relu-bn"]) {
  test(`${id}: the gradient reaches the first layer (ratio ≥ 1e-4), no warning`, () => {
    const run = train(setupOf(id), 5);
    assert.equal(run.records.length, 5);
    for (const r of run.records) {
      assert.ok(firstOverLast(r) >= 1e-4, `epoch ${r.epoch}: ${firstOverLast(r)}`);
    }
    assert.deepEqual(flowWarnings(run.records, names(run)), []);
  });
}

test("exploding: gradients grow ≥ 1e3× (the page warns) and a NaN/Inf stops training", () => {
  const run = train(setupOf("exploding"), 10);
  assert.ok(run.nonFinite !== null, "training should blow up within 10 epochs");
  const kinds = flowWarnings(run.records, names(run)).map((w) => w.kind);
  assert.ok(kinds.includes("exploding"), kinds.join());
  const norms = run.records.flatMap((r) => r.gradNorms);
  assert.ok(Math.max(...norms) >= 1e3 * run.records[0].gradNorms.reduce((a, b) => Math.min(a, b)));
});

test("exploding with clipping: 10 finite epochs and the loss falls", () => {
  const setup = setupOf("exploding-clipped");
  assert.deepEqual([setup.clip, setup.clipValue], ["norm", 1]);
  assert.deepEqual({ ...setup, clip: "off" }, setupOf("exploding")); // the twin differs only there
  const run = train(setup, 10);
  assert.equal(run.nonFinite, null);
  assert.equal(run.records.length, 10);
  for (const r of run.records)
    assert.ok(Number.isFinite(r.trainLoss) && r.gradNorms.every(Number.isFinite));
  assert.ok(run.records[9].trainLoss < run.records[0].trainLoss / 2);
  assert.deepEqual(flowWarnings(run.records, names(run)), []);
});

test("optimizer race: 2+ optimizers start from the same initial weights on the same data", () => {
  const setup = setupOf("optimizer-race");
  assert.ok(setup.race.length >= 2);
  const sessions = setup.race.map(
    (optimizer) => new worker.TrainingSession(buildJob({ ...setup, optimizer, race: [] }).job),
  );
  const weights = sessions.map((s) => s.model.parameters().map((p) => Array.from(p.data)));
  const jobs = setup.race.map((optimizer) => buildJob({ ...setup, optimizer }).job);
  for (let k = 1; k < sessions.length; k++) {
    assert.deepEqual(weights[k], weights[0]);
    assert.deepEqual(jobs[k].train.x.data, jobs[0].train.x.data);
    assert.notDeepEqual(jobs[k].optimizer, jobs[0].optimizer);
  }
});
