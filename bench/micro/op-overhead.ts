// Per-op dispatch cost: time of one tiny op (1–16 elements) through the Tensor API, with and
// without a graph, on the js backend.   npx tsx bench/micro/op-overhead.ts
import { noGrad } from "../../src/autograd/no-grad.js";
import { setBackend } from "../../src/backend/registry.js";
import { randn } from "../../src/tensor/create.js";

setBackend("js");

function time(name: string, f: () => void): void {
  for (let i = 0; i < 2e5; i++) f();
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 2e5; i++) f();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${name.padEnd(34)} ${((best * 1e6) / 2e5).toFixed(0).padStart(5)} ns/op`);
}

const a = randn([1, 16], { requiresGrad: true });
const b = randn([1, 16], { requiresGrad: true });
const row = randn([16], { requiresGrad: true });
const w = randn([16, 16], { requiresGrad: true });
time("add [1,16]+[1,16], graph", () => void a.add(b));
time("add [1,16]+[16] (bias), graph", () => void a.add(row));
time("mul by scalar, graph", () => void a.mul(2));
time("tanh [1,16], graph", () => void a.tanh());
time("matmul [1,16]·[16,16], graph", () => void a.matmul(w));
time("sum(), graph", () => void a.sum());
time("mean(), graph", () => void a.mean());
noGrad(() => {
  time("add [1,16]+[1,16], noGrad", () => void a.add(b));
  time("tanh [1,16], noGrad", () => void a.tanh());
});
time("add+sum+backward (3 nodes)", () => {
  a.grad = null;
  b.grad = null;
  a.add(b).sum().backward();
});
