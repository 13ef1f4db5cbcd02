// Gradient checks for every differentiable op in op-specs.ts (float64, central differences),
// plus the tricky cases: a tensor used twice, broadcasting, and a negative control that
// proves gradcheck can fail. The worst relative error per op family is printed at the end.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck, type GradcheckReport } from "../../src/diagnostics/gradcheck.js";
import { result } from "../../src/ops/define.js";
import { unaryOp } from "../../src/ops/index.js";
import { allocStorage } from "../../src/tensor/dtype.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { DIFFERENTIABLE_OPS, sampleInputs, uniform, type OpFamily } from "./op-specs.js";
import { Random } from "../../src/tensor/random.js";

/** The bar: max |a − n| / max(|a|, |n|, 1e-8) below this for every checked element. */
const MAX_REL = 1e-6;

const worstByFamily = new Map<OpFamily | "extra", { rel: number; where: string }>();

function record(family: OpFamily | "extra", where: string, r: GradcheckReport): void {
  const prev = worstByFamily.get(family);
  if (prev === undefined || r.maxRelError > prev.rel)
    worstByFamily.set(family, { rel: r.maxRelError, where });
}

function assertPasses(r: GradcheckReport, expectedChecked: number, what: string): void {
  assert.equal(r.checked, expectedChecked, `${what}: every input element is checked`);
  assert.ok(r.ok, `${what}: gradcheck failed, worst ${JSON.stringify(r.worst)}`);
  assert.ok(
    r.maxRelError < MAX_REL,
    `${what}: maxRelError ${r.maxRelError} ≥ ${MAX_REL} (worst ${JSON.stringify(r.worst)})`,
  );
}

function f64(shape: number[], seed: number, lo = -2, hi = 2): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return new Tensor(Float64Array.from(uniform(lo, hi)(new Random(seed), n)), shape);
}

describe("gradcheck over the op table (float64)", () => {
  for (const spec of DIFFERENTIABLE_OPS) {
    describe(spec.name, () => {
      for (const sample of spec.samples) {
        test(sample.label, () => {
          const inputs = sampleInputs(spec, sample);
          const total = inputs.reduce((s, t) => s + t.size, 0);
          const r = gradcheck(sample.call, inputs, { eps: spec.eps ?? 1e-6 });
          record(spec.family, `${spec.name} (${sample.label})`, r);
          assertPasses(r, total, `${spec.name} ${sample.label}`);
        });
      }
    });
  }
});

describe("a tensor used twice gets both gradients", () => {
  const cases: [string, number[][], (...xs: Tensor[]) => Tensor][] = [
    ["x·x", [[2, 3]], (x) => x.mul(x)],
    ["x·xᵀ (matmul)", [[3, 4]], (x) => x.matmul(x.T)],
    ["x + x + x", [[4]], (x) => x.add(x).add(x)],
    ["x / (1 + x²)", [[5]], (x) => x.div(x.square().add(1))],
    ["(x·y)·x, broadcast y", [[2, 3], [3]], (x, y) => x.mul(y).mul(x)],
    ["tanh(x)·sigmoid(x) summed over rows", [[3, 4]], (x) => x.tanh().mul(x.sigmoid()).sum(0)],
    ["x.sum() · x", [[3]], (x) => x.mul(x.sum())],
  ];
  for (const [label, shapes, fn] of cases) {
    test(label, () => {
      const inputs = shapes.map((s, i) => f64(s, 10 + i));
      const r = gradcheck(fn, inputs);
      record("extra", label, r);
      assertPasses(
        r,
        inputs.reduce((s, t) => s + t.size, 0),
        label,
      );
    });
  }

  test("x·x has gradient 2x exactly (not x)", () => {
    const x = new Tensor(Float64Array.from([1.5, -2, 3]), [3], true);
    x.mul(x).sum().backward();
    assert.deepEqual(Array.from(x.grad!.data), [3, -4, 6]);
  });
});

describe("broadcasting gradients", () => {
  const cases: [string, number[], number[], (a: Tensor, b: Tensor) => Tensor][] = [
    ["[3, 1] + [4]", [3, 1], [4], (a, b) => a.add(b)],
    ["[2, 3, 4] * [4]", [2, 3, 4], [4], (a, b) => a.mul(b)],
    ["[1] − [2, 2]", [1], [2, 2], (a, b) => a.sub(b)],
  ];
  for (const [label, sa, sb, fn] of cases) {
    test(`${label} passes gradcheck`, () => {
      const inputs = [f64(sa, 20), f64(sb, 21)];
      const r = gradcheck(fn, inputs);
      record("extra", label, r);
      assertPasses(r, inputs[0].size + inputs[1].size, label);
    });
  }

  test("[3, 1] + [4]: grads are the broadcast counts (4 per row, 3 per column)", () => {
    const a = new Tensor(new Float64Array(3), [3, 1], true);
    const b = new Tensor(new Float64Array(4), [4], true);
    a.add(b).sum().backward();
    assert.deepEqual(a.grad!.shape, [3, 1]);
    assert.deepEqual(Array.from(a.grad!.data), [4, 4, 4]);
    assert.deepEqual(b.grad!.shape, [4]);
    assert.deepEqual(Array.from(b.grad!.data), [3, 3, 3, 3]);
  });

  test("[2, 3, 4] * [4]: db sums a over the two leading axes", () => {
    const aData = Float64Array.from({ length: 24 }, (_, i) => i);
    const a = new Tensor(aData, [2, 3, 4], true);
    const b = new Tensor(Float64Array.from([1, 2, 3, 4]), [4], true);
    a.mul(b).sum().backward();
    // column j of a over 6 rows: Σ_r (4r + j) = 4·15 + 6j = 60 + 6j
    assert.deepEqual(Array.from(b.grad!.data), [60, 66, 72, 78]);
    assert.deepEqual(Array.from(a.grad!.data.slice(0, 8)), [1, 2, 3, 4, 1, 2, 3, 4]);
  });

  test("[1] − [2, 2]: da = 4, db = −1 each", () => {
    const a = new Tensor(Float64Array.from([5]), [1], true);
    const b = new Tensor(Float64Array.from([1, 2, 3, 4]), [2, 2], true);
    a.sub(b).sum().backward();
    assert.deepEqual(Array.from(a.grad!.data), [4]);
    assert.deepEqual(Array.from(b.grad!.data), [-1, -1, -1, -1]);
  });
});

describe("negative controls: gradcheck catches a wrong backward", () => {
  test("unaryOp with a backward missing the factor 2 fails", () => {
    // y = x², but the rule says dx = dY·x (should be dY·2x)
    const badSquare = unaryOp(
      "badSquare",
      (v) => v * v,
      (dY, x) => dY.mul(x),
    );
    const r = gradcheck(badSquare, [f64([2, 3], 30, 0.5, 2)]);
    assert.equal(r.ok, false);
    assert.ok(r.maxRelError > 0.4, `relative error ${r.maxRelError} should be about 0.5`);
  });

  test("the same op with the right backward passes (the control is not vacuous)", () => {
    const goodSquare = unaryOp(
      "goodSquare",
      (v) => v * v,
      (dY, x) => dY.mul(x).mul(2),
    );
    assertPasses(gradcheck(goodSquare, [f64([2, 3], 30, 0.5, 2)]), 6, "goodSquare");
  });

  test("result() with a transposed gradient fails", () => {
    // y = rowSums(x) · [1, 2]ᵀ-like mixing; the backward forgets to weight by column index
    const weighted = (x: Tensor): Tensor => {
      const [n, m] = x.shape;
      const out = allocStorage("float64", n);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i] += (j + 1) * x.data[i * m + j];
      return result("weightedRowSum", out, [n], [x], (dY) => [
        dY.reshape([n, 1]).expand([n, m]), // wrong: misses the factor (j + 1)
      ]);
    };
    const r = gradcheck(weighted, [f64([3, 4], 31)]);
    assert.equal(r.ok, false);
    assert.ok(r.worst !== null && r.worst.index % 4 !== 0, "the wrong elements are j > 0");
  });

  test("a backward that returns no gradient at all fails", () => {
    const frozen = unaryOp("frozenExp", Math.exp, (dY) => dY.mul(0));
    assert.equal(gradcheck(frozen, [f64([4], 32)]).ok, false);
  });
});

test("worst maxRelError per op family stays below 1e-6", (t) => {
  assert.ok(worstByFamily.size >= 7, "the table covers every family");
  for (const [family, { rel, where }] of worstByFamily) {
    t.diagnostic(`${family}: ${rel.toExponential(2)} at ${where}`);
    assert.ok(rel < MAX_REL, `${family}: ${rel}`);
  }
});
