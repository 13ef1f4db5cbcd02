// Each optimizer's trajectory against an independent plain-number implementation written in this
// file from the published update rule (not calling src/optim), over 6 steps in float64, to 1e-12.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import { create } from "./create.js";

// L(θ) = Σ ½aᵢ(θᵢ − cᵢ)² + ¼θᵢ⁴  →  gᵢ = aᵢ(θᵢ − cᵢ) + θᵢ³
const A = [1.0, 2.0, 0.5, 3.0, 1.5, 0.8, 2.5];
const C = [0.3, -0.2, 1.0, -1.0, 0.5, 2.0, -0.4];
const THETA0 = [0.5, -1.5, 2.0, 0.25, -0.75, 1.25, 3.0];
const grad = (th: number[]) => th.map((t, i) => A[i] * (t - C[i]) + t ** 3);
const STEPS = 6;

function runOurs(name: string, options: Record<string, unknown>): number[][] {
  const p0 = tensor([THETA0.slice(0, 2), THETA0.slice(2, 4)], {
    dtype: "float64",
    requiresGrad: true,
  });
  const p1 = tensor(THETA0.slice(4), { dtype: "float64", requiresGrad: true });
  const opt = create(name, [p0, p1], options);
  const out: number[][] = [];
  for (let s = 0; s < STEPS; s++) {
    const th = [...p0.data, ...p1.data];
    const g = grad(th);
    p0.grad = new Tensor(Float64Array.from(g.slice(0, 4)), [2, 2]);
    p1.grad = new Tensor(Float64Array.from(g.slice(4)), [3]);
    opt.step();
    out.push([...p0.data, ...p1.data]);
  }
  return out;
}

/** Runs `rule` once per step with the per-element state kept in `st` (arrays of numbers). */
function runHand(rule: (th: number[], g: number[], t: number) => number[]): number[][] {
  let th = THETA0.slice();
  const out: number[][] = [];
  for (let t = 1; t <= STEPS; t++) {
    th = rule(th, grad(th), t);
    out.push(th.slice());
  }
  return out;
}

const zeros = () => THETA0.map(() => 0);

function assertClose(actual: number[][], expected: number[][], tol: number, label: string) {
  assert.equal(actual.length, expected.length);
  for (let s = 0; s < expected.length; s++) {
    for (let i = 0; i < expected[s].length; i++) {
      const d = Math.abs(actual[s][i] - expected[s][i]);
      assert.ok(
        d <= tol,
        `${label}: step ${s + 1}, θ[${i}] = ${actual[s][i]} vs ${expected[s][i]} (|Δ| = ${d})`,
      );
    }
  }
}

// ---- hand-written update rules, straight from the formulas ----------------------------------

function sgdHand(
  lr: number,
  mu: number,
  tau: number,
  nesterov: boolean,
  wd: number,
  maximize: boolean,
) {
  const b = zeros();
  return runHand((th, g0, t) =>
    th.map((x, i) => {
      let g = (maximize ? -g0[i] : g0[i]) + wd * x;
      if (mu !== 0) {
        b[i] = t === 1 ? g : mu * b[i] + (1 - tau) * g;
        g = nesterov ? g + mu * b[i] : b[i];
      }
      return x - lr * g;
    }),
  );
}

function adamHand(
  lr: number,
  b1: number,
  b2: number,
  eps: number,
  wd: number,
  amsgrad: boolean,
  decoupled: boolean,
  maximize = false,
) {
  const m = zeros(),
    v = zeros(),
    vMax = zeros();
  return runHand((th, g0, t) =>
    th.map((x0, i) => {
      let x = x0;
      let g = maximize ? -g0[i] : g0[i];
      if (decoupled) x = x * (1 - lr * wd);
      else g = g + wd * x;
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      vMax[i] = Math.max(vMax[i], v[i]);
      const mHat = m[i] / (1 - Math.pow(b1, t));
      const vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.pow(b2, t));
      return x - (lr * mHat) / (Math.sqrt(vHat) + eps);
    }),
  );
}

function rmspropHand(
  lr: number,
  alpha: number,
  eps: number,
  wd: number,
  mu: number,
  centered: boolean,
) {
  const v = zeros(),
    gAvg = zeros(),
    b = zeros();
  return runHand((th, g0) =>
    th.map((x, i) => {
      const g = g0[i] + wd * x;
      v[i] = alpha * v[i] + (1 - alpha) * g * g;
      gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
      const variance = centered ? v[i] - gAvg[i] ** 2 : v[i];
      const step = g / (Math.sqrt(variance) + eps);
      if (mu > 0) {
        b[i] = mu * b[i] + step;
        return x - lr * b[i];
      }
      return x - lr * step;
    }),
  );
}

function adagradHand(lr: number, lrDecay: number, wd: number, init: number, eps: number) {
  const G = THETA0.map(() => init);
  return runHand((th, g0, t) =>
    th.map((x, i) => {
      const g = g0[i] + wd * x;
      G[i] += g * g;
      return x - (lr / (1 + (t - 1) * lrDecay)) * (g / (Math.sqrt(G[i]) + eps));
    }),
  );
}

function adadeltaHand(lr: number, rho: number, eps: number, wd: number) {
  const Eg2 = zeros(),
    Edx2 = zeros();
  return runHand((th, g0) =>
    th.map((x, i) => {
      const g = g0[i] + wd * x;
      Eg2[i] = rho * Eg2[i] + (1 - rho) * g * g;
      const dx = -(Math.sqrt(Edx2[i] + eps) / Math.sqrt(Eg2[i] + eps)) * g; // RMS[Δx]/RMS[g]·g
      Edx2[i] = rho * Edx2[i] + (1 - rho) * dx * dx;
      return x + lr * dx;
    }),
  );
}

function adamaxHand(lr: number, b1: number, b2: number, eps: number, wd: number) {
  const m = zeros(),
    u = zeros();
  return runHand((th, g0, t) =>
    th.map((x, i) => {
      const g = g0[i] + wd * x;
      m[i] = b1 * m[i] + (1 - b1) * g;
      u[i] = Math.max(b2 * u[i], Math.abs(g) + eps);
      return x - (lr / (1 - b1 ** t)) * (m[i] / u[i]);
    }),
  );
}

function nadamHand(lr: number, b1: number, b2: number, eps: number, wd: number, psi: number) {
  const m = zeros(),
    v = zeros();
  const mus = (t: number) => b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
  const prod = (t: number) => {
    let p = 1;
    for (let i = 1; i <= t; i++) p *= mus(i);
    return p;
  };
  return runHand((th, g0, t) =>
    th.map((x, i) => {
      const g = g0[i] + wd * x;
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const vHat = v[i] / (1 - b2 ** t);
      const mHatBar = (mus(t + 1) * m[i]) / (1 - prod(t + 1)) + ((1 - mus(t)) * g) / (1 - prod(t));
      return x - (lr * mHatBar) / (Math.sqrt(vHat) + eps);
    }),
  );
}

function radamHand(lr: number, b1: number, b2: number, eps: number, wd: number) {
  const m = zeros(),
    v = zeros();
  const rhoInf = 2 / (1 - b2) - 1;
  return runHand((th, g0, t) =>
    th.map((x, i) => {
      const g = g0[i] + wd * x;
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const mHat = m[i] / (1 - b1 ** t);
      const rhoT = rhoInf - (2 * t * b2 ** t) / (1 - b2 ** t);
      if (rhoT <= 5) return x - lr * mHat;
      const l = Math.sqrt(1 - b2 ** t) / (Math.sqrt(v[i]) + eps);
      const r = Math.sqrt(
        ((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT),
      );
      return x - lr * mHat * r * l;
    }),
  );
}

// ---- the cases -------------------------------------------------------------------------------

const CASES: [string, Record<string, unknown>, () => number[][]][] = [
  ["sgd", { lr: 0.05 }, () => sgdHand(0.05, 0, 0, false, 0, false)],
  ["sgd", {}, () => sgdHand(1e-3, 0, 0, false, 0, false)],
  [
    "sgd",
    { lr: 0.05, momentum: 0.9, dampening: 0.2, weightDecay: 0.01 },
    () => sgdHand(0.05, 0.9, 0.2, false, 0.01, false),
  ],
  ["sgd", { lr: 0.05, momentum: 0.8, nesterov: true }, () => sgdHand(0.05, 0.8, 0, true, 0, false)],
  [
    "sgd",
    { lr: 0.002, momentum: 0.5, maximize: true },
    () => sgdHand(0.002, 0.5, 0, false, 0, true),
  ],
  ["adam", {}, () => adamHand(1e-3, 0.9, 0.999, 1e-8, 0, false, false)],
  [
    "adam",
    { lr: 0.05, betas: [0.8, 0.99], weightDecay: 0.1, amsgrad: true },
    () => adamHand(0.05, 0.8, 0.99, 1e-8, 0.1, true, false),
  ],
  [
    "adam",
    { lr: 0.05, eps: 1e-3, maximize: true },
    () => adamHand(0.05, 0.9, 0.999, 1e-3, 0, false, false, true),
  ],
  ["adamw", {}, () => adamHand(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, true)],
  [
    "adamw",
    { lr: 0.05, weightDecay: 0.1, amsgrad: true },
    () => adamHand(0.05, 0.9, 0.999, 1e-8, 0.1, true, true),
  ],
  ["rmsprop", {}, () => rmspropHand(1e-2, 0.99, 1e-8, 0, 0, false)],
  [
    "rmsprop",
    { alpha: 0.9, momentum: 0.9, centered: true, weightDecay: 0.1 },
    () => rmspropHand(1e-2, 0.9, 1e-8, 0.1, 0.9, true),
  ],
  ["adagrad", {}, () => adagradHand(1e-2, 0, 0, 0, 1e-10)],
  [
    "adagrad",
    { lr: 0.1, lrDecay: 0.1, initialAccumulatorValue: 0.5, weightDecay: 0.1, eps: 1e-6 },
    () => adagradHand(0.1, 0.1, 0.1, 0.5, 1e-6),
  ],
  ["adadelta", {}, () => adadeltaHand(1, 0.9, 1e-6, 0)],
  [
    "adadelta",
    { lr: 0.5, rho: 0.8, eps: 1e-4, weightDecay: 0.1 },
    () => adadeltaHand(0.5, 0.8, 1e-4, 0.1),
  ],
  ["adamax", {}, () => adamaxHand(2e-3, 0.9, 0.999, 1e-8, 0)],
  [
    "adamax",
    { lr: 0.05, betas: [0.8, 0.9], eps: 1e-3, weightDecay: 0.1 },
    () => adamaxHand(0.05, 0.8, 0.9, 1e-3, 0.1),
  ],
  ["nadam", {}, () => nadamHand(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3)],
  [
    "nadam",
    { lr: 0.05, betas: [0.8, 0.99], momentumDecay: 0.1, weightDecay: 0.1 },
    () => nadamHand(0.05, 0.8, 0.99, 1e-8, 0.1, 0.1),
  ],
  ["radam", { lr: 0.05 }, () => radamHand(0.05, 0.9, 0.999, 1e-8, 0)],
  [
    "radam",
    { lr: 0.05, betas: [0.9, 0.9], weightDecay: 0.1 },
    () => radamHand(0.05, 0.9, 0.9, 1e-8, 0.1),
  ],
];

describe("optimizer trajectories vs hand-written update rules (float64, 1e-12)", () => {
  for (const [name, options, hand] of CASES) {
    test(`${name} ${JSON.stringify(options)}`, () => {
      assertClose(runOurs(name, options), hand(), 1e-12, name);
    });
  }

  test("radam with beta2 = 0.9 crosses the ρₜ > 5 threshold inside the run (both branches used)", () => {
    const rhoInf = 2 / (1 - 0.9) - 1;
    const rho = (t: number) => rhoInf - (2 * t * 0.9 ** t) / (1 - 0.9 ** t);
    assert.ok(rho(1) <= 5 && rho(STEPS) > 5, `ρ₁ = ${rho(1)}, ρ₆ = ${rho(STEPS)}`);
  });

  test("first SGD step is θ − ηg exactly (hand arithmetic)", () => {
    const [first] = runOurs("sgd", { lr: 0.5 });
    // θ₀ = 0.5, a = 1, c = 0.3: g = 0.2 + 0.125 = 0.325 → θ₁ = 0.5 − 0.1625 = 0.3375
    assert.ok(Math.abs(first[0] - 0.3375) < 1e-15, String(first[0]));
  });

  test("first Adam step moves each θ by ≈ lr against the gradient sign", () => {
    const [first] = runOurs("adam", { lr: 0.01 });
    const g = grad(THETA0);
    first.forEach((x, i) => {
      const expected =
        THETA0[i] - 0.01 * Math.sign(g[i]) * (Math.abs(g[i]) / (Math.abs(g[i]) + 1e-8));
      assert.ok(Math.abs(x - expected) < 1e-12, `θ[${i}]`);
    });
  });
});
