// Gradient check (float64 central differences) of every loss under every reduction, with
// respect to each differentiable input. Samples are random (fixed seed) and stay off the kinks.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../../src/diagnostics/gradcheck.js";
import { rand, randn, tensor } from "../../src/tensor/create.js";
import { Random } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import * as losses from "../../src/losses/index.js";

const f64 = { dtype: "float64" as const };
const g = new Random(2024);
const normal = (shape: number[], std = 1) => randn(shape, { ...f64, generator: g, std });
const uniform = (shape: number[], low: number, high: number) =>
  rand(shape, { ...f64, generator: g, low, high });
const signs = (n: number) =>
  tensor(
    Array.from({ length: n }, (_, i) => (i % 3 === 1 ? -1 : 1)),
    f64,
  );
const softmaxRows = (x: Tensor) => x.sub(x.logSumExp(1, true)).exp();

type Reduce = "mean" | "sum" | "none";
interface Spec {
  name: string;
  /** The differentiable inputs (float64). */
  inputs: Tensor[];
  call: (xs: Tensor[], reduction: string) => Tensor;
  reductions?: string[];
}

const BASE: Reduce[] = ["mean", "sum", "none"];
const w4 = [0.5, 1.5, 2, 0.75];

const specs: Spec[] = [];
// Fixed targets are created once, outside `call`, so every evaluation sees the same ones.
function spec(
  name: string,
  inputs: Tensor[],
  call: Spec["call"],
  reductions: string[] = BASE,
): void {
  specs.push({ name, inputs, call, reductions });
}

const yReg = normal([3, 4]);
spec("mse", [normal([3, 4])], ([x], r) => losses.mse(x, yReg, { reduction: r as Reduce }));
spec("l1", [normal([3, 4])], ([x], r) => losses.l1(x, yReg, { reduction: r as Reduce }));
spec("smoothL1", [normal([3, 4], 1.5)], ([x], r) =>
  losses.smoothL1(x, yReg, { reduction: r as Reduce }),
);
spec("smoothL1 beta 0.5", [normal([3, 4], 1.5)], ([x], r) =>
  losses.smoothL1(x, yReg, { beta: 0.5, reduction: r as Reduce }),
);
spec("smoothL1 beta 0", [normal([3, 4])], ([x], r) =>
  losses.smoothL1(x, yReg, { beta: 0, reduction: r as Reduce }),
);
spec("huber", [normal([3, 4], 1.5)], ([x], r) => losses.huber(x, yReg, { reduction: r as Reduce }));
spec("huber delta 0.5", [normal([3, 4], 1.5)], ([x], r) =>
  losses.huber(x, yReg, { delta: 0.5, reduction: r as Reduce }),
);

const labels5 = [0, 3, -100, 1, 2];
spec("crossEntropy indices", [normal([5, 4], 2)], ([x], r) =>
  losses.crossEntropy(x, [0, 3, 3, 1, 2], { reduction: r as Reduce }),
);
spec("crossEntropy weight + ignoreIndex", [normal([5, 4], 2)], ([x], r) =>
  losses.crossEntropy(x, labels5, { weight: w4, reduction: r as Reduce }),
);
spec("crossEntropy labelSmoothing + weight + ignoreIndex", [normal([5, 4], 2)], ([x], r) =>
  losses.crossEntropy(x, labels5, { weight: w4, labelSmoothing: 0.2, reduction: r as Reduce }),
);
spec("crossEntropy [C]", [normal([4])], ([x], r) =>
  losses.crossEntropy(x, 2, { reduction: r as Reduce }),
);
spec("crossEntropy [N, C, d]", [normal([2, 3, 2])], ([x], r) =>
  losses.crossEntropy(
    x,
    tensor([
      [0, 2],
      [1, 1],
    ]),
    { weight: [1, 2, 0.5], reduction: r as Reduce },
  ),
);
spec(
  "crossEntropy probabilities (input and target)",
  [normal([3, 4]), softmaxRows(normal([3, 4]))],
  ([x, t], r) =>
    losses.crossEntropy(x, t, { weight: w4, labelSmoothing: 0.1, reduction: r as Reduce }),
);
spec("nll weight + ignoreIndex", [normal([5, 4])], ([x], r) =>
  losses.nll(x, labels5, { weight: w4, reduction: r as Reduce }),
);
spec("nll [C]", [normal([4])], ([x], r) => losses.nll(x, 1, { reduction: r as Reduce }));

const z34 = tensor(
  [
    [0, 1, 1, 0],
    [1, 0, 0.3, 1],
    [0.5, 0, 1, 0.9],
  ],
  f64,
);
spec("bce (input and target)", [uniform([3, 4], 0.1, 0.9), uniform([3, 4], 0, 1)], ([p, t], r) =>
  losses.bce(p, t, { reduction: r as Reduce }),
);
spec("bce weight", [uniform([3, 4], 0.1, 0.9)], ([p], r) =>
  losses.bce(p, z34, { weight: w4, reduction: r as Reduce }),
);
spec("bceWithLogits (input and target)", [normal([3, 4], 3), uniform([3, 4], 0, 1)], ([x, t], r) =>
  losses.bceWithLogits(x, t, { reduction: r as Reduce }),
);
spec("bceWithLogits weight + posWeight", [normal([3, 4], 3)], ([x], r) =>
  losses.bceWithLogits(x, z34, {
    weight: [[2], [1], [0.5]],
    posWeight: w4,
    reduction: r as Reduce,
  }),
);

const y12 = signs(12).reshape([3, 4]);
spec("margin", [normal([3, 4], 2)], ([x], r) => losses.margin(x, y12, { reduction: r as Reduce }));
spec("margin 0.5", [normal([3, 4], 2)], ([x], r) =>
  losses.margin(x, y12, { margin: 0.5, reduction: r as Reduce }),
);
spec("multiMargin p=1", [normal([4, 5])], ([x], r) =>
  losses.multiMargin(x, [0, 4, 2, 2], { reduction: r as Reduce }),
);
spec("multiMargin p=2 weight margin", [normal([4, 5])], ([x], r) =>
  losses.multiMargin(x, [0, 4, 2, 2], {
    p: 2,
    margin: 1.5,
    weight: [1, 2, 3, 0.5, 1],
    reduction: r as Reduce,
  }),
);
spec("multiMargin [C]", [normal([5])], ([x], r) =>
  losses.multiMargin(x, 3, { reduction: r as Reduce }),
);
spec("multilabelMargin", [normal([3, 4])], ([x], r) =>
  losses.multilabelMargin(
    x,
    tensor([
      [3, 0, -1, 1],
      [1, -1, 0, 0],
      [0, 1, 2, 3],
    ]),
    { reduction: r as Reduce },
  ),
);
spec("softMargin", [normal([3, 4], 3)], ([x], r) =>
  losses.softMargin(x, y12, { reduction: r as Reduce }),
);

const y5 = signs(5);
spec("l1HingeEmbedding", [normal([5, 3]), normal([5, 3])], ([a, b], r) =>
  losses.l1HingeEmbedding(a, b, y5, { margin: 3, reduction: r as Reduce }),
);
spec("hingeEmbedding", [uniform([3, 4], 0, 2.5)], ([x], r) =>
  losses.hingeEmbedding(x, y12, { reduction: r as Reduce }),
);
spec("cosineEmbedding", [normal([5, 3]), normal([5, 3])], ([a, b], r) =>
  losses.cosineEmbedding(a, b, y5, { margin: -0.5, reduction: r as Reduce }),
);
spec("marginRanking", [normal([6]), normal([6])], ([a, b], r) =>
  losses.marginRanking(a, b, signs(6), { margin: 0.5, reduction: r as Reduce }),
);
for (const opts of [{}, { p: 1 }, { p: 3, margin: 2 }, { swap: true, margin: 3 }]) {
  spec(
    `tripletMargin ${JSON.stringify(opts)}`,
    [normal([4, 3]), normal([4, 3]), normal([4, 3])],
    ([a, p, n], r) => losses.tripletMargin(a, p, n, { ...opts, reduction: r as Reduce }),
  );
}
const counts = tensor(
  [
    [0, 1, 3],
    [2, 0, 5],
    [1, 4, 2],
  ],
  f64,
);
spec("poissonNll", [normal([3, 3])], ([x], r) =>
  losses.poissonNll(x, counts, { reduction: r as Reduce }),
);
spec("poissonNll full (input and target)", [normal([3, 3]), uniform([3, 3], 0.2, 6)], ([x, y], r) =>
  losses.poissonNll(x, y, { full: true, reduction: r as Reduce }),
);
spec("poissonNll rates, eps 0.1", [uniform([3, 3], 0.05, 4)], ([x], r) =>
  losses.poissonNll(x, counts, { logInput: false, eps: 0.1, reduction: r as Reduce }),
);
spec(
  "gaussianNll var per element (input, target, var)",
  [normal([3, 4]), normal([3, 4]), uniform([3, 4], 0.2, 2)],
  ([x, y, v], r) => losses.gaussianNll(x, y, v, { reduction: r as Reduce }),
);
spec(
  "gaussianNll var per row, full (input, target, var)",
  [normal([3, 4]), normal([3, 4]), uniform([3], 0.2, 2)],
  ([x, y, v], r) => losses.gaussianNll(x, y, v, { full: true, reduction: r as Reduce }),
);
spec(
  "multilabelSoftMargin (input and target)",
  [normal([3, 4], 2), uniform([3, 4], 0, 1)],
  ([x, y], r) => losses.multilabelSoftMargin(x, y, { reduction: r as Reduce }),
);
spec("multilabelSoftMargin weight [N, d, C]", [normal([2, 3, 4], 2)], ([x], r) =>
  losses.multilabelSoftMargin(x, z34.reshape([1, 3, 4]).expand([2, 3, 4]), {
    weight: w4,
    reduction: r as Reduce,
  }),
);

const KL = ["mean", "batchmean", "sum", "none"];
spec(
  "klDiv (input and target)",
  [normal([3, 4]), softmaxRows(normal([3, 4]))],
  ([x, t], r) => losses.klDiv(x, t, { reduction: r as "mean" }),
  KL,
);
spec(
  "klDiv logTarget (input and target)",
  [normal([3, 4]), normal([3, 4])],
  ([x, t], r) => losses.klDiv(x, t, { logTarget: true, reduction: r as "mean" }),
  KL,
);

describe("gradcheck of every loss × every reduction (float64)", () => {
  test("every exported loss has a gradcheck spec", () => {
    const names = Object.keys(losses).filter(
      (k) => typeof losses[k as keyof typeof losses] === "function",
    );
    for (const n of names)
      assert.ok(
        specs.some((s) => s.name.split(" ")[0] === n),
        `no spec for ${n}`,
      );
  });

  for (const s of specs) {
    for (const reduction of s.reductions ?? BASE) {
      test(`${s.name} · ${reduction}`, () => {
        const report = gradcheck((...xs) => s.call(xs, reduction), s.inputs);
        assert.ok(report.checked > 0);
        assert.ok(report.ok, `${s.name} (${reduction}): ${JSON.stringify(report.worst)}`);
      });
    }
  }

  test("negative control: a loss whose graph is cut fails gradcheck", () => {
    const report = gradcheck(
      (x) => losses.mse(x.detach().mul(1).add(x.mul(0)), yReg),
      [normal([3, 4])],
    );
    assert.equal(report.ok, false);
  });
});

/**
 * Steps other than the float32 default 5e-3, with the reason: klDiv's target term y ln y has
 * curvature 1/y, and its softmax targets go down to 0.01, where a step of 5e-3 leaves a
 * truncation error h²/(6y²) of about 4 % (a smaller step costs rounding, which gradcheck allows).
 */
const FLOAT32_STEP: Record<string, number> = { "klDiv (input and target)": 5e-4 };

describe("gradcheck of every loss in float32 mode (first reduction)", () => {
  // the float32 kernels themselves, at FLOAT32_TOLERANCES; each must use under a quarter of it
  for (const s of specs) {
    const reduction = (s.reductions ?? BASE)[0];
    test(`${s.name} · ${reduction} · float32`, () => {
      const report = gradcheck((...xs) => s.call(xs, reduction), s.inputs, {
        dtype: "float32",
        eps: FLOAT32_STEP[s.name],
      });
      assert.ok(report.ok, `${s.name}: ${JSON.stringify(report.worst)}`);
      assert.ok(report.toleranceUsed < 0.25, `${s.name}: ${report.toleranceUsed} of the tolerance`);
    });
  }
});
