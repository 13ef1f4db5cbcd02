// W1 / W1b through train.captureStep (the captured step the bench's Myelin side uses) beside the
// uncaptured loop of w1.ts, in one process; µs per step, the fastest of 10 rounds. Not a test.
//   npx tsx bench/micro/w1-captured.ts [budgetMs] [--js] [--profile]
// --profile runs only the captured batch-1 loop (node --cpu-prof --import tsx …, then
// bench/micro/profile-summary.mjs).
import { setBackend } from "../../src/backend/index.js";
import { Sigmoid, Tanh } from "../../src/nn/activations.js";
import { Linear } from "../../src/nn/linear.js";
import { Sequential } from "../../src/nn/sequential.js";
import { sgd } from "../../src/optim/sgd.js";
import { bce } from "../../src/losses/bce.js";
import { fromData } from "../../src/tensor/create.js";
import { Random, seed } from "../../src/tensor/random.js";
import { captureStep } from "../../src/train/capture/capture-step.js";

const SAMPLES = 256;

function makeModel(): Sequential {
  seed(0);
  const layers = [new Linear(2, 16), new Tanh(), new Linear(16, 16), new Tanh()];
  return new Sequential(...layers, new Linear(16, 1), new Sigmoid());
}

function data(): { xs: Float32Array; ys: Float32Array } {
  const rng = new Random(7);
  const xs = new Float32Array(SAMPLES * 2).map(() => 2 * rng.uniform() - 1);
  const ys = new Float32Array(SAMPLES).map((_, i) => (xs[2 * i] * xs[2 * i + 1] > 0 ? 1 : 0));
  return { xs, ys };
}

function best(epoch: () => void, steps: number, budgetMs: number): number {
  for (let i = 0; i < 50; i++) epoch();
  let min = Infinity;
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < budgetMs / 10) {
      epoch();
      n++;
    }
    min = Math.min(min, ((performance.now() - t0) * 1000) / (n * steps));
  }
  return min;
}

function captured(batch: number, budgetMs: number): number {
  const model = makeModel();
  const opt = sgd(model.parameters(), { lr: 0.1 });
  const step = captureStep(model, { loss: "bce", optimizer: opt, batchSize: batch });
  const { xs, ys } = data();
  return best(
    () => {
      for (let i = 0; i < SAMPLES; i += batch) {
        step.step(xs.subarray(2 * i, 2 * (i + batch)), ys.subarray(i, i + batch));
      }
    },
    SAMPLES / batch,
    budgetMs,
  );
}

function uncaptured(batch: number, budgetMs: number): number {
  const model = makeModel();
  const opt = sgd(model.parameters(), { lr: 0.1 });
  const { xs, ys } = data();
  return best(
    () => {
      for (let i = 0; i < SAMPLES; i += batch) {
        const x = fromData(xs.subarray(2 * i, 2 * (i + batch)), [batch, 2]);
        const y = fromData(ys.subarray(i, i + batch), [batch, 1]);
        const loss = bce(model.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
      }
    },
    SAMPLES / batch,
    budgetMs,
  );
}

const budget = Number(process.argv[2] ?? 2000);
if (process.argv.includes("--js")) setBackend("js");
if (process.argv.includes("--profile")) {
  console.log(`batch 1 captured: ${captured(1, budget).toFixed(2)} µs/step`);
  process.exit(0);
}
for (const batch of [16, 1]) {
  const c = captured(batch, budget);
  const u = uncaptured(batch, budget);
  const k = (us: number): string => `${((batch * 1e3) / us).toFixed(0)} k samples/s`;
  console.log(
    `batch ${String(batch).padStart(2)}: captured ${c.toFixed(2)} µs/step (${k(c)}), ` +
      `uncaptured ${u.toFixed(2)} µs/step (${k(u)})`,
  );
}
