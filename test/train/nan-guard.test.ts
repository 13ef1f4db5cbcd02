// terminateOnNaN (default on): a non-finite loss or gradient at optimizer step k stops fit with the
// NaN/Inf guard's NonFiniteTrainingError (src/optim/non-finite.ts) naming the epoch, the batch and
// (for gradients) the parameter, before step k changes anything — the weights are exactly those
// after step k − 1, never NaN.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NonFiniteError } from "../../src/errors.js";
import { NonFiniteTrainingError } from "../../src/optim/non-finite.js";
import { fit } from "../../src/train/fit.js";
import * as losses from "../../src/losses/index.js";
import { Tensor } from "../../src/tensor/tensor.js";
import type { LossFn } from "../../src/train/loss-by-name.js";
import type { Module } from "../../src/nn/module.js";
import { moons, smallMlp, weightBytes } from "./helpers.js";

const DATA = moons(40); // batchSize 16 → 3 batches per epoch

/** MSE, except that its `badCall`-th call (1-based) is replaced by `bad(output, target)`. */
function lossBreakingAt(badCall: number, bad: LossFn): LossFn {
  let calls = 0;
  return (o, y) => {
    calls++;
    const t = y.reshape(o.shape as number[]);
    return calls === badCall ? bad(o, t) : losses.mse(o, t);
  };
}

/** Run fit and return [the error, weights after each completed step]. */
async function runUntilError(
  model: Module,
  loss: LossFn,
  x = DATA.x,
): Promise<{ error: unknown; stepWeights: string[] }> {
  const stepWeights: string[] = [];
  let error: unknown = null;
  try {
    await fit(
      model,
      { x, y: DATA.y },
      {
        loss,
        epochs: 3,
        batchSize: 16,
        shuffle: false,
        optimizer: { name: "adam", lr: 0.05 },
        callbacks: [{ onBatchEnd: (_b, _l, ctx) => void stepWeights.push(weightBytes(ctx.model)) }],
      },
    );
  } catch (e) {
    error = e;
  }
  return { error, stepWeights };
}

function assertNoNaN(model: Module): void {
  for (const [name, t] of Object.entries(model.stateDict()))
    assert.ok(t.data.every(Number.isFinite), `${name} holds a non-finite value`);
}

test("a NaN loss at step 5 (epoch 2, batch 2) stops fit; weights equal those after step 4", async () => {
  const model = smallMlp(2);
  const { error, stepWeights } = await runUntilError(
    model,
    lossBreakingAt(5, (o, y) => losses.mse(o, y).mul(NaN)),
  );
  assert.ok(error instanceof NonFiniteError, String(error));
  assert.ok(error instanceof NonFiniteTrainingError, "fit throws the guard's own error");
  assert.deepEqual(error.report, { where: "loss", index: 0, value: NaN });
  assert.equal(error.message, "fit, epoch 2, batch 2: non-finite loss: NaN at element 0");
  assert.equal(stepWeights.length, 4);
  assert.equal(weightBytes(model), stepWeights[3]);
  assertNoNaN(model);
});

test("a NaN at the very first step leaves the initial weights untouched", async () => {
  const model = smallMlp(2);
  const before = weightBytes(model);
  const { error, stepWeights } = await runUntilError(
    model,
    lossBreakingAt(1, (o, y) => losses.mse(o, y).add(Infinity)),
  );
  assert.ok(error instanceof NonFiniteError);
  assert.match((error as Error).message, /epoch 1, batch 1/);
  assert.equal(stepWeights.length, 0);
  assert.equal(weightBytes(model), before);
});

test("a NaN gradient with a finite loss names the parameter", async () => {
  const model = smallMlp(2);
  const bias = model.namedParameters().find(([n]) => n === "2.bias")![1];
  // d/db √(b − b̂) at b − b̂ = 0 is ∞, times the 0 from mul(0) → NaN; the loss value stays finite.
  const poisoned: LossFn = (o, y) =>
    losses.mse(o, y).add(bias.sub(bias.detach()).sqrt().mul(0).sum());
  const { error, stepWeights } = await runUntilError(model, lossBreakingAt(4, poisoned));
  assert.ok(error instanceof NonFiniteTrainingError, String(error));
  assert.equal(error.report.where, "gradient");
  assert.equal(error.report.parameter, "2.bias");
  assert.ok(!Number.isFinite(error.report.value));
  const msg = error.message;
  assert.match(msg, /^fit, epoch 2, batch 1: non-finite gradient of parameter "2\.bias": NaN/);
  assert.equal(stepWeights.length, 3);
  assert.equal(weightBytes(model), stepWeights[2]);
  assertNoNaN(model);
});

test("an Infinity in a data row stops fit at the batch that holds the row", async () => {
  const model = smallMlp(2);
  const x = new Tensor(DATA.x.data.slice(), DATA.x.shape.slice());
  x.data[2 * 37 + 1] = Infinity; // row 37 → batch 3 (rows 32..39) of epoch 1
  const { error, stepWeights } = await runUntilError(model, lossBreakingAt(0, losses.mse), x);
  assert.ok(error instanceof NonFiniteError, String(error));
  assert.match((error as Error).message, /epoch 1, batch 3/);
  assert.equal(stepWeights.length, 2);
  assert.equal(weightBytes(model), stepWeights[1]);
  assertNoNaN(model);
});

test("with terminateOnNaN: false the same NaN loss is not caught (the guard is what protects)", async () => {
  const model = smallMlp(2);
  await fit(model, DATA, {
    loss: lossBreakingAt(2, (o, y) => losses.mse(o, y).mul(NaN)),
    epochs: 1,
    batchSize: 16,
    shuffle: false,
    terminateOnNaN: false,
  });
  const anyNaN = Object.values(model.stateDict()).some((t) => t.data.some((v) => Number.isNaN(v)));
  assert.ok(anyNaN, "without the guard Adam writes NaN into the weights");
});

test("regression: the js matmul kernel propagates 0·∞ = NaN (it used to skip zero factors)", () => {
  const a = new Tensor(new Float32Array([0, 1]), [1, 2]);
  const b = new Tensor(new Float32Array([Infinity, 1]), [2, 1]);
  assert.ok(Number.isNaN(a.matmul(b).item()));
  const c = new Tensor(new Float32Array([NaN, 1]), [2, 1]);
  assert.ok(Number.isNaN(a.matmul(c).item()));
});
