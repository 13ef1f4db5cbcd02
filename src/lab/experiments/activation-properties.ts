// The article's six properties of an activation, decided from sampled values alone (float64):
// non-linear, saturating, continuous, smooth, differentiable, monotonic, linear near zero. The
// activations lab compares these verdicts with the property data in src/activations.
import { descriptorOf } from "../../activations/registry.js";
import { logSoftmax, softmax } from "../../activations/softmax.js";
import { Tensor } from "../../tensor/tensor.js";

type Fn = (xs: Float64Array) => Float64Array;

export interface MeasuredProperties {
  nonlinear: boolean;
  saturating: boolean;
  continuous: boolean;
  smooth: boolean;
  differentiable: boolean;
  monotonic: boolean;
  linearNearZero: boolean;
}

export const PROPERTY_NAMES = [
  "nonlinear",
  "saturating",
  "continuous",
  "smooth",
  "differentiable",
  "monotonic",
  "linearNearZero",
] as const satisfies readonly (keyof MeasuredProperties)[];

/** f elementwise in float64; softmax/logSoftmax per element with one other logit at 0. */
export function evaluator(name: string): Fn {
  if (name === "softmax" || name === "logSoftmax") {
    const op = name === "softmax" ? softmax : logSoftmax;
    return (xs) => {
      const pairs = new Float64Array(2 * xs.length);
      xs.forEach((v, i) => (pairs[2 * i] = v));
      const y = op(new Tensor(pairs, [xs.length, 2]), -1).data;
      return Float64Array.from(xs, (_, i) => y[2 * i]);
    };
  }
  const f = descriptorOf(name).fn;
  return (xs) => Float64Array.from(f(new Tensor(Float64Array.from(xs), [xs.length])).data);
}

const at = (f: Fn, ...xs: number[]) => f(Float64Array.from(xs));

/** x_i = i·h for i = −n..n (the kinks at 0, ±1, ±3, 6 are hit exactly). */
function grid(half: number, h: number): Float64Array {
  const n = Math.round(half / h);
  return Float64Array.from({ length: 2 * n + 1 }, (_, i) => (i - n) * h);
}

function maxStep(y: Float64Array): number {
  let m = 0;
  for (let i = 1; i < y.length; i++) m = Math.max(m, Math.abs(y[i] - y[i - 1]));
  return m;
}

/** Largest jump of the second difference quotient on [−8, 8] (a jump in f″ does not shrink). */
function secondDerivativeJump(f: Fn, h: number): number {
  const y = f(grid(8, h));
  const d2 = new Float64Array(y.length - 2);
  for (let i = 1; i < y.length - 1; i++) d2[i - 1] = (y[i + 1] - 2 * y[i] + y[i - 1]) / (h * h);
  return maxStep(d2);
}

/** f tends to a finite limit towards sign·∞ (differences shrink between 1e4, 1e6, 1e8). */
function saturatesAt(f: Fn, sign: 1 | -1): boolean {
  const [a, b, c] = at(f, sign * 1e4, sign * 1e6, sign * 1e8);
  const d1 = Math.abs(b - a);
  const d2 = Math.abs(c - b);
  return Number.isFinite(c) && d2 <= 1e-3 * (1 + Math.abs(b)) && d2 <= d1;
}

function isAffine(f: Fn): boolean {
  const S = [-5, -2.5, -1, -0.3, 0.2, 0.7, 1.5, 4];
  const f0 = at(f, 0)[0];
  for (const a of S)
    for (const b of S) {
      const [fa, fb, fab] = at(f, a, b, a + b);
      if (Math.abs(fab - fa - fb + f0) > 1e-12 * (1 + Math.abs(fa) + Math.abs(fb))) return false;
    }
  return true;
}

function isMonotonic(f: Fn): boolean {
  const xs = grid(50, 1e-2);
  const y = f(xs);
  for (let i = 1; i < y.length; i++)
    if (y[i] - y[i - 1] < -1e-12 * Math.max(1, Math.abs(y[i - 1]))) return false;
  return true;
}

/** The largest gap between left and right slopes (h = 1e-6) on a grid over [−8, 8]. */
function slopeGap(f: Fn): number {
  const P = grid(8, 0.125);
  const h = 1e-6;
  const fm = f(P.map((p) => p - h));
  const fp = f(P.map((p) => p + h));
  const fc = f(P);
  let gap = 0;
  for (let i = 0; i < P.length; i++)
    gap = Math.max(gap, Math.abs((fp[i] - fc[i]) / h - (fc[i] - fm[i]) / h));
  return gap;
}

/** Identity-like at 0: f(0) = 0 and |f(±h) ∓ h|/h small and shrinking with h. */
function isLinearNearZero(f: Fn): boolean {
  const relDev = (h: number) => {
    const [fp, fm] = at(f, h, -h);
    return Math.max(Math.abs(fp - h), Math.abs(fm + h)) / h;
  };
  return Math.abs(at(f, 0)[0]) <= 1e-12 && relDev(1e-4) <= 1e-2 && relDev(1e-5) <= relDev(1e-4);
}

/** Every property of activation `name`, decided from numbers alone. */
export function measureProperties(name: string): MeasuredProperties {
  const f = evaluator(name);
  const continuous = maxStep(f(grid(8, 1e-4))) <= 0.2 * maxStep(f(grid(8, 1e-3)));
  const differentiable = slopeGap(f) <= 1e-3;
  const j2 = secondDerivativeJump(f, 1e-2);
  const j3 = secondDerivativeJump(f, 1e-3);
  return {
    nonlinear: !isAffine(f),
    saturating: saturatesAt(f, -1) && saturatesAt(f, 1),
    continuous,
    smooth: continuous && differentiable && (j3 <= 1e-6 || j3 <= 0.3 * j2),
    differentiable,
    monotonic: isMonotonic(f),
    linearNearZero: isLinearNearZero(f),
  };
}
