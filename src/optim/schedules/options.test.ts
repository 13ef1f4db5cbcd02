// One call convention for every schedule: (optimizer, options) with every setting named — the
// form fit's doc comment shows — while the older positional forms keep working where a number or
// an array in second place makes them unambiguous. Anything else is a typed ValueError.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ValueError } from "../../errors.js";
import {
  cosineAnnealingLR,
  CosineAnnealingLR,
  exponentialLR,
  multiStepLR,
  oneCycleLR,
  stepLR,
  StepLR,
  type LrHolder,
} from "./index.js";

const opt = (lr = 1): LrHolder => ({ lr });

/** The first `n` learning rates a schedule sets (step 0 is set by the constructor). */
function lrs(make: (o: LrHolder) => { step(): void }, n: number, lr = 1): number[] {
  const o = opt(lr);
  const s = make(o);
  const out = [o.lr];
  for (let i = 1; i < n; i++) {
    s.step();
    out.push(o.lr);
  }
  return out;
}

/** An optimizer with momentum, which oneCycleLR cycles. */
function momentumOpt(): LrHolder {
  const hyper: Record<string, number> = { momentum: 0.9 };
  return {
    lr: 0.1,
    hasHyperParameter: (k: string) => k in hyper,
    setHyperParameter: (k: string, v: number) => (hyper[k] = v),
    hyperParameters: hyper,
  } as unknown as LrHolder;
}

describe("schedules take an options object", () => {
  test("cosineAnnealingLR(opt, { tMax }) — the form fit's doc comment shows — works", () => {
    assert.deepEqual(
      lrs((o) => cosineAnnealingLR(o, { tMax: 2 }), 3),
      lrs((o) => cosineAnnealingLR(o, 2), 3),
    );
    assert.deepEqual(
      lrs((o) => cosineAnnealingLR(o, { tMax: 4, etaMin: 0.1 }), 5),
      lrs((o) => cosineAnnealingLR(o, 4, 0.1), 5),
    );
    assert.equal(new CosineAnnealingLR(opt(), { tMax: 3 }).tMax, 3);
  });

  test("stepLR, multiStepLR, exponentialLR: options equal the positional forms", () => {
    assert.deepEqual(
      lrs((o) => stepLR(o, { stepSize: 2, gamma: 0.5 }), 5),
      lrs((o) => stepLR(o, 2, 0.5), 5),
    );
    assert.deepEqual(
      lrs((o) => stepLR(o, { stepSize: 2 }), 3),
      [1, 1, 0.1],
    );
    assert.equal(new StepLR(opt(), { stepSize: 3 }).gamma, 0.1);
    assert.deepEqual(
      lrs((o) => multiStepLR(o, { milestones: [1, 3], gamma: 0.5 }), 4),
      lrs((o) => multiStepLR(o, [1, 3], 0.5), 4),
    );
    assert.deepEqual(
      lrs((o) => exponentialLR(o, { gamma: 0.5 }), 3),
      lrs((o) => exponentialLR(o, 0.5), 3),
    );
  });

  test("oneCycleLR(opt, { maxLr, totalSteps, ... }) equals oneCycleLR(opt, maxLr, totalSteps, {...})", () => {
    const a = momentumOpt();
    const b = momentumOpt();
    const s1 = oneCycleLR(a, { maxLr: 1, totalSteps: 6, pctStart: 0.5 });
    const s2 = oneCycleLR(b, 1, 6, { pctStart: 0.5 });
    const seqA = [a.lr];
    const seqB = [b.lr];
    for (let i = 0; i < 5; i++) {
      s1.step();
      s2.step();
      seqA.push(a.lr);
      seqB.push(b.lr);
    }
    assert.deepEqual(seqA, seqB);
    assert.deepEqual(s1.stateDict().config, s2.stateDict().config);
  });

  test("a missing or mistyped setting is a ValueError naming the schedule and the setting", () => {
    assert.throws(
      () => cosineAnnealingLR(opt(), {} as { tMax: number }),
      (e: unknown) => e instanceof ValueError && /CosineAnnealingLR: tMax/.test(e.message),
    );
    assert.throws(
      () => stepLR(opt(), "10" as unknown as number),
      (e: unknown) =>
        e instanceof ValueError && /StepLR: expected options \{ stepSize/.test(e.message),
    );
    assert.throws(
      () => oneCycleLR(opt(), undefined as unknown as number, 10),
      (e: unknown) => e instanceof ValueError && /OneCycleLR/.test(e.message),
    );
  });
});
