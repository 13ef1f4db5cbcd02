// Forward values and gradients of every activation against PyTorch 1.13 in float64
// (test/reference/activations.json, written by scripts/gen-reference-activations.py).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Tensor } from "../tensor/tensor.js";
import { tensor } from "../tensor/create.js";
import * as A from "./index.js";

interface ElementwiseCase {
  name: string;
  params: Record<string, number | string>;
  x: number[];
  y: number[];
  grad: number[] | null;
}
interface SoftmaxCase {
  name: "softmax" | "logSoftmax";
  axis: number;
  shape: number[];
  x: number[];
  r: number[];
  y: number[];
  grad: number[];
}
interface PreluCase {
  shape: number[];
  weight: number[];
  x: number[];
  r: number[];
  y: number[];
  dx: number[];
  dWeight: number[];
}
interface Ref {
  elementwise: ElementwiseCase[];
  prelu: PreluCase[];
  softmax: SoftmaxCase[];
  geluExact: { x: number; y: number; grad: number }[];
  extrema: Record<string, { argmin: number; min: number }>;
}
const ref = JSON.parse(
  readFileSync(new URL("../../test/reference/activations.json", import.meta.url), "utf8"),
) as Ref;

/** The function under test for one fixture case, with the case's parameters. */
function fnFor(c: ElementwiseCase): (x: Tensor) => Tensor {
  const p = c.params;
  switch (c.name) {
    case "leakyRelu":
      return (x) => A.leakyRelu(x, p.negativeSlope as number | undefined);
    case "elu":
      return (x) => A.elu(x, p.alpha as number | undefined);
    case "celu":
      return (x) => A.celu(x, p.alpha as number | undefined);
    case "prelu":
      return (x) => A.prelu(x, p.weight as number | undefined);
    case "gelu":
      return (x) => A.gelu(x, p.approximate as "none" | "tanh" | undefined);
    case "softplus":
      return (x) => A.softplus(x, p.beta as number | undefined, p.threshold as number | undefined);
    case "hardTanh":
      return (x) => A.hardTanh(x, p.minVal as number | undefined, p.maxVal as number | undefined);
    default:
      return A.get(c.name);
  }
}

/**
 * Tolerances: rtol 1e-12, plus an atol (default 1e-300) where PyTorch's own formula is less
 * accurate than ours, with the reason:
 *  - elu/selu/celu: PyTorch forms exp(x) − 1 (absolute error ≈ 1e-16·α near 0; we use expm1);
 *  - gelu "none": PyTorch forms 1 + erf(x/√2), which cancels for x ≪ 0 (absolute error ≈ |x|·1e-16;
 *    we use erfc, checked separately against 40-digit values at rtol 1e-13);
 *  - gelu "tanh": 1 + tanh(u) cancels in the same way;
 *  - tanh gradient: 1 − y² from the saved output y (the op in src/ops/unary.ts, as PyTorch) cancels
 *    for |x| ≫ 1: at x = −10 both differ from the true sech² x by ≈ 1e-17 absolute (1e-8 relative);
 *  - hardSigmoid gradient: PyTorch 1.13's float64 backward uses float32(1/6) = 0.16666667163…
 *    (relative difference 3e-8); we use 1/6.
 */
function tolerance(c: ElementwiseCase, what: "y" | "grad"): { rtol: number; atol: number } {
  if (c.name === "elu" || c.name === "selu" || c.name === "celu")
    return { rtol: 1e-12, atol: 1e-15 };
  if (c.name === "gelu") return { rtol: 1e-12, atol: 2e-15 };
  if (c.name === "hardSigmoid" && what === "grad") return { rtol: 5e-8, atol: 0 };
  if (c.name === "tanh" && what === "grad") return { rtol: 1e-12, atol: 1e-16 };
  return { rtol: 1e-12, atol: 1e-300 };
}

function assertClose(
  actual: ArrayLike<number>,
  expected: number[],
  rtol: number,
  atol: number,
  label: string,
) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = a === e || Math.abs(a - e) <= atol + rtol * Math.abs(e);
    assert.ok(ok, `${label}[${i}]: got ${a}, PyTorch ${e} (diff ${a - e})`);
  }
}

describe("elementwise activations match PyTorch (float64)", () => {
  for (const c of ref.elementwise) {
    test(`${c.name} ${JSON.stringify(c.params)}`, () => {
      const x = tensor(c.x, { dtype: "float64", requiresGrad: true });
      const y = fnFor(c)(x);
      const ty = tolerance(c, "y");
      assertClose(y.data, c.y, ty.rtol, ty.atol, `${c.name} y`);
      if (c.grad === null) return;
      y.sum().backward();
      const tg = tolerance(c, "grad");
      assertClose(x.grad!.data, c.grad, tg.rtol, tg.atol, `${c.name} grad`);
    });
  }
  test("every activation name has a fixture case", () => {
    const covered = new Set(ref.elementwise.map((c) => c.name));
    for (const c of ref.softmax) covered.add(c.name);
    for (const n of A.names) assert.ok(covered.has(n), `no PyTorch reference for ${n}`);
  });
});

describe("prelu with a slope tensor (one, or one per channel of axis 1) matches PyTorch", () => {
  for (const c of ref.prelu) {
    test(`x [${c.shape.join(", ")}], weight [${c.weight.length}]`, () => {
      const x = new Tensor(Float64Array.from(c.x), c.shape, true);
      const w = new Tensor(Float64Array.from(c.weight), [c.weight.length], true);
      const y = A.prelu(x, w);
      assert.deepEqual(y.shape, c.shape);
      assertClose(y.data, c.y, 1e-12, 1e-300, "prelu y");
      y.backward(new Tensor(Float64Array.from(c.r), c.shape));
      assertClose(x.grad!.data, c.dx, 1e-12, 1e-300, "prelu dx");
      // ∂L/∂a sums over the batch (and length) axes: a few ulps of the largest term
      assertClose(w.grad!.data, c.dWeight, 1e-12, 1e-15, "prelu dWeight");
    });
  }
});

test("gelu (exact) equals 40-digit x·Φ(x) and Φ + xφ to rtol 1e-13", () => {
  const x = tensor(
    ref.geluExact.map((r) => r.x),
    { dtype: "float64", requiresGrad: true },
  );
  const y = A.gelu(x);
  y.sum().backward();
  assertClose(
    y.data,
    ref.geluExact.map((r) => r.y),
    1e-13,
    1e-300,
    "gelu y",
  );
  assertClose(
    x.grad!.data,
    ref.geluExact.map((r) => r.grad),
    1e-13,
    1e-300,
    "gelu grad",
  );
});

describe("softmax / logSoftmax match PyTorch along every axis", () => {
  for (const c of ref.softmax) {
    test(`${c.name} shape [${c.shape.join(", ")}] axis ${c.axis}`, () => {
      const x = new Tensor(Float64Array.from(c.x), c.shape, true);
      const fn = c.name === "softmax" ? A.softmax : A.logSoftmax;
      const y = fn(x, c.axis);
      assert.deepEqual(y.shape, c.shape);
      assertClose(y.data, c.y, 1e-12, 1e-300, `${c.name} y`);
      y.backward(new Tensor(Float64Array.from(c.r), c.shape));
      // gradients are sums of products; allow a few ulps of the largest term
      assertClose(x.grad!.data, c.grad, 1e-12, 1e-15, `${c.name} grad`);
    });
  }
});

test("hardSwish's range starts at its minimum f(−3/2) = −3/8, as PyTorch computes it", () => {
  const c = ref.elementwise.find((e) => e.name === "hardSwish")!;
  assert.ok(Math.min(...c.y) >= A.HARD_SWISH_MIN);
  assert.equal(A.hardSwish(tensor([-1.5], { dtype: "float64" })).item(), A.HARD_SWISH_MIN);
  assert.equal(A.properties("hardSwish").range[0], A.HARD_SWISH_MIN);
});

test("range lower bounds of gelu, silu, mish equal the 40-digit minima", () => {
  assert.equal(A.properties("gelu").range[0], ref.extrema.gelu.min);
  assert.equal(A.properties("silu").range[0], ref.extrema.silu.min);
  assert.equal(A.properties("mish").range[0], ref.extrema.mish.min);
});
