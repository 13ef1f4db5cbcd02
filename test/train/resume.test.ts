// Checkpoint resume equals an uninterrupted run bit for bit: train N epochs in one go, versus
// train k epochs, save weights + TrainingState with saveCheckpoint, load them in a "new process"
// (fresh model object from loadCheckpoint, the global generator scrambled), and fit the rest with
// { resume: state }. Adam, a cosine schedule, Dropout, shuffling and validation all take part.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seed } from "../../src/tensor/random.js";
import { fit, type FitOptions, type TrainingState } from "../../src/train/fit.js";
import type { Module } from "../../src/nn/module.js";
import { cosineAnnealingLR } from "../../src/optim/schedules/index.js";
import { saveCheckpoint, loadCheckpoint } from "../../src/node/io/model-file.js";
import { moons, smallMlp, weightBytes } from "./helpers.js";

const N = 5;
const DATA = moons(60, 9);

function options(extra: Partial<FitOptions> = {}): FitOptions {
  return {
    loss: "bceWithLogits",
    optimizer: { name: "adam", lr: 0.02 },
    schedule: (opt) => cosineAnnealingLR(opt, N, 1e-4),
    epochs: N,
    batchSize: 8,
    seed: 3,
    validationSplit: 0.2,
    metrics: ["accuracy"],
    ...extra,
  };
}

/** Model with Dropout (global generator) built after seed(11). */
function freshModel(): Module {
  seed(11);
  return smallMlp(4, 12, 0.2);
}

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "myelin-resume-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function uninterrupted(): Promise<{ weights: string; history: unknown; lrs: number[] }> {
  const model = freshModel();
  const h = await fit(model, DATA, options());
  return { weights: weightBytes(model), history: h.toJSON(), lrs: h.get("lr") };
}

async function resumedAt(k: number): Promise<{ weights: string; history: unknown }> {
  const path = join(dir, `ckpt-${k}.myelin`);
  const model = freshModel();
  await fit(model, DATA, {
    ...options(),
    onState: async (state) => {
      if (state.epoch === k) await saveCheckpoint(path, model, state);
    },
    callbacks: [{ onEpochEnd: (e, _l, ctx) => void (e + 1 === k && (ctx.stopTraining = true)) }],
  });
  seed(12345); // a new process would start with some other global generator state
  const ckpt = await loadCheckpoint(path);
  assert.equal(ckpt.state.epoch, k);
  const h = await fit(ckpt.model, DATA, { ...options(), resume: ckpt.state });
  return { weights: weightBytes(ckpt.model), history: h.toJSON() };
}

describe("resume from a checkpoint file equals an uninterrupted run", () => {
  test("the uninterrupted run is itself repeatable and uses a changing lr", async () => {
    const a = await uninterrupted();
    const b = await uninterrupted();
    assert.equal(a.weights, b.weights);
    assert.equal(new Set(a.lrs).size, N, "the cosine schedule changes the lr every epoch");
  });

  for (const k of [1, 2, N - 1]) {
    test(`stop after epoch ${k} of ${N}, resume from the file: identical weights and history`, async () => {
      const full = await uninterrupted();
      const resumed = await resumedAt(k);
      assert.equal(resumed.weights, full.weights);
      assert.deepEqual(resumed.history, full.history);
    });
  }

  test("resuming from the state after the last epoch trains nothing more", async () => {
    const full = await uninterrupted();
    const resumed = await resumedAt(N);
    assert.equal(resumed.weights, full.weights);
    assert.deepEqual(resumed.history, full.history);
  });

  test("without restoring the state (weights only) the run differs — the state matters", async () => {
    const full = await uninterrupted();
    const path = join(dir, "weights-only.myelin");
    const model = freshModel();
    await fit(model, DATA, {
      ...options(),
      onState: async (state) => {
        if (state.epoch === 2) await saveCheckpoint(path, model, state);
      },
      callbacks: [{ onEpochEnd: (e, _l, ctx) => void (e === 1 && (ctx.stopTraining = true)) }],
    });
    const ckpt = await loadCheckpoint(path);
    await fit(ckpt.model, DATA, { ...options(), epochs: N - 2 });
    assert.notEqual(weightBytes(ckpt.model), full.weights);
  });

  test("onState reports only completed epochs (an abort mid-epoch gives no state for it)", async () => {
    const states: TrainingState[] = [];
    const controller = new AbortController();
    let batches = 0;
    await fit(freshModel(), DATA, {
      ...options(),
      signal: controller.signal,
      onState: (s) => void states.push(s),
      callbacks: [{ onBatchEnd: () => void (++batches === 8 && controller.abort()) }],
    });
    // 48 training rows / 8 = 6 batches per epoch: epoch 1 completes, epoch 2 is cut after 2 batches
    assert.deepEqual(
      states.map((s) => s.epoch),
      [1],
    );
  });
});
