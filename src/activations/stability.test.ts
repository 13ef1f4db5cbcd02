// Numerical stability: finite outputs and gradients at x = ±1000 in float32 and float64,
// softmax rows summing to 1 and shift invariance, logits of ±1e4, step's zero gradient,
// and argument validation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { DType } from "../tensor/dtype.js";
import { tensor } from "../tensor/create.js";
import { IndexError, ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import * as A from "./index.js";

const EXTREMES = [-1000, -100, -20.5, 0, 20.5, 100, 1000];

describe("every activation is finite with a finite gradient at ±1000", () => {
  for (const dtype of ["float32", "float64"] as DType[]) {
    for (const name of A.names) {
      test(`${name} (${dtype})`, () => {
        const x = tensor(EXTREMES, { dtype, requiresGrad: true });
        const y = A.get(name)(name === "linear" ? x.mul(1) : x);
        assert.equal(y.dtype, dtype);
        for (const v of y.data) assert.ok(Number.isFinite(v), `${name}: output ${v}`);
        y.sum().backward();
        for (const g of x.grad!.data) assert.ok(Number.isFinite(g), `${name}: gradient ${g}`);
      });
    }
  }
});

test("limits at ±1000 are the exact asymptotes (float32 and float64)", () => {
  for (const dtype of ["float32", "float64"] as DType[]) {
    const at = (f: (x: Tensor) => Tensor, v: number) => f(tensor([v], { dtype })).item();
    assert.equal(
      at((x) => A.softplus(x), 1000),
      1000,
    );
    assert.equal(
      at((x) => A.softplus(x), -1000),
      0,
    );
    assert.equal(at(A.silu, 1000), 1000);
    assert.equal(at(A.mish, 1000), 1000);
    assert.equal(
      at((x) => A.gelu(x), 1000),
      1000,
    );
    assert.equal(
      at((x) => A.gelu(x, "tanh"), 1000),
      1000,
    );
    assert.equal(
      at((x) => A.elu(x), -1000),
      -1,
    );
    const seluMin = -A.SELU_SCALE * A.SELU_ALPHA;
    assert.equal(at(A.selu, -1000), dtype === "float32" ? Math.fround(seluMin) : seluMin);
    assert.equal(at(A.sigmoid, -1000), 0);
    assert.equal(at(A.sigmoid, 1000), 1);
    assert.equal(
      at(A.softsign, -1000),
      dtype === "float32" ? Math.fround(-1000 / 1001) : -1000 / 1001,
    );
    for (const f of [A.silu, A.mish, (x: Tensor) => A.gelu(x)])
      assert.equal(Math.abs(at(f, -1000)), 0);
  }
});

describe("softmax", () => {
  test("rows sum to 1 and are invariant to adding a constant (float64 and float32)", () => {
    for (const dtype of ["float32", "float64"] as DType[]) {
      const x = tensor(
        [
          [1, 2, 3, 4],
          [-5, 0.5, 7, -1],
          [0, 0, 0, 0],
        ],
        { dtype },
      );
      const y = A.softmax(x);
      const tol = dtype === "float32" ? 1e-6 : 1e-15;
      for (let r = 0; r < 3; r++) {
        let s = 0;
        for (let k = 0; k < 4; k++) s += y.data[r * 4 + k];
        assert.ok(Math.abs(s - 1) < tol, `row ${r} sums to ${s}`);
      }
      const shifted = A.softmax(x.add(100));
      for (let i = 0; i < 12; i++) assert.ok(Math.abs(shifted.data[i] - y.data[i]) < tol);
      // all-equal logits: exactly uniform
      for (let k = 8; k < 12; k++) assert.equal(y.data[k], 0.25);
    }
  });

  test("logits ±1e4: finite values, rows sum to 1, gradients finite and rows sum to 0", () => {
    for (const dtype of ["float32", "float64"] as DType[]) {
      const x = tensor(
        [
          [1e4, -1e4, 0],
          [-1e4, -1e4, -1e4],
        ],
        { dtype, requiresGrad: true },
      );
      const y = A.softmax(x);
      assert.deepEqual(Array.from(y.data.slice(0, 3)), [1, 0, 0]);
      for (let k = 3; k < 6; k++) assert.ok(Math.abs(y.data[k] - 1 / 3) < 1e-7);
      y.mul(
        tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          { dtype },
        ),
      )
        .sum()
        .backward();
      for (const g of x.grad!.data) assert.ok(Number.isFinite(g));
      // Σ_k dx_k = Σ_k y_k(dY_k − Σ_j dY_j y_j) = 0 for every row
      assert.ok(Math.abs(x.grad!.data[0] + x.grad!.data[1] + x.grad!.data[2]) < 1e-6);
      assert.ok(Math.abs(x.grad!.data[3] + x.grad!.data[4] + x.grad!.data[5]) < 1e-6);

      const x2 = tensor([[1e4, -1e4, 0]], { dtype, requiresGrad: true });
      const ly = A.logSoftmax(x2);
      assert.deepEqual(Array.from(ly.data), [0, -2e4, -1e4]);
      ly.sum().backward();
      // dx = dY − softmax·Σ dY = [1, 1, 1] − [1, 0, 0]·3
      assert.deepEqual(Array.from(x2.grad!.data), [-2, 1, 1]);
    }
  });

  test("an all −∞ row gives NaN (as PyTorch); one −∞ entry gives 0 / −∞ only there", () => {
    const y = A.softmax(
      tensor([
        [-Infinity, -Infinity],
        [0, -Infinity],
      ]),
    );
    assert.ok(Number.isNaN(y.data[0]) && Number.isNaN(y.data[1]));
    assert.deepEqual(Array.from(y.data.slice(2)), [1, 0]);
    const ly = A.logSoftmax(tensor([[0, -Infinity]]));
    assert.deepEqual(Array.from(ly.data), [0, -Infinity]);
  });

  test("rank 0 and a bad axis", () => {
    assert.equal(A.softmax(tensor(3)).item(), 1);
    assert.equal(A.logSoftmax(tensor(3)).item(), 0);
    assert.throws(() => A.softmax(tensor([[1, 2]]), 2), IndexError);
    assert.throws(() => A.logSoftmax(tensor([[1, 2]]), 0.5), ValueError);
  });
});

describe("step", () => {
  test("H(0) = 1, H(x<0) = 0, NaN stays NaN", () => {
    const y = A.step(tensor([-2, -1e-300, -0, 0, 1e-300, 3, NaN], { dtype: "float64" }));
    assert.deepEqual(Array.from(y.data.slice(0, 6)), [0, 0, 1, 1, 1, 1]);
    assert.ok(Number.isNaN(y.data[6]));
  });
  test("backward returns zeros (documented choice), also at 0", () => {
    const x = tensor([-1, 0, 2], { dtype: "float64", requiresGrad: true });
    const y = A.step(x);
    assert.equal(y.requiresGrad, true);
    y.mul(tensor([5, 6, 7], { dtype: "float64" }))
      .sum()
      .backward();
    assert.deepEqual(Array.from(x.grad!.data), [0, 0, 0]);
  });
});

test("argument validation names the function and the value", () => {
  const x = tensor([1, 2]);
  assert.throws(() => A.gelu(x, "erf" as "none"), /gelu: approximate/);
  assert.throws(() => A.hardTanh(x, 1, -1), /hardTanh: need finite minVal < maxVal/);
  assert.throws(() => A.softplus(x, 0), /softplus: beta must be a positive/);
  assert.throws(() => A.leakyRelu(x, NaN), /leakyRelu: negativeSlope/);
  assert.throws(() => A.elu(x, Infinity), /elu: alpha/);
  assert.throws(() => A.get("sigmoidal"), /unknown activation "sigmoidal"/);
  assert.equal(A.get("swish"), A.silu);
  assert.equal(A.get("identity"), A.linear);
});

test("linear returns its input unchanged (same tensor)", () => {
  const x = tensor([1, -2]);
  assert.equal(A.linear(x), x);
  assert.equal(A.identity, A.linear);
});

test("float32 forward matches float64 to float32 rounding on ordinary inputs", () => {
  const xs = [-7, -3.3, -1, -0.4, 0.1, 0.9, 2.2, 5.5];
  for (const name of A.names) {
    const f = A.get(name);
    const y32 = f(tensor(xs, { dtype: "float32" })).data;
    const y64 = f(tensor(xs.map(Math.fround), { dtype: "float64" })).data;
    for (let i = 0; i < xs.length; i++)
      assert.ok(Math.abs(y32[i] - y64[i]) <= 1e-5 + 1.3e-6 * Math.abs(y64[i]), `${name}[${i}]`);
  }
});
