// Checks every claim of properties.ts numerically. Each property gets a verdict computed only
// from sampled values of the function (float64), and the verdict must equal the claim, so a
// wrong entry in the table fails. Smoothness is certified up to C² (no jump in f″ on the grid);
// C^∞ itself follows from the closed forms. Derivative grids span [−8, 8], which contains every
// kink at the default parameters (and not softplus's PyTorch threshold switch at x = 20).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Tensor } from "../tensor/tensor.js";
import * as A from "./index.js";
import type { ActivationProperties } from "./index.js";

type Fn = (xs: Float64Array) => Float64Array;

/** f evaluated elementwise in float64; softmax/logSoftmax per element: f(x) = op([x, 0])[0]. */
function evaluator(name: string): Fn {
  if (name === "softmax" || name === "logSoftmax") {
    const op = name === "softmax" ? A.softmax : A.logSoftmax;
    return (xs) => {
      const pairs = new Float64Array(2 * xs.length);
      xs.forEach((v, i) => (pairs[2 * i] = v));
      const y = op(new Tensor(pairs, [xs.length, 2]), -1).data;
      return Float64Array.from(xs, (_, i) => y[2 * i]);
    };
  }
  const f = A.get(name);
  return (xs) => f(new Tensor(Float64Array.from(xs), [xs.length])).data as Float64Array;
}

const at = (f: Fn, ...xs: number[]) => f(Float64Array.from(xs));

/** x_i = i·h for i = −n..n (integer multiples: 0 and the kinks ±1, ±3, 6 are hit exactly). */
function uniform(half: number, h: number): Float64Array {
  const n = Math.round(half / h);
  return Float64Array.from({ length: 2 * n + 1 }, (_, i) => (i - n) * h);
}

/** Dense [−10, 10] plus ±10^(1 + k/4) out to ±1e8, sorted. */
function wideGrid(): Float64Array {
  const tail: number[] = [];
  for (let k = 1; k <= 28; k++) tail.push(10 ** (1 + k / 4), -(10 ** (1 + k / 4)));
  return Float64Array.from([...uniform(10, 1e-3), ...tail]).sort();
}
const WIDE = wideGrid();

function maxAbsDiff(y: Float64Array): number {
  let m = 0;
  for (let i = 1; i < y.length; i++) m = Math.max(m, Math.abs(y[i] - y[i - 1]));
  return m;
}

/** Largest jump of the second difference quotient (f(x+h) − 2f(x) + f(x−h))/h² on [−8, 8]. */
function secondDerivativeJump(f: Fn, h: number): number {
  const y = f(uniform(8, h));
  const d2 = new Float64Array(y.length - 2);
  for (let i = 1; i < y.length - 1; i++) d2[i - 1] = (y[i + 1] - 2 * y[i] + y[i - 1]) / (h * h);
  return maxAbsDiff(d2);
}

function saturatesAt(f: Fn, sign: 1 | -1): boolean {
  const [a, b, c] = at(f, sign * 1e4, sign * 1e6, sign * 1e8);
  const d1 = Math.abs(b - a);
  const d2 = Math.abs(c - b);
  return Number.isFinite(c) && d2 <= 1e-3 * (1 + Math.abs(b)) && d2 <= d1;
}

/** Every property, decided from numbers alone. */
function verdicts(f: Fn): Omit<ActivationProperties, "range"> & { min: number; max: number } {
  // monotonic: non-decreasing on the wide grid, up to rounding
  const y = f(WIDE);
  let monotonic = true;
  for (let i = 1; i < y.length; i++)
    if (y[i] - y[i - 1] < -1e-12 * Math.max(1, Math.abs(y[i - 1]))) monotonic = false;

  // nonlinear: f(a + b) − f(0) ≠ (f(a) − f(0)) + (f(b) − f(0)) for some pair (not affine)
  const S = [-5, -2.5, -1, -0.3, 0.2, 0.7, 1.5, 4];
  const f0 = at(f, 0)[0];
  let affine = true;
  for (const a of S)
    for (const b of S) {
      const [fa, fb, fab] = at(f, a, b, a + b);
      if (Math.abs(fab - fa - fb + f0) > 1e-12 * (1 + Math.abs(fa) + Math.abs(fb))) affine = false;
    }

  // continuous: the largest step between neighbours shrinks with the spacing (a jump does not)
  const jump3 = maxAbsDiff(f(uniform(8, 1e-3)));
  const jump4 = maxAbsDiff(f(uniform(8, 1e-4)));
  const continuous = jump4 <= 0.2 * jump3;

  // differentiable: one-sided slopes agree at every sample point, kinks and 0 included
  const P = uniform(8, 0.125);
  const hd = 1e-6;
  const fm = f(P.map((p) => p - hd));
  const fp = f(P.map((p) => p + hd));
  const fc = f(P);
  let slopeGap = 0;
  for (let i = 0; i < P.length; i++)
    slopeGap = Math.max(slopeGap, Math.abs((fp[i] - fc[i]) / hd - (fc[i] - fm[i]) / hd));
  const differentiable = slopeGap <= 1e-3;

  // smooth (certified as C²): the jumps in f″ shrink with the spacing, or f″ is flat
  const j2 = secondDerivativeJump(f, 1e-2);
  const j3 = secondDerivativeJump(f, 1e-3);
  const smooth = continuous && differentiable && (j3 <= 1e-6 || j3 <= 0.3 * j2);

  // near zero: identity-like f(x) = x + o(x), and affine f(x) = f(0) + s·x + o(x) with s ≠ 0
  const relDev = (h: number) => {
    const [fp1, fm1] = at(f, h, -h);
    return Math.max(Math.abs(fp1 - h), Math.abs(fm1 + h)) / h;
  };
  const linearNearZero =
    Math.abs(f0) <= 1e-12 && relDev(1e-4) <= 1e-2 && relDev(1e-5) <= relDev(1e-4);
  const ha = 1e-5;
  const [fr, fl] = at(f, ha, -ha);
  const sR = (fr - f0) / ha;
  const sL = (f0 - fl) / ha;
  const affineNearZero = Math.abs(sR - sL) <= 1e-3 && Math.abs(sR) > 1e-3;

  const saturatesLeft = saturatesAt(f, -1);
  const saturatesRight = saturatesAt(f, 1);
  return {
    nonlinear: !affine,
    saturating: saturatesLeft && saturatesRight,
    saturatesLeft,
    saturatesRight,
    continuous,
    smooth,
    differentiable,
    monotonic,
    linearNearZero,
    affineNearZero,
    min: Math.min(...y),
    max: Math.max(...y),
  };
}

const ALL = A.names.map((n) => [n, verdicts(evaluator(n))] as const);

describe("every claimed property holds numerically", () => {
  for (const [name, v] of ALL) {
    test(name, () => {
      const { range, ...claims } = A.properties(name);
      const { min, max, ...measured } = v;
      assert.deepEqual(measured, claims, `${name}: measured ≠ claimed`);
      // range: every sampled output inside [lo, hi], and both ends approached
      const [lo, hi] = range;
      assert.ok(min >= lo - 1e-12 * Math.max(1, Math.abs(lo)), `${name}: min ${min} < ${lo}`);
      assert.ok(max <= hi + 1e-12 * Math.max(1, Math.abs(hi)), `${name}: max ${max} > ${hi}`);
      if (Number.isFinite(lo))
        assert.ok(min - lo <= 1e-6 * (1 + Math.abs(lo)), `${name}: inf ${min} ≠ ${lo}`);
      else assert.ok(min <= -1e6, `${name}: min ${min} does not go to −∞`);
      if (Number.isFinite(hi))
        assert.ok(hi - max <= 1e-6 * (1 + Math.abs(hi)), `${name}: sup ${max} ≠ ${hi}`);
      else assert.ok(max >= 1e6, `${name}: max ${max} does not go to ∞`);
    });
  }
});

test("each numerical check can say both yes and no (it discriminates)", () => {
  const fields = Object.keys(ALL[0][1]).filter(
    (k) => k !== "min" && k !== "max",
  ) as (keyof ActivationProperties)[];
  for (const k of fields) {
    const values = new Set(ALL.map(([, v]) => (v as unknown as Record<string, boolean>)[k]));
    assert.deepEqual(
      [...values].sort(),
      [false, true],
      `${k} is never ${values.has(true) ? "false" : "true"}`,
    );
  }
});

test("negative controls: wrong claims are caught", () => {
  const byName = new Map(ALL);
  const v = (n: string) => byName.get(n as (typeof A.names)[number])!;
  // the article's usual slips, each must disagree with the numbers
  assert.equal(v("relu").differentiable, false); // "ReLU is differentiable"
  assert.equal(v("softsign").smooth, false); // f″ jumps at 0
  assert.equal(v("elu").smooth, false); // C¹ but not C²
  assert.equal(v("elu").differentiable, true); // α = 1: slopes 1 and 1 at 0
  assert.equal(v("sigmoid").linearNearZero, false); // f(0) = ½
  assert.equal(v("sigmoid").affineNearZero, true); // ½ + x/4
  assert.equal(v("gelu").monotonic, false); // dips to −0.17
  assert.equal(v("step").continuous, false);
  assert.equal(v("relu").saturating, false);
  assert.equal(v("relu").saturatesLeft, true);
  // a table with one entry swapped (relu's claims for softplus) fails the comparison
  const { range: _r, ...reluClaims } = A.properties("relu");
  const { min: _m, max: _M, ...softplusMeasured } = v("softplus");
  assert.notDeepEqual(softplusMeasured, reluClaims);
  // a wrong range fails the tightness check: sigmoid's sup is 1, not 2
  assert.ok(2 - v("sigmoid").max > 1e-6);
});

test("properties(): aliases, fresh objects, unknown names", () => {
  assert.deepEqual(A.properties("swish"), A.properties("silu"));
  assert.deepEqual(A.properties("identity"), A.properties("linear"));
  const p = A.properties("tanh");
  p.monotonic = false;
  assert.equal(A.properties("tanh").monotonic, true);
  assert.throws(() => A.properties("relu7"), /unknown activation "relu7"/);
  assert.equal(A.names.length, 21);
});
