// Gradient checks (central differences, float64) for every activation, away from kinks, and
// for softmax/logSoftmax along each axis. A negative control shows the check can fail.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { activationOp } from "./define.js";
import * as A from "./index.js";

/** Breakpoints (kinks and jumps) of the piecewise activations at their tested parameters. */
const KINKS = [0, -3, 3, 6, -1, 1, -2];

/** n float64 samples in [−lo, hi], each at least 0.05 from every kink. */
function samples(n: number, seed: number, spread = 4): Tensor {
  const rng = new Random(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    do v = (rng.uniform() * 2 - 1) * spread;
    while (KINKS.some((k) => Math.abs(v - k) < 0.05));
    out[i] = v;
  }
  return new Tensor(out, [n / 4, 4]);
}

const CASES: [string, (x: Tensor) => Tensor][] = [
  ["sigmoid", A.sigmoid],
  ["tanh", A.tanh],
  ["relu", A.relu],
  ["leakyRelu", (x) => A.leakyRelu(x)],
  ["leakyRelu(0.2)", (x) => A.leakyRelu(x, 0.2)],
  ["elu", (x) => A.elu(x)],
  ["elu(0.5)", (x) => A.elu(x, 0.5)],
  ["selu", A.selu],
  ["gelu", (x) => A.gelu(x)],
  ["gelu(tanh)", (x) => A.gelu(x, "tanh")],
  ["softplus", (x) => A.softplus(x)],
  ["softplus(β=2, threshold=3)", (x) => A.softplus(x, 2, 3)],
  ["softsign", A.softsign],
  ["silu", A.silu],
  ["mish", A.mish],
  ["hardSigmoid", A.hardSigmoid],
  ["hardTanh", (x) => A.hardTanh(x)],
  ["hardTanh(−2, 3)", (x) => A.hardTanh(x, -2, 3)],
  ["relu6", A.relu6],
  ["step", A.step],
  ["linear", (x) => A.linear(x).mul(1)], // mul(1): gradcheck needs a graph node
  ["hardSwish", A.hardSwish],
  ["celu", (x) => A.celu(x)],
  ["celu(0.5)", (x) => A.celu(x, 0.5)],
  ["celu(−1.5)", (x) => A.celu(x, -1.5)],
  ["prelu", (x) => A.prelu(x)],
  ["prelu(−0.3)", (x) => A.prelu(x, -0.3)],
];

describe("gradcheck, float64, every elementwise activation", () => {
  for (const [name, fn] of CASES) {
    test(name, () => {
      // spread 7 reaches both flat parts of relu6 and the hard functions
      const r = gradcheck(fn, [samples(40, name.length, 7)], { atol: 1e-6, rtol: 1e-5 });
      assert.ok(r.ok, `${name}: ${JSON.stringify(r.worst)} maxAbs ${r.maxAbsError}`);
      assert.equal(r.checked, 40);
    });
  }
  test("every activation name is gradchecked", () => {
    const checked = new Set(CASES.map(([n]) => n.replace(/\(.*$/, "")));
    for (const n of A.names) {
      if (n === "softmax" || n === "logSoftmax") continue; // below
      assert.ok(checked.has(n), n);
    }
  });
});

describe("gradcheck, float32 mode, every elementwise activation", () => {
  // the float32 kernels at FLOAT32_TOLERANCES (step 5e-3·max(1, |x|), samples ≥ 0.05 from kinks)
  for (const [name, fn] of CASES) {
    test(name, () => {
      const r = gradcheck(fn, [samples(40, name.length, 7)], { dtype: "float32" });
      assert.ok(r.ok, `${name}: ${JSON.stringify(r.worst)}`);
      assert.ok(r.toleranceUsed < 0.25, `${name}: ${r.toleranceUsed} of the tolerance used`);
    });
  }
});

describe("gradcheck, prelu with a learnt slope tensor (x and weight)", () => {
  const rng = new Random(11);
  const awayFromZero = (n: number) =>
    Float64Array.from({ length: n }, () => {
      const v = rng.normal() * 2;
      return Math.abs(v) < 0.05 ? v + 0.1 : v;
    });
  const cases: [string, number[], number][] = [
    ["x [6], one slope", [6], 1],
    ["x [4, 3], one slope", [4, 3], 1],
    ["x [4, 3], slope per channel", [4, 3], 3],
    ["x [2, 3, 4], slope per channel", [2, 3, 4], 3],
  ];
  for (const [name, shape, C] of cases) {
    test(name, () => {
      const x = new Tensor(awayFromZero(shape.reduce((p, d) => p * d, 1)), shape);
      const w = new Tensor(
        Float64Array.from({ length: C }, () => rng.uniform() - 0.2),
        [C],
      );
      const r = gradcheck((t, a) => A.prelu(t, a), [x, w], { atol: 1e-7, rtol: 1e-6 });
      assert.ok(r.ok, `${name}: ${JSON.stringify(r.worst)}`);
      const r32 = gradcheck((t, a) => A.prelu(t, a), [x, w], { dtype: "float32" });
      assert.ok(r32.ok && r32.toleranceUsed < 0.25, `${name} float32: ${r32.toleranceUsed}`);
    });
  }
});

describe("gradcheck, softmax and logSoftmax along each axis of [2, 3, 4]", () => {
  const rng = new Random(7);
  const x = new Tensor(
    Float64Array.from({ length: 24 }, () => rng.normal() * 3),
    [2, 3, 4],
  );
  for (const axis of [0, 1, 2, -1, -3]) {
    test(`softmax axis ${axis}`, () => {
      const r = gradcheck((t) => A.softmax(t, axis), [x], { atol: 1e-7, rtol: 1e-5 });
      assert.ok(r.ok, JSON.stringify(r.worst));
    });
    test(`logSoftmax axis ${axis}`, () => {
      const r = gradcheck((t) => A.logSoftmax(t, axis), [x], { atol: 1e-7, rtol: 1e-5 });
      assert.ok(r.ok, JSON.stringify(r.worst));
    });
  }
});

test("negative control: a wrong derivative (silu with σ(x) as f′) fails gradcheck", () => {
  const wrong = activationOp(
    "siluWrong",
    (v) => v / (1 + Math.exp(-v)),
    (v) => 1 / (1 + Math.exp(-v)),
  );
  const r = gradcheck(wrong, [samples(20, 3)]);
  assert.equal(r.ok, false);
});
