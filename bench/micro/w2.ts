// Micro-benchmark for a W2-shaped step: MLP 784-256-128-10 (ReLU), softmax cross-entropy, SGD,
// batch 128, on random data — to check that the fused Sequential path does not lose to the
// generic one on a larger network.   npx tsx bench/micro/w2.ts [--wasm] [--generic]
import { randn } from "../../src/tensor/create.js";
import { seed } from "../../src/tensor/random.js";
import { Linear } from "../../src/nn/linear.js";
import { Sequential } from "../../src/nn/sequential.js";
import { ReLU } from "../../src/nn/activations.js";
import { crossEntropy } from "../../src/losses/cross-entropy.js";
import { sgd } from "../../src/optim/sgd.js";
import { getBackend, setBackend } from "../../src/backend/registry.js";
import { loadWasmBackend } from "../../src/backend/index.js";
import { fusionEnabled, setFusionEnabled } from "../../src/nn/fusion.js";
import { tensor } from "../../src/tensor/create.js";

if (process.argv.includes("--wasm")) {
  if (!loadWasmBackend()) throw new Error("wasm backend unavailable");
  setBackend("wasm");
}
if (process.argv.includes("--generic")) setFusionEnabled(false);
seed(0);
const model = new Sequential(
  new Linear(784, 256),
  new ReLU(),
  new Linear(256, 128),
  new ReLU(),
  new Linear(128, 10),
);
const opt = sgd(model.parameters(), { lr: 0.01 });
const x = randn([128, 784]);
const labels = tensor(Array.from({ length: 128 }, (_, i) => i % 10));
const step = (): void => {
  const loss = crossEntropy(model.forward(x), labels);
  opt.zeroGrad();
  loss.backward();
  opt.step();
};
for (let i = 0; i < 5; i++) step();
let best = Infinity;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) step();
  best = Math.min(best, (performance.now() - t0) / 5);
}
console.log(
  `backend ${getBackend().name}, fusion ${fusionEnabled() ? "on" : "off"}: ` +
    `${best.toFixed(2)} ms/step, ${((128 * 1000) / best / 1000).toFixed(1)} k samples/s`,
);
