// earlyStopping with restoreBest across a checkpoint: a run stopped after epoch k, saved with
// saveCheckpoint and resumed from the file with a fresh callback, keeps the same best epoch,
// stops at the same epoch and ends with the same (restored) weights as a run never stopped.
// The callback's state (best value, wait counter, best weights) travels in TrainingState.callbacks.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seed } from "../../src/tensor/random.js";
import { fit, type FitOptions } from "../../src/train/fit.js";
import { earlyStopping, type EarlyStoppingCallback } from "../../src/train/callbacks/index.js";
import { saveCheckpoint, loadCheckpoint } from "../../src/node/io/model-file.js";
import { moons, scripted, smallMlp, weightBytes } from "./helpers.js";

const EPOCHS = 12;
// best at epoch 2 (0-based); patience 4 → stops after epoch 6, 7 epochs run
const SCRIPT = [5, 4, 1, 2, 3, 2.5, 1.5, 0.5, 0.4, 0.3, 0.2, 0.1];
const DATA = moons(40, 9);

function options(es: EarlyStoppingCallback, extra: Partial<FitOptions> = {}): FitOptions {
  return {
    loss: "bceWithLogits",
    optimizer: { name: "adam", lr: 0.05 },
    epochs: EPOCHS,
    batchSize: 8,
    seed: 3,
    callbacks: [scripted("score", SCRIPT), es],
    ...extra,
  };
}

const stopper = (): EarlyStoppingCallback =>
  earlyStopping({ monitor: "score", patience: 4, restoreBest: true });

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "myelin-es-resume-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function uninterrupted() {
  seed(11);
  const model = smallMlp(4, 12, 0.2);
  const es = stopper();
  const h = await fit(model, DATA, options(es));
  return { weights: weightBytes(model), history: h.toJSON(), es };
}

async function resumedAt(k: number) {
  const path = join(dir, `es-${k}.myelin`);
  seed(11);
  const model = smallMlp(4, 12, 0.2);
  await fit(model, DATA, {
    ...options(stopper()),
    onState: async (state) => {
      if (state.epoch === k) await saveCheckpoint(path, model, state);
    },
    callbacks: [
      scripted("score", SCRIPT),
      stopper(),
      { onEpochEnd: (e, _l, ctx) => void (e + 1 === k && (ctx.stopTraining = true)) },
    ],
  });
  seed(12345);
  const ckpt = await loadCheckpoint(path);
  const es = stopper();
  const h = await fit(ckpt.model, DATA, {
    ...options(es),
    callbacks: [scripted("score", SCRIPT), es, {}],
    resume: ckpt.state,
  });
  return { weights: weightBytes(ckpt.model), history: h.toJSON(), es };
}

describe("earlyStopping with restoreBest resumes exactly", () => {
  test("the uninterrupted run stops early and keeps the best epoch", async () => {
    const full = await uninterrupted();
    assert.equal(full.history.length, 7);
    assert.equal(full.es.bestEpoch, 2);
    assert.equal(full.es.stoppedEpoch, 6);
  });

  // k = 1: before the best epoch; 4: waiting, best weights only in the state; 7: already stopped
  for (const k of [1, 4, 7]) {
    test(`stopped after epoch ${k}, resumed from the file: same best epoch, stop and weights`, async () => {
      const full = await uninterrupted();
      const resumed = await resumedAt(k);
      assert.equal(resumed.es.bestEpoch, 2);
      assert.equal(resumed.es.stoppedEpoch, 6);
      assert.deepEqual(resumed.history, full.history);
      assert.equal(resumed.weights, full.weights);
    });
  }

  test("the state names the best value, the wait and the weights; a mismatched list is refused", async () => {
    seed(11);
    const model = smallMlp(4, 12, 0.2);
    let saved: unknown;
    await fit(model, DATA, {
      ...options(stopper()),
      onState: (s) => void (s.epoch === 4 && (saved = s)),
    });
    const state = saved as { callbacks: unknown[] };
    assert.equal(state.callbacks.length, 2);
    assert.equal(state.callbacks[0], null); // the scripted callback has no state
    const es = state.callbacks[1] as Record<string, unknown>;
    assert.deepEqual([es.best, es.wait, es.bestEpoch, es.stoppedEpoch], [1, 1, 2, -1]);
    assert.ok(typeof es.bestWeights === "object" && es.bestWeights !== null);
    await assert.rejects(
      fit(smallMlp(4, 12, 0.2), DATA, {
        ...options(stopper()),
        callbacks: [stopper()],
        resume: saved as FitOptions["resume"],
      }),
      /fit: resume: the state has 2 callback entries but fit was given 1 callbacks/,
    );
  });
});
