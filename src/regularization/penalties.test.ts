// L1/L2 penalties: values and gradients by hand, and weightDecay = d in SGD ≡ adding l2(params, d/2).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import { sgd } from "../optim/index.js";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { l1, l2 } from "./index.js";

const f64 = (v: number[] | number[][]) => tensor(v, { dtype: "float64", requiresGrad: true });

describe("l1 / l2", () => {
  test("l1 = λΣ|w|, ∂/∂w = λ·sign(w) (0 at 0)", () => {
    const w = f64([
      [1, -2],
      [0, 3],
    ]);
    const b = f64([-0.5]);
    const r = l1([w, b], 0.1);
    assert.ok(Math.abs(r.item() - 0.65) < 1e-15);
    r.backward();
    assert.deepEqual([...w.grad!.data], [0.1, -0.1, 0, 0.1]);
    assert.deepEqual([...b.grad!.data], [-0.1]);
  });

  test("l2 = λΣw² (no ½), ∂/∂w = 2λw", () => {
    const w = f64([
      [1, -2],
      [0, 3],
    ]);
    const b = f64([-0.5]);
    const r = l2([w, b], 0.1);
    assert.ok(Math.abs(r.item() - 0.1 * 14.25) < 1e-15);
    r.backward();
    [0.2, -0.4, 0, 0.6].forEach((g, i) => assert.ok(Math.abs(w.grad!.data[i] - g) < 1e-15));
    assert.ok(Math.abs(b.grad!.data[0] + 0.1) < 1e-15);
  });

  test("default λ = 0.01; no parameters → 0", () => {
    assert.ok(Math.abs(l2([f64([2])]).item() - 0.04) < 1e-15);
    assert.ok(Math.abs(l1([f64([-2])]).item() - 0.02) < 1e-15);
    assert.equal(l1([]).item(), 0);
  });

  test("gradcheck (float64)", () => {
    const w = f64([
      [0.3, -1.2],
      [0.7, 2.0],
    ]);
    assert.ok(gradcheck((x: Tensor) => l2([x], 0.3), [w]).ok);
    assert.ok(gradcheck((x: Tensor) => l1([x], 0.3), [w]).ok);
  });

  test("SGD weightDecay = d equals adding l2(params, d/2) to the loss (bit-close over 5 steps)", () => {
    const d = 0.2;
    const loss = (w: Tensor) => w.sub(1).square().sum(); // ∂/∂w = 2(w − 1)
    const wA = f64([0.5, -1.5, 3]);
    const wB = f64([0.5, -1.5, 3]);
    const optA = sgd([wA], { lr: 0.1, momentum: 0.9, weightDecay: d });
    const optB = sgd([wB], { lr: 0.1, momentum: 0.9 });
    for (let s = 0; s < 5; s++) {
      optA.zeroGrad();
      loss(wA).backward();
      optA.step();
      optB.zeroGrad();
      loss(wB)
        .add(l2([wB], d / 2))
        .backward();
      optB.step();
    }
    wA.data.forEach((x, i) => assert.ok(Math.abs(x - wB.data[i]) < 1e-14, `${x} vs ${wB.data[i]}`));
    // and λ = d (without the ½) does not match: the test can fail
    const wC = f64([0.5, -1.5, 3]);
    const optC = sgd([wC], { lr: 0.1, momentum: 0.9 });
    for (let s = 0; s < 5; s++) {
      optC.zeroGrad();
      loss(wC)
        .add(l2([wC], d))
        .backward();
      optC.step();
    }
    assert.ok(Math.abs(wC.data[2] - wA.data[2]) > 1e-3);
  });

  test("negative or NaN λ → ValueError", () => {
    assert.throws(
      () => l2([f64([1])], -1),
      (e: Error) => e instanceof ValueError && /l2: lambda must be .* got -1/.test(e.message),
    );
    assert.throws(() => l1([f64([1])], NaN), /l1: lambda must be .* got NaN/);
  });
});
