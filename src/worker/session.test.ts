// TrainingSession against train.fit: N epochs of the worker's session give bit for bit the weights
// fit gives with the same job (same seed: same initial weights, same shuffling, same dropout
// draws), since both run BatchStep over the rows of Random(seed).permutation(N) in batches.
// The records are checked against quantities computed here from the model, not by the session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultJob, weightsOf } from "../../test/worker/helpers.js";
import { fromData, losses, noGrad, seed, train, type worker } from "../index.js";
import { TrainingSession } from "./session.js";

function tensors(set: worker.TrainingJob["train"]): train.XY {
  return {
    x: fromData(set.x.data.slice(), set.x.shape),
    y: fromData(set.y.data.slice(), set.y.shape),
  };
}

/** train.fit on the job's data and options, from seed(job.seed) and train.mlp, as a user writes it. */
async function fitLikeJob(job: worker.TrainingJob, epochs: number) {
  seed(job.seed);
  const model = train.mlp(job.network);
  const initial = weightsOf(model);
  const { name, ...options } = job.optimizer;
  await train.fit(model, tensors(job.train), {
    loss: job.loss as train.LossName,
    optimizer: { name, ...options },
    epochs,
    batchSize: job.batchSize,
    seed: job.seed,
    l1: job.l1,
    l2: job.l2,
    clipNorm: job.clipNorm,
    clipValue: job.clipValue,
  });
  return { model, initial };
}

const JOBS: [string, worker.TrainingJob][] = [
  ["the playground's default (2-4-2 tanh, sgd 0.03, batch 10)", defaultJob()],
  [
    "dropout, batch norm, adam, l1 + l2, clipNorm, a last batch of 4 rows",
    defaultJob({
      network: {
        inFeatures: 2,
        hidden: [8, 8],
        outFeatures: 2,
        activation: "relu",
        batchNorm: true,
        dropout: 0.2,
      },
      optimizer: { name: "adam", lr: 0.01 },
      batchSize: 16,
      l1: 1e-4,
      l2: 1e-3,
      clipNorm: 0.5,
      seed: 7,
    }),
  ],
  [
    "sgd with nesterov momentum, clipValue, bce on one logit",
    defaultJob({
      network: { inFeatures: 2, hidden: [5], outFeatures: 1, activation: "sigmoid" },
      loss: "bceWithLogits",
      optimizer: { name: "sgd", lr: 0.1, momentum: 0.9, nesterov: true },
      clipValue: 0.05,
      seed: 3,
    }),
  ],
];

for (const [what, job] of JOBS) {
  test(`6 epochs in the session = train.fit for 6 epochs, bit for bit: ${what}`, async () => {
    const expected = await fitLikeJob(job, 6);
    const session = new TrainingSession(job);
    assert.deepEqual(weightsOf(session.model), expected.initial, "same initial weights");
    for (let e = 0; e < 6; e++) assert.equal(session.trainEpoch().kind, "record");
    assert.deepEqual(weightsOf(session.model), weightsOf(expected.model));
    assert.notDeepEqual(weightsOf(session.model), expected.initial);
  });
}

test("two sessions trained in turns in one thread equal each trained alone (own dropout draws)", () => {
  const job = JOBS[1][1];
  const alone = new TrainingSession(job);
  for (let e = 0; e < 3; e++) alone.trainEpoch();
  const a = new TrainingSession(job);
  const b = new TrainingSession({ ...job, seed: 8 });
  for (let e = 0; e < 3; e++) {
    a.trainEpoch();
    b.trainEpoch();
  }
  assert.deepEqual(weightsOf(a.model), weightsOf(alone.model));
});

test("a record's losses, accuracy and norms are those of the model at the end of the epoch", () => {
  const job = defaultJob();
  const session = new TrainingSession(job);
  const outcome = session.trainEpoch();
  assert.equal(outcome.kind, "record");
  const r = outcome.kind === "record" ? outcome.record : assert.fail();
  const model = session.model;
  for (const [set, loss, metrics] of [
    [job.train, r.trainLoss, r.trainMetrics],
    [job.test!, r.testLoss, r.testMetrics],
  ] as const) {
    const { x, y } = tensors(set);
    const out = noGrad(() => model.forward(x));
    assert.equal(loss, losses.crossEntropy(out, y).item());
    // accuracy by hand: argmax of the two logits against the label
    let right = 0;
    for (let i = 0; i < y.size; i++) {
      const predicted = out.data[2 * i + 1] > out.data[2 * i] ? 1 : 0;
      if (predicted === y.data[i]) right++;
    }
    assert.equal(metrics?.accuracy, right / y.size);
  }
  const linears = [0, 2, 4].map(
    (i) => model.layers[i] as unknown as { weight: { data: Float32Array } },
  );
  const norm = (d: Float32Array): number => Math.sqrt(d.reduce((s, v) => s + v * v, 0));
  r.weightNorms.forEach((n, i) =>
    assert.ok(Math.abs(n - norm(linears[i].weight.data)) <= 1e-6 * n),
  );
});

test("gradNorms: ‖∂L/∂W‖₂ before the step, per Linear, mean over the epoch's steps", async () => {
  // one batch of all 100 rows: the epoch has one step, at the initial weights, which a plain
  // forward/backward here reproduces
  const job = defaultJob({ batchSize: 100 });
  seed(job.seed);
  const model = train.mlp(job.network);
  const { x, y } = tensors(job.train);
  losses.crossEntropy(model.forward(x), y).backward();
  const expected = [0, 2, 4].map((i) => {
    const g = (model.layers[i] as unknown as { weight: { grad: { data: Float32Array } } }).weight
      .grad.data;
    return Math.sqrt(g.reduce((s, v) => s + v * v, 0));
  });
  const session = new TrainingSession(job);
  const outcome = session.trainEpoch();
  const r = outcome.kind === "record" ? outcome.record : assert.fail();
  assert.equal(r.steps, 1);
  r.gradNorms.forEach((n, i) =>
    assert.ok(Math.abs(n - expected[i]) <= 1e-6 * expected[i], `${n} vs ${expected[i]}`),
  );
});
