// The ops and the fused Linear stack route large float32 work to the active backend's kernels:
// under "wasm" they must agree with "js" within float32 rounding (values are compared with
// definitions elsewhere; here the two backends are compared with each other, above and below
// the size thresholds of dispatch.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Linear } from "../nn/linear.js";
import { Sequential } from "../nn/sequential.js";
import { Sigmoid, Tanh } from "../nn/activations.js";
import { randn } from "../tensor/create.js";
import { seed } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { getBackend, setBackend } from "./index.js";
import { loadWasmBackend } from "./index.js";

function both(run: () => Tensor[]): [Tensor[], Tensor[]] {
  assert.equal(loadWasmBackend(), true);
  const before = getBackend().name;
  try {
    setBackend("js");
    const js = run();
    setBackend("wasm");
    return [js, run()];
  } finally {
    setBackend(before);
  }
}

function assertClose(a: Tensor, b: Tensor, rtol: number, what: string): void {
  assert.deepEqual(a.shape, b.shape);
  for (let i = 0; i < a.size; i++) {
    const [u, v] = [a.data[i], b.data[i]];
    if (!(Math.abs(u - v) <= rtol * Math.max(1, Math.abs(u)))) {
      assert.fail(`${what}: [${i}] js ${u} vs wasm ${v}`);
    }
  }
}

test("exp, tanh, sigmoid, relu, add, mul, div and sum agree on js and wasm (sizes 10 and 3000)", () => {
  for (const n of [10, 3000]) {
    seed(1);
    const x = randn([n / 10, 10]).mul(4);
    const y = randn([n / 10, 10]);
    const [js, wasm] = both(() => [
      x.exp(),
      x.tanh(),
      x.sigmoid(),
      x.relu(),
      x.add(y),
      x.mul(y),
      x.div(y),
      x.sum(),
      x.sum(0),
      x.sum(1),
    ]);
    js.forEach((t, i) =>
      assertClose(t, wasm[i], i < 3 ? 1e-6 : i < 7 ? 0 : 1e-5, `op ${i} n=${n}`),
    );
  }
});

test("a fused tanh/sigmoid stack gives the same outputs and gradients on js and wasm", () => {
  const run = (): Tensor[] => {
    seed(2);
    const model = new Sequential(new Linear(20, 64), new Tanh(), new Linear(64, 8), new Sigmoid());
    const x = randn([32, 20]);
    const out = model.forward(x);
    out.sum().backward();
    return [out, ...model.parameters().map((p) => p.grad!)];
  };
  const [js, wasm] = both(run);
  js.forEach((t, i) => assertClose(t, wasm[i], 1e-5, `tensor ${i}`));
});
