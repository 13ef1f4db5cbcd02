// Micro-benchmark for W1 / W1b: the tiny MLP 2-16-16-1 (tanh, tanh, sigmoid), BCE, SGD η = 0.1,
// trained through the public API (nn.sequential → losses.bce → zeroGrad → backward → step) at
// batch 16 (W1) and batch 1 (W1b). Prints samples/s and a per-phase breakdown. Not a test.
//   npx tsx bench/micro/w1.ts [budgetMs]
import { Random } from "../../src/tensor/random.js";
import { fromData } from "../../src/tensor/create.js";
import { seed } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { Linear } from "../../src/nn/linear.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Sigmoid, Tanh } from "../../src/nn/activations.js";
import { bce } from "../../src/losses/bce.js";
import { sgd } from "../../src/optim/sgd.js";

const SAMPLES = 256;

/** 256 XOR-quadrant points as batch tensors: x [B, 2], y [B, 1] (label 1 when x₀·x₁ > 0). */
function batches(batch: number): { x: Tensor; y: Tensor }[] {
  const rng = new Random(7);
  const out: { x: Tensor; y: Tensor }[] = [];
  for (let i = 0; i < SAMPLES; i += batch) {
    const x = new Float32Array(batch * 2);
    const y = new Float32Array(batch);
    for (let r = 0; r < batch; r++) {
      x[2 * r] = 2 * rng.uniform() - 1;
      x[2 * r + 1] = 2 * rng.uniform() - 1;
      y[r] = x[2 * r] * x[2 * r + 1] > 0 ? 1 : 0;
    }
    out.push({ x: fromData(x, [batch, 2]), y: fromData(y, [batch, 1]) });
  }
  return out;
}

/** Which phases of the training step a timed loop runs (cumulative, for the breakdown). */
type Upto = "forward" | "loss" | "backward" | "step";

/** Time `upto` of the training step over the data for ~budgetMs; µs per step (median of 5). */
function timeSteps(batch: number, upto: Upto, budgetMs: number): number {
  seed(0);
  const model = new Sequential(
    new Linear(2, 16),
    new Tanh(),
    new Linear(16, 16),
    new Tanh(),
    new Linear(16, 1),
    new Sigmoid(),
  );
  const opt = sgd(model.parameters(), { lr: 0.1 });
  const data = batches(batch);
  const epoch = (): void => {
    for (const { x, y } of data) {
      const p = model.forward(x);
      if (upto === "forward") continue;
      const loss = bce(p, y);
      if (upto === "loss") continue;
      opt.zeroGrad();
      loss.backward();
      if (upto === "backward") continue;
      opt.step();
    }
  };
  for (let i = 0; i < 20; i++) epoch(); // warm-up (JIT)
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    let epochs = 0;
    while (performance.now() - t0 < budgetMs / 5) {
      epoch();
      epochs++;
    }
    rounds.push(((performance.now() - t0) * 1000) / (epochs * data.length));
  }
  rounds.sort((a, b) => a - b);
  return rounds[2];
}

export interface W1Result {
  batch: number;
  samplesPerSecond: number;
  usPerStep: number;
  /** µs per step spent in each phase (differences of cumulative loops). */
  phases: { forward: number; loss: number; backward: number; step: number };
}

/** Measure one workload: batch 16 is W1, batch 1 is W1b. */
export function measureW1(batch: number, budgetMs = 2000): W1Result {
  const f = timeSteps(batch, "forward", budgetMs / 2);
  const fl = timeSteps(batch, "loss", budgetMs / 2);
  const flb = timeSteps(batch, "backward", budgetMs / 2);
  const full = timeSteps(batch, "step", budgetMs);
  return {
    batch,
    samplesPerSecond: (batch * 1e6) / full,
    usPerStep: full,
    phases: { forward: f, loss: fl - f, backward: flb - fl, step: full - flb },
  };
}

function main(): void {
  const budget = Number(process.argv[2] ?? 2000);
  for (const [name, batch] of [
    ["W1 ", 16],
    ["W1b", 1],
  ] as const) {
    const r = measureW1(batch, budget);
    const p = r.phases;
    const fmt = (v: number): string => v.toFixed(2).padStart(6);
    console.log(
      `${name} batch ${String(batch).padStart(2)}: ${(r.samplesPerSecond / 1000).toFixed(0).padStart(5)} k samples/s, ` +
        `${r.usPerStep.toFixed(2)} µs/step  [forward ${fmt(p.forward)} · loss ${fmt(p.loss)} · ` +
        `zeroGrad+backward ${fmt(p.backward)} · step ${fmt(p.step)}] µs`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
