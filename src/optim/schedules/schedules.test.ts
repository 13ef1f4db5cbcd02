// Schedules against hand-computed values, their state round trip and their argument errors.
// (The PyTorch sequences are checked in ../reference.test.ts.)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ValueError } from "../../errors.js";
import { tensor } from "../../tensor/create.js";
import { adam, adagrad, sgd } from "../index.js";
import {
  CosineAnnealingLR,
  cosineAnnealingLR,
  exponentialLR,
  linearLR,
  multiStepLR,
  oneCycleLR,
  reduceLROnPlateau,
  stepLR,
} from "./index.js";

const opt = (lr: number, momentum = 0) =>
  sgd([tensor([0], { dtype: "float64", requiresGrad: true })], { lr, momentum });

function run(s: { step(): void; getLastLr(): number }, n: number): number[] {
  const out = [s.getLastLr()];
  for (let i = 0; i < n; i++) {
    s.step();
    out.push(s.getLastLr());
  }
  return out;
}

function assertSeq(actual: number[], expected: number[], tol: number) {
  assert.equal(actual.length, expected.length);
  actual.forEach((x, i) =>
    assert.ok(Math.abs(x - expected[i]) <= tol, `[${i}] ${x} vs ${expected[i]}`),
  );
}

describe("schedules vs hand-computed values", () => {
  test("stepLR(stepSize 2, gamma 0.5): 1, 1, .5, .5, .25, .25, .125", () => {
    assertSeq(run(stepLR(opt(1), 2, 0.5), 6), [1, 1, 0.5, 0.5, 0.25, 0.25, 0.125], 0);
  });

  test("multiStepLR([1, 3], 0.1) on lr 2: 2, .2, .2, .02, .02", () => {
    assertSeq(run(multiStepLR(opt(2), [3, 1]), 4), [2, 0.2, 0.2, 0.02, 0.02], 1e-15);
  });

  test("exponentialLR(0.5): 8, 4, 2, 1", () => {
    assertSeq(run(exponentialLR(opt(8), 0.5), 3), [8, 4, 2, 1], 0);
  });

  test("cosineAnnealingLR equals the closed form ηmin + ½(η₀ − ηmin)(1 + cos(πe/T)), also past T", () => {
    const T = 8;
    const expected = Array.from(
      { length: 20 },
      (_, e) => 0.01 + 0.5 * (0.3 - 0.01) * (1 + Math.cos((Math.PI * e) / T)),
    );
    assertSeq(run(cosineAnnealingLR(opt(0.3), T, 0.01), 19), expected, 1e-14);
  });

  test("linearLR warm-up: η₀·(s + (1 − s)·min(e, N)/N) with s = 1/3, N = 5", () => {
    const expected = Array.from(
      { length: 9 },
      (_, e) => 0.3 * (1 / 3 + ((2 / 3) * Math.min(e, 5)) / 5),
    );
    assertSeq(run(linearLR(opt(0.3)), 8), expected, 1e-15);
  });

  test("oneCycleLR cos: starts at maxLr/25, peaks at maxLr at step pN − 1, ends at maxLr/25/1e4", () => {
    const o = opt(0.5, 0.9);
    const lrs = run(oneCycleLR(o, 1, 10, { pctStart: 0.4 }), 10);
    // anneal(a, b, 0) = b + (a − b)/2·2 rounds to 0.04 + 3.6e-17, as in PyTorch
    assert.ok(Math.abs(lrs[0] - 1 / 25) < 1e-16, `${lrs[0]}`);
    assert.ok(Math.abs(lrs[3] - 1) < 1e-15, `peak ${lrs[3]}`);
    // step 1 of the warm-up: r = 1/3 → 1 + (0.04 − 1)/2·(1 + cos(π/3)) = 1 − 0.96·0.75 = 0.28
    assert.ok(Math.abs(lrs[1] - 0.28) < 1e-15, `${lrs[1]}`);
    assert.ok(Math.abs(lrs[9] - 4e-6) < 1e-18, `final ${lrs[9]}`);
    // the totalSteps-th call holds the final values instead of extrapolating
    assert.equal(lrs[10], 4e-6);
    assert.equal(o.hyperParameters.momentum, 0.95);
  });

  test("oneCycleLR: more than totalSteps calls throw ValueError", () => {
    const s = oneCycleLR(opt(0.1, 0.9), 0.1, 3);
    s.step();
    s.step();
    s.step();
    assert.throws(
      () => s.step(),
      (e: Error) =>
        e instanceof ValueError && /tried to step 5 times; .* total steps is 3/.test(e.message),
    );
  });

  test("oneCycleLR cycles Adam's β₁ and keeps β₂", () => {
    const o = adam([tensor([0], { requiresGrad: true })], { betas: [0.9, 0.99] });
    oneCycleLR(o, 0.1, 10);
    assert.deepEqual(o.hyperParameters.betas, [0.95, 0.99]);
  });

  test("oneCycleLR with an optimizer that has no momentum needs cycleMomentum: false", () => {
    const o = adagrad([tensor([0], { requiresGrad: true })]);
    assert.throws(
      () => oneCycleLR(o, 0.1, 10),
      /neither momentum nor betas; pass \{ cycleMomentum: false \}/,
    );
    assert.ok(
      Math.abs(oneCycleLR(o, 0.1, 10, { cycleMomentum: false }).getLastLr() - 0.004) < 1e-17,
    );
  });

  test("reduceLROnPlateau(patience 1, factor 0.5): reduces after 2 bad epochs, cooldown ignores bad epochs", () => {
    const o = opt(1);
    const s = reduceLROnPlateau(o, { patience: 1, factor: 0.5, cooldown: 1 });
    const lrs: number[] = [];
    for (const m of [5, 4, 4, 4, 4, 4, 4, 3]) {
      s.step(m);
      lrs.push(s.getLastLr());
    }
    // 5 best, 4 best, 4 bad(1), 4 bad(2) → 0.5 + cooldown 1, 4 → cooldown: bad reset, 4 bad(1), 4 bad(2) → 0.25, 3 best
    assert.deepEqual(lrs, [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  test("reduceLROnPlateau respects minLr and treats NaN as no improvement", () => {
    const o = opt(1);
    const s = reduceLROnPlateau(o, { patience: 0, factor: 0.1, minLr: 0.05 });
    s.step(1);
    s.step(NaN);
    assert.equal(o.lr, 0.1);
    s.step(NaN);
    assert.equal(o.lr, 0.05);
    s.step(NaN);
    assert.equal(o.lr, 0.05);
  });
});

describe("schedule state round trip", () => {
  test("cosineAnnealingLR: optimizer + schedule state through JSON continue identically", () => {
    const oA = opt(0.2);
    const sA = cosineAnnealingLR(oA, 10, 0.001);
    for (let i = 0; i < 4; i++) sA.step();
    const saved = JSON.stringify({ o: oA.stateDict(), s: sA.stateDict() });
    const oB = opt(0.2);
    const sB = cosineAnnealingLR(oB, 10, 0.001);
    const { o, s } = JSON.parse(saved);
    oB.loadStateDict(o);
    sB.loadStateDict(s);
    assert.deepEqual(run(sB, 12), run(sA, 12));
  });

  test("reduceLROnPlateau: best = Infinity survives JSON", () => {
    const a = reduceLROnPlateau(opt(1), { patience: 0 });
    const sd = JSON.parse(JSON.stringify(a.stateDict()));
    assert.equal(sd.best, "Infinity");
    const b = reduceLROnPlateau(opt(1), { patience: 0 });
    b.step(3);
    b.loadStateDict(sd);
    assert.equal(b.best, Infinity);
    assert.equal(b.lastEpoch, 0);
  });

  test("loading a schedule with different settings is a ValueError", () => {
    const a = cosineAnnealingLR(opt(1), 10);
    const b = cosineAnnealingLR(opt(1), 20);
    assert.throws(
      () => b.loadStateDict(a.stateDict()),
      /CosineAnnealingLR.loadStateDict: saved config .*"tMax":10.* differs/,
    );
    assert.throws(
      () => b.loadStateDict(stepLR(opt(1), 3).stateDict()),
      /state is for "StepLR", not CosineAnnealingLR/,
    );
    assert.ok(b instanceof CosineAnnealingLR);
  });
});

describe("schedule argument errors", () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      "stepLR stepSize 0",
      () => stepLR(opt(1), 0),
      /StepLR: stepSize must be an integer ≥ 1, got 0/,
    ],
    [
      "stepLR gamma NaN",
      () => stepLR(opt(1), 2, NaN),
      /StepLR: gamma must be a finite number ≥ 0, got NaN/,
    ],
    [
      "multiStepLR milestone 1.5",
      () => multiStepLR(opt(1), [1.5]),
      /MultiStepLR: milestones\[0\] must be an integer ≥ 1, got 1\.5/,
    ],
    ["exponentialLR gamma -1", () => exponentialLR(opt(1), -1), /ExponentialLR: gamma must be/],
    [
      "cosine tMax 0",
      () => cosineAnnealingLR(opt(1), 0),
      /CosineAnnealingLR: tMax must be an integer ≥ 1/,
    ],
    [
      "linearLR startFactor 0",
      () => linearLR(opt(1), { startFactor: 0 }),
      /LinearLR: startFactor must be in \(0, 1\], got 0/,
    ],
    [
      "linearLR endFactor 2",
      () => linearLR(opt(1), { endFactor: 2 }),
      /LinearLR: endFactor must be in \[0, 1\], got 2/,
    ],
    [
      "oneCycle totalSteps 0",
      () => oneCycleLR(opt(1, 0.9), 1, 0),
      /OneCycleLR: totalSteps must be an integer ≥ 1/,
    ],
    [
      "oneCycle pctStart 2",
      () => oneCycleLR(opt(1, 0.9), 1, 10, { pctStart: 2 }),
      /OneCycleLR: pctStart must be in \[0, 1\], got 2/,
    ],
    [
      "oneCycle anneal",
      () => oneCycleLR(opt(1, 0.9), 1, 10, { annealStrategy: "exp" as "cos" }),
      /annealStrategy must be "cos" or "linear", got "exp"/,
    ],
    [
      "plateau factor 1",
      () => reduceLROnPlateau(opt(1), { factor: 1 }),
      /ReduceLROnPlateau: factor must be in \[0, 1\), got 1/,
    ],
    [
      "plateau mode",
      () => reduceLROnPlateau(opt(1), { mode: "up" as "min" }),
      /mode must be "min" or "max", got "up"/,
    ],
    [
      "plateau thresholdMode",
      () => reduceLROnPlateau(opt(1), { thresholdMode: "x" as "rel" }),
      /thresholdMode must be "rel" or "abs"/,
    ],
    [
      "plateau patience -1",
      () => reduceLROnPlateau(opt(1), { patience: -1 }),
      /patience must be an integer ≥ 0, got -1/,
    ],
  ];
  for (const [label, make, message] of cases) {
    test(label, () => {
      assert.throws(make, (e: Error) => e instanceof ValueError && message.test(e.message));
    });
  }
});
