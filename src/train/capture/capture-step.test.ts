// train.captureStep against the uncaptured step it replays (loss → zeroGrad → backward → step) on
// twin models: after every step the weights, the optimizer state and the loss must be bit-identical
// — for every fused activation × captured loss × optimizer, batch sizes 1, 3 and 16, float32 and
// float64, on the js and wasm backends — and steps it cannot replay must run uncaptured.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadWasmBackend, setBackend } from "../../backend/index.js";
import { Identity, LeakyReLU, ReLU, Sigmoid, Tanh } from "../../nn/activations.js";
import { Linear } from "../../nn/linear.js";
import type { Module } from "../../nn/module.js";
import { Sequential } from "../../nn/sequential.js";
import { adam, rmsprop, sgd, type Optimizer } from "../../optim/index.js";
import type { DType, Storage } from "../../tensor/dtype.js";
import { Random } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";
import { resolveLoss } from "../loss-by-name.js";
import { captureStep } from "./capture-step.js";
import type { CapturedLossName } from "../../ops/replay/loss-rows.js";

const ACTIVATIONS: Record<string, () => Module> = {
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  relu: () => new ReLU(),
  leakyRelu: () => new LeakyReLU({ negativeSlope: 0.1 }),
  identity: () => new Identity(),
};

const OPTIMIZERS: Record<string, (params: Tensor[]) => Optimizer> = {
  sgd: (p) => sgd(p, { lr: 0.1 }),
  "sgd momentum nesterov wd": (p) =>
    sgd(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }),
  adam: (p) => adam(p, { lr: 0.01 }),
  rmsprop: (p) => rmsprop(p, { lr: 0.01 }),
};

/** D-16-H-C with `hidden` after the hidden layers; bce gets a sigmoid output (probabilities). */
function makeModel(
  loss: CapturedLossName,
  hidden: string,
  dtype: DType,
  seedValue: number,
  sizes = [3, 16, 16, 4],
): Sequential {
  const rng = new Random(seedValue);
  const layers: Module[] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const bias = k !== 1; // one layer without bias
    layers.push(new Linear(sizes[k], sizes[k + 1], { dtype, bias, generator: rng }));
    if (k + 2 < sizes.length) layers.push(ACTIVATIONS[hidden]());
    else if (loss === "bce") layers.push(new Sigmoid());
  }
  return new Sequential(...layers);
}

/** Random batches: x uniform in [−1, 1]; targets per loss (regression, 0/1, class indices). */
function batches(
  loss: CapturedLossName,
  sizes: number[],
  N: number,
  count: number,
  dtype: DType,
): { x: Tensor; y: Tensor }[] {
  const rng = new Random(99);
  const D = sizes[0];
  const C = sizes[sizes.length - 1];
  const alloc = (n: number): Storage =>
    dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  const out: { x: Tensor; y: Tensor }[] = [];
  for (let b = 0; b < count; b++) {
    const x = alloc(N * D).map(() => 2 * rng.uniform() - 1);
    if (loss === "crossEntropy") {
      const y = alloc(N).map(() => rng.int(C));
      out.push({ x: new Tensor(x, [N, D]), y: new Tensor(y, [N]) });
    } else {
      const y = alloc(N * C).map(() => (loss === "bce" ? rng.int(2) : rng.normal()));
      out.push({ x: new Tensor(x, [N, D]), y: new Tensor(y, [N, C]) });
    }
  }
  return out;
}

/** The step being replayed. */
function referenceStep(
  model: Module,
  loss: CapturedLossName,
  opt: Optimizer,
  x: Tensor,
  y: Tensor,
): number {
  const l = resolveLoss(loss)(model.forward(x), y);
  opt.zeroGrad();
  l.backward();
  opt.step();
  return l.item();
}

/** Index and values of the first element where two models' parameters differ in bits, or null. */
function firstDifference(a: Module, b: Module): string | null {
  const pa = a.namedParameters();
  const pb = b.namedParameters();
  for (let i = 0; i < pa.length; i++) {
    const [name, p] = pa[i];
    const q = pb[i][1];
    for (let j = 0; j < p.size; j++) {
      if (!Object.is(p.data[j], q.data[j])) return `${name}[${j}]: ${p.data[j]} vs ${q.data[j]}`;
    }
  }
  return null;
}

/** `steps` captured and reference steps on twin models; asserts bit equality after each. */
function assertTwinRuns(
  loss: CapturedLossName,
  hidden: string,
  optName: string,
  N: number,
  dtype: DType,
  steps = 12,
): void {
  const sizes = [3, 16, 16, loss === "bce" ? 2 : 4];
  const reference = makeModel(loss, hidden, dtype, 5, sizes);
  const captured = makeModel(loss, hidden, dtype, 5, sizes);
  const refOpt = OPTIMIZERS[optName](reference.parameters());
  const capOpt = OPTIMIZERS[optName](captured.parameters());
  const trainStep = captureStep(captured, { loss, optimizer: capOpt, batchSize: N });
  assert.equal(trainStep.reason, null);
  for (const [s, { x, y }] of batches(loss, sizes, N, steps, dtype).entries()) {
    const expected = referenceStep(reference, loss, refOpt, x, y);
    const got = trainStep.step(x, y);
    assert.ok(Object.is(got, expected), `step ${s}: loss ${got} vs ${expected}`);
    const diff = firstDifference(reference, captured);
    assert.equal(diff, null, `step ${s}: ${diff}`);
  }
  assert.deepEqual(trainStep.counts, { captured: steps, uncaptured: 0 });
  assert.deepEqual(capOpt.stateDict(), refOpt.stateDict());
}

for (const backend of ["js", "wasm"] as const) {
  describe(`captureStep equals the uncaptured step, bit for bit (${backend} backend)`, () => {
    const wasm = backend === "js" || loadWasmBackend();
    test.before(() => setBackend(wasm ? backend : "js"));
    test.after(() => setBackend("js"));
    for (const loss of ["mse", "bce", "crossEntropy"] as const) {
      for (const hidden of Object.keys(ACTIVATIONS)) {
        for (const optName of Object.keys(OPTIMIZERS)) {
          test(
            `${loss}, ${hidden}, ${optName}, batch 1, 3, 16`,
            { skip: !wasm && "no wasm" },
            () => {
              for (const N of [1, 3, 16]) assertTwinRuns(loss, hidden, optName, N, "float32");
            },
          );
        }
      }
    }
    test("float64 models", { skip: !wasm && "no wasm" }, () => {
      for (const loss of ["mse", "bce", "crossEntropy"] as const) {
        assertTwinRuns(loss, "tanh", "adam", 4, "float64");
      }
    });
  });
}
