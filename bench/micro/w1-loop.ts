// A bare W1/W1b training loop for profiling (node --cpu-prof --import tsx bench/micro/w1-loop.ts
// [batch] [seconds]); prints µs/step at the end. See w1.ts for the measured numbers.
import { fromData } from "../../src/tensor/create.js";
import { Random, seed } from "../../src/tensor/random.js";
import { Linear } from "../../src/nn/linear.js";
import { Sequential } from "../../src/nn/sequential.js";
import { Sigmoid, Tanh } from "../../src/nn/activations.js";
import { bce } from "../../src/losses/bce.js";
import { sgd } from "../../src/optim/sgd.js";

const batch = Number(process.argv[2] ?? 1);
const seconds = Number(process.argv[3] ?? 3);
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
const rng = new Random(7);
const xs = new Float32Array(256 * 2).map(() => 2 * rng.uniform() - 1);
const ys = new Float32Array(256).map((_, i) => (xs[2 * i] * xs[2 * i + 1] > 0 ? 1 : 0));
const t0 = performance.now();
let steps = 0;
while (performance.now() - t0 < seconds * 1000) {
  for (let i = 0; i + batch <= 256; i += batch) {
    const x = fromData(xs.subarray(2 * i, 2 * (i + batch)), [batch, 2]);
    const y = fromData(ys.subarray(i, i + batch), [batch, 1]);
    const loss = bce(model.forward(x), y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    steps++;
  }
}
const us = ((performance.now() - t0) * 1000) / steps;
console.log(
  `batch ${batch}: ${us.toFixed(2)} µs/step, ${((batch * 1e6) / us / 1000).toFixed(0)} k samples/s`,
);
