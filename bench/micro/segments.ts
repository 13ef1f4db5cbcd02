// Micro-benchmark for models the fused stack used to drop entirely: a W2-shaped MLP with
// BatchNorm1d and Dropout (784-256-BN-ReLU-Dropout-128-BN-ReLU-10, batch 128, Adam) and a small
// one (2-16-BN-tanh-16-tanh-1, batch 16). Sequential now fuses each Linear run between those
// modules; --generic runs every layer as separate ops, which is what every such model did before.
//   npx tsx bench/micro/segments.ts [--generic]       (the wasm backend, the default, is used)
import { nn, losses, optim, randn, seed, tensor, type Tensor } from "../../src/index.js";
import { setFusionEnabled } from "../../src/nn/fusion.js";

if (process.argv.includes("--generic")) setFusionEnabled(false);

function timeSteps(name: string, model: nn.Sequential, x: Tensor, loss: () => Tensor, n: number) {
  const opt = optim.adam(model.parameters(), { lr: 1e-3 });
  const step = (): void => {
    opt.zeroGrad();
    loss().backward();
    opt.step();
  };
  for (let i = 0; i < n; i++) step();
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) step();
    best = Math.min(best, (performance.now() - t0) / n);
  }
  console.log(`${name}: ${(best * 1000).toFixed(1)} µs per step (best of 7 × ${n})`);
}

seed(0);
const big = nn.sequential(
  nn.linear(784, 256),
  nn.batchNorm1d(256),
  nn.relu(),
  nn.dropout(0.2),
  nn.linear(256, 128),
  nn.batchNorm1d(128),
  nn.relu(),
  nn.linear(128, 10),
);
const xb = randn([128, 784]);
const yb = tensor(Array.from({ length: 128 }, (_, i) => i % 10));
timeSteps("W2 + BN + dropout", big, xb, () => losses.crossEntropy(big.forward(xb), yb), 10);

const small = nn.sequential(
  nn.linear(2, 16),
  nn.batchNorm1d(16),
  nn.tanh(),
  nn.linear(16, 16),
  nn.tanh(),
  nn.linear(16, 1),
);
const xs = randn([16, 2]);
const ys = randn([16, 1]).gt(0);
timeSteps("W1 + BN", small, xs, () => losses.bceWithLogits(small.forward(xs), ys), 500);
