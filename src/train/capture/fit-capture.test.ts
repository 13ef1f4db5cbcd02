// fit with captured batches (the default) against fit with capture: false on twin models: same
// weights bit for bit, same history, same gradientFlow records (the callback reads .grad), with
// a partial last batch, clipping, a schedule changing lr, and what must not be captured.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradientFlow } from "../../diagnostics/gradient-flow.js";
import { BatchNorm1d } from "../../nn/batch-norm.js";
import { Dropout } from "../../nn/dropout.js";
import { ReLU, Sigmoid, Tanh } from "../../nn/activations.js";
import { Linear } from "../../nn/linear.js";
import type { Module } from "../../nn/module.js";
import { Sequential } from "../../nn/sequential.js";
import { adam, sgd, stepLR } from "../../optim/index.js";
import { Random } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";
import { BatchStep } from "../batch-step.js";
import { fit, type FitOptions } from "../fit.js";
import { resolveLoss } from "../loss-by-name.js";
import { FitCapture } from "./fit-capture.js";

function mlp(head: Module | null, seedValue = 3): Sequential {
  const rng = new Random(seedValue);
  const layers: Module[] = [new Linear(2, 8, { generator: rng }), new Tanh()];
  layers.push(
    new Linear(8, 8, { generator: rng }),
    new ReLU(),
    new Linear(8, 3, { generator: rng }),
  );
  if (head !== null) layers.push(head);
  return new Sequential(...layers);
}

/** 50 rows: x in [−1, 1]², y a class index (crossEntropy) or three 0/1 targets (bce). */
function data(kind: "classes" | "binary"): { x: Tensor; y: Tensor } {
  const rng = new Random(11);
  const x = new Float32Array(100).map(() => 2 * rng.uniform() - 1);
  const y =
    kind === "classes"
      ? new Float32Array(50).map((_, i) => (x[2 * i] > 0 ? 1 : 0) + (x[2 * i + 1] > 0 ? 1 : 0))
      : new Float32Array(150).map(() => rng.int(2));
  return { x: new Tensor(x, [50, 2]), y: new Tensor(y, kind === "classes" ? [50] : [50, 3]) };
}

function sameWeights(a: Module, b: Module): void {
  const pb = b.parameters();
  a.parameters().forEach((p, i) => {
    for (let j = 0; j < p.size; j++) {
      assert.ok(
        Object.is(p.data[j], pb[i].data[j]),
        `param ${i}[${j}]: ${p.data[j]} vs ${pb[i].data[j]}`,
      );
    }
  });
}

/** fit twice from the same weights, capture on and off; the two must agree bit for bit. */
async function twinFits(
  head: Module | null,
  kind: "classes" | "binary",
  options: (model: Module) => FitOptions,
): Promise<void> {
  const on = mlp(head);
  const off = mlp(head === null ? null : head instanceof Sigmoid ? new Sigmoid() : head);
  const d = data(kind);
  const optsOn = options(on);
  const optsOff = options(off);
  assert.notEqual(FitCapture.for(on, { ...optsOn, batchSize: optsOn.batchSize ?? 32 }), null);
  const hOn = await fit(on, d, optsOn);
  const hOff = await fit(off, d, { ...optsOff, capture: false });
  sameWeights(on, off);
  assert.deepEqual(hOn.toJSON(), hOff.toJSON());
}

describe("fit with captured batches", () => {
  test("crossEntropy + adam, batch 16 of 50 rows (a partial last batch), clipNorm, stepLR", async () => {
    await twinFits(null, "classes", (model) => {
      const optimizer = adam(model.parameters(), { lr: 0.02 });
      return {
        loss: "crossEntropy",
        optimizer,
        batchSize: 16,
        epochs: 6,
        clipNorm: 0.5,
        schedule: stepLR(optimizer, { stepSize: 2, gamma: 0.5 }),
        metrics: ["accuracy"],
      };
    });
  });

  test("bce + sgd momentum, batch 1, clipValue", async () => {
    await twinFits(new Sigmoid(), "binary", (model) => ({
      loss: "bce",
      optimizer: sgd(model.parameters(), { lr: 0.1, momentum: 0.9 }),
      batchSize: 1,
      epochs: 2,
      clipValue: 0.05,
    }));
  });

  test("gradientFlow sees the same gradients (its records are equal)", async () => {
    const flows = [gradientFlow({ every: 3 }), gradientFlow({ every: 3 })];
    let i = 0;
    await twinFits(null, "classes", (model) => ({
      loss: "crossEntropy",
      optimizer: sgd(model.parameters(), { lr: 0.1 }),
      batchSize: 8,
      epochs: 3, // 7 batches an epoch: 21 steps, recorded at 3, 6, …, 21
      callbacks: [flows[i++]],
    }));
    assert.equal(flows[0].records.length, 7);
    assert.ok(flows[0].records.every((r) => r.layers.every((l) => l.gradNorm > 0)));
    assert.deepEqual(flows[0].records, flows[1].records);
  });

  test("BatchStep replays full batches and runs the partial one uncaptured", () => {
    const [a, b] = [mlp(null), mlp(null)];
    const d = data("classes");
    const lossFn = resolveLoss("crossEntropy");
    const capture = FitCapture.for(a, { loss: "crossEntropy", batchSize: 16 })!;
    const stepA = new BatchStep(a, lossFn, adam(a.parameters()), {}, capture);
    const stepB = new BatchStep(b, lossFn, adam(b.parameters()), {});
    for (const [s, e] of [
      [0, 16],
      [16, 32],
      [32, 48],
      [48, 50],
      [0, 16],
    ]) {
      const batch = { x: d.x.slice(0, s, e), y: d.y.slice(0, s, e) };
      assert.ok(Object.is(stepA.run(batch, 0, 0), stepB.run(batch, 0, 0)));
      sameWeights(a, b);
    }
    assert.deepEqual(capture.counts, { captured: 4, uncaptured: 1 });
  });

  test("not captured: a loss function, l1/l2, capture false, Dropout, BatchNorm1d", () => {
    const model = mlp(null);
    const base = { loss: "crossEntropy" as const, batchSize: 4 };
    assert.notEqual(FitCapture.for(model, base), null);
    assert.equal(FitCapture.for(model, { ...base, loss: (o: Tensor) => o.sum() }), null);
    assert.equal(FitCapture.for(model, { ...base, l2: 1e-4 }), null);
    assert.equal(FitCapture.for(model, { ...base, l1: 1e-4 }), null);
    assert.equal(FitCapture.for(model, { ...base, capture: false }), null);
    assert.equal(FitCapture.for(mlp(new Dropout(0.5)), base), null);
    const bn = new Sequential(new Linear(2, 8), new BatchNorm1d(8), new Tanh(), new Linear(8, 3));
    assert.equal(FitCapture.for(bn, base), null);
  });
});
