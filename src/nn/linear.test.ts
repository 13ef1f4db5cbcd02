// Linear: forward on hand numbers, default init bounds, shape errors, gradcheck (x, W, b) and
// autograd's dW, db, dx against the closed forms dW = dYᵀx, db = Σ_n dY, dx = dY·W.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { ShapeError } from "../errors.js";
import { randn, tensor } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { Linear } from "./linear.js";

const f64 = { dtype: "float64" } as const;

/** A Linear whose forward uses the given tensors as W and b (so gradcheck can perturb them). */
function linearWith(W: Tensor, b: Tensor | null): Linear {
  const layer = new Linear(W.shape[1], W.shape[0], { bias: b !== null, dtype: "float64" });
  Object.assign(layer, { weight: W, bias: b });
  return layer;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])),
      `element ${i}: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

describe("Linear forward", () => {
  // W = [[1, 2], [3, 4], [5, 6]], b = [0.5, −1, 2]
  const W = tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const b = tensor([0.5, -1, 2]);

  test("y = x·Wᵀ + b on hand numbers", () => {
    const layer = new Linear(2, 3);
    layer.weight.data.set(W.data);
    layer.bias!.data.set(b.data);
    const y = layer.forward(
      tensor([
        [1, -1],
        [2, 0.5],
      ]),
    );
    assert.deepEqual(y.shape, [2, 3]);
    // row 1: [1−2, 3−4, 5−6] + b; row 2: [2+1, 6+2, 10+3] + b
    assert.deepEqual(y.toArray(), [
      [-0.5, -2, 1],
      [3.5, 7, 15],
    ]);
  });

  test("[in] → [out] and [B, N, in] → [B, N, out]; no bias", () => {
    const layer = new Linear(2, 3, { bias: false });
    layer.weight.data.set(W.data);
    const y = layer.forward(tensor([1, -1]));
    assert.deepEqual(y.shape, [3]);
    assert.deepEqual(y.toArray(), [-1, -1, -1]);
    const y3 = layer.forward(tensor([[[1, -1]], [[0, 1]]]));
    assert.deepEqual(y3.toArray(), [[[-1, -1, -1]], [[2, 4, 6]]]);
    assert.equal(layer.bias, null);
    assert.deepEqual(
      layer.namedParameters().map(([n]) => n),
      ["weight"],
    );
  });

  test("shape mismatch throws ShapeError naming the layer and the shapes", () => {
    const layer = new Linear(3, 2);
    assert.throws(
      () => layer.forward(randn([4, 5])),
      (e: unknown) =>
        e instanceof ShapeError &&
        e.message.includes("Linear(3 → 2)") &&
        e.message.includes("[4, 5]") &&
        e.message.includes("[2, 3]"),
    );
    assert.throws(() => layer.forward(tensor(1)), ShapeError);
  });

  test("typeName, config, dtype", () => {
    const layer = new Linear(4, 2, { bias: false, dtype: "float64" });
    assert.equal(layer.typeName, "Linear");
    assert.deepEqual(layer.config(), { inFeatures: 4, outFeatures: 2, bias: false });
    assert.equal(layer.weight.dtype, "float64");
    assert.deepEqual(layer.weight.shape, [2, 4]);
    assert.ok(layer.weight.requiresGrad);
  });
});

describe("Linear default initialisation", () => {
  test("W and b ~ U(−1/√in, 1/√in)", () => {
    const layer = new Linear(1000, 100, { generator: new Random(1) });
    const bound = 1 / Math.sqrt(1000);
    const w = Array.from(layer.weight.data);
    assert.ok(Math.max(...w.map(Math.abs)) <= bound);
    assert.ok(Math.max(...w) > 0.99 * bound && Math.min(...w) < -0.99 * bound);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    assert.ok(Math.abs(std / (bound / Math.sqrt(3)) - 1) < 0.02, `std ${std}`);
    const bias = Array.from(layer.bias!.data);
    assert.ok(bias.every((v) => Math.abs(v) <= bound));
    assert.ok(new Set(bias).size === 100, "bias values are random, not constant");
  });

  test("seeded generator → identical layers", () => {
    const a = new Linear(5, 3, { generator: new Random(4) });
    const b = new Linear(5, 3, { generator: new Random(4) });
    assert.deepEqual(Array.from(a.weight.data), Array.from(b.weight.data));
    assert.deepEqual(Array.from(a.bias!.data), Array.from(b.bias!.data));
  });
});

describe("Linear gradients", () => {
  const g = new Random(11);
  const x = randn([4, 3], { ...f64, generator: g });
  const W = randn([2, 3], { ...f64, generator: g });
  const b = randn([2], { ...f64, generator: g });

  test("gradcheck w.r.t. x, W, b (with bias)", () => {
    const r = gradcheck((xi, Wi, bi) => linearWith(Wi, bi).forward(xi), [x, W, b]);
    assert.ok(r.ok, JSON.stringify(r.worst));
    assert.equal(r.checked, 12 + 6 + 2);
  });

  test("gradcheck w.r.t. x, W (without bias) and for a [in] input", () => {
    const r = gradcheck((xi, Wi) => linearWith(Wi, null).forward(xi), [x, W]);
    assert.ok(r.ok, JSON.stringify(r.worst));
    const r1 = gradcheck(
      (xi, Wi, bi) => linearWith(Wi, bi).forward(xi),
      [tensor([0.3, -1.2, 2], f64), W, b],
    );
    assert.ok(r1.ok, JSON.stringify(r1.worst));
  });

  test("autograd dW = dYᵀ·x, db = Σ_n dY, dx = dY·W (closed form)", () => {
    const xg = x.clone();
    xg.requiresGrad = true;
    const layer = linearWith(W.clone(), b.clone());
    layer.weight.requiresGrad = true;
    layer.bias!.requiresGrad = true;
    const dY = randn([4, 2], { ...f64, generator: new Random(12) });
    layer.forward(xg).backward(dY);
    const [N, D, H] = [4, 3, 2];
    const dW = new Float64Array(H * D);
    const db = new Float64Array(H);
    const dx = new Float64Array(N * D);
    for (let n = 0; n < N; n++) {
      for (let h = 0; h < H; h++) {
        db[h] += dY.data[n * H + h];
        for (let d = 0; d < D; d++) {
          dW[h * D + d] += dY.data[n * H + h] * x.data[n * D + d];
          dx[n * D + d] += dY.data[n * H + h] * W.data[h * D + d];
        }
      }
    }
    assertClose(layer.weight.grad!.data, dW, 1e-12);
    assertClose(layer.bias!.grad!.data, db, 1e-12);
    assertClose(xg.grad!.data, dx, 1e-12);
  });
});
