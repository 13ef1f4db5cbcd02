// gradcheck's float32 mode: it passes on correct ops run in float32 (elementwise, matmul, a
// reduction, softmax, two losses), fails on wrong derivatives (a wrong formula, a 5 % slip, a
// dropped term), keeps its error within the documented tolerances, and leaves float64 alone.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as A from "../activations/index.js";
import { activationOp } from "../activations/define.js";
import * as losses from "../losses/index.js";
import { unaryOp } from "../ops/unary.js";
import { Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { FLOAT32_TOLERANCES, gradcheck } from "./gradcheck.js";

/** float32 samples uniform in [lo, hi], shape `shape`. */
function f32(shape: number[], seed: number, lo = -2, hi = 2): Tensor {
  const rng = new Random(seed);
  const n = shape.reduce((p, d) => p * d, 1);
  return new Tensor(
    Float32Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()),
    shape,
  );
}

const BIG_TARGET = f32([1000], 16);
const big = () => f32([1000], 18, -4, 4);

const CORRECT: [string, (...xs: Tensor[]) => Tensor, Tensor[]][] = [
  ["tanh", (x) => x.tanh(), [f32([4, 5], 1)]],
  ["exp", (x) => x.exp(), [f32([4, 5], 2)]],
  ["mul (two inputs)", (a, b) => a.mul(b), [f32([3, 4], 3), f32([3, 4], 4)]],
  ["matmul", (a, b) => a.matmul(b), [f32([3, 4], 5), f32([4, 2], 6)]],
  ["div + log", (a, b) => a.div(b).log(), [f32([6], 7, 0.5, 3), f32([6], 8, 0.5, 3)]],
  ["sum over an axis", (x) => x.square().sum(1), [f32([3, 5], 9)]],
  ["softmax", (x) => A.softmax(x, -1), [f32([3, 5], 10, -3, 3)]],
  ["gelu", (x) => A.gelu(x), [f32([4, 5], 11, -3, 3)]],
  ["crossEntropy", (x) => losses.crossEntropy(x, [0, 2, 1]), [f32([3, 4], 12, -3, 3)]],
  ["mse (mean)", (x) => losses.mse(x, f32([3, 4], 13)), [f32([3, 4], 14)]],
  // large inputs: the step scales with |x| (an absolute 5e-3 would drown in rounding here)
  ["square at |x| ~ 1000", (x) => x.square(), [f32([6], 15, 500, 2000)]],
  // large outputs: L's rounding error ε·S is allowed for (S = Σ|y·r| ≈ 4e3 here)
  ["mse (sum) over 1000 elements", (x) => losses.mse(x, BIG_TARGET, { reduction: "sum" }), [big()]],
  ["Σ tanh over 2000 elements (terms cancel)", (x) => x.tanh().sum(), [f32([2000], 17, -3, 3)]],
];

describe("gradcheck float32 mode passes on correct ops", () => {
  for (const [name, fn, inputs] of CORRECT) {
    test(name, () => {
      const r = gradcheck(fn, inputs, { dtype: "float32" });
      assert.equal(
        r.checked,
        inputs.reduce((s, t) => s + t.size, 0),
      );
      assert.ok(r.ok, `${name}: ${JSON.stringify(r.worst)} maxRel ${r.maxRelError}`);
      // the measured error stays well inside the tolerance (rtol 1e-2): the margin is real
      // the measured error stays well inside the tolerance: under a quarter of it (a real margin)
      assert.ok(r.toleranceUsed < 0.25, `${name}: ${r.toleranceUsed} of the tolerance used`);
      console.log(`${name}: ${(100 * r.toleranceUsed).toFixed(1)} % of the tolerance used`);
    });
  }
});

describe("gradcheck float32 mode fails on wrong derivatives", () => {
  test("silu with σ(x) as its derivative", () => {
    const wrong = activationOp(
      "siluWrong",
      (v) => v / (1 + Math.exp(-v)),
      (v) => 1 / (1 + Math.exp(-v)),
    );
    const r = gradcheck(wrong, [f32([4, 5], 21, -3, 3)], { dtype: "float32" });
    assert.equal(r.ok, false);
  });

  test("tanh with a derivative 5 % too large", () => {
    const wrong = unaryOp(
      "tanhWrong",
      (v) => Math.tanh(v),
      (dY, x) => dY.mul(x.tanh().square().neg().add(1).mul(1.05)),
    );
    const r = gradcheck(wrong, [f32([4, 5], 22)], { dtype: "float32" });
    assert.equal(r.ok, false);
    // and the same op with the right derivative passes: the failure is the 5 %
    const right = unaryOp(
      "tanhRight",
      (v) => Math.tanh(v),
      (dY, x) => dY.mul(x.tanh().square().neg().add(1)),
    );
    assert.ok(gradcheck(right, [f32([4, 5], 22)], { dtype: "float32" }).ok);
  });

  test("a product rule missing one term", () => {
    // d(x·x)/dx = 2x; a backward that returns x (one term) must fail
    const square = unaryOp(
      "squareHalf",
      (v) => v * v,
      (dY, x) => dY.mul(x),
    );
    const r = gradcheck(square, [f32([8], 23, 0.5, 2)], { dtype: "float32" });
    assert.equal(r.ok, false);
  });
});

describe("gradcheck float32 mode: dtypes and defaults", () => {
  test("float64 inputs are checked in float32 (copied, originals untouched)", () => {
    const x64 = new Tensor(Float64Array.from([0.3, -1.2, 2.5]), [3]);
    let seen = "";
    const r = gradcheck(
      (x) => {
        seen = x.dtype;
        return x.sigmoid();
      },
      [x64],
      { dtype: "float32" },
    );
    assert.ok(r.ok);
    assert.equal(seen, "float32");
    assert.equal(x64.grad, null);
    assert.deepEqual(Array.from(x64.data), [0.3, -1.2, 2.5]);
  });

  test("the defaults are the documented float32 tolerances", () => {
    assert.deepEqual({ ...FLOAT32_TOLERANCES }, { eps: 5e-3, atol: 1e-3, rtol: 1e-2, noise: 8 });
    // without the allowance for L's rounding a large sum-reduced loss fails although it is right
    const sumLoss = (x: Tensor) => losses.mse(x, BIG_TARGET, { reduction: "sum" });
    assert.equal(gradcheck(sumLoss, [big()], { dtype: "float32", noise: 0 }).ok, false);
  });

  test("the default float64 mode still refuses float32 inputs; an unknown dtype throws", () => {
    assert.throws(() => gradcheck((x) => x.sum(), [f32([2], 1)]), /input 0 is float32/);
    assert.throws(
      () => gradcheck((x) => x.sum(), [f32([2], 1)], { dtype: "float16" as "float32" }),
      /dtype float16/,
    );
  });
});
