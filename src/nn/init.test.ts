// Initialisers: bounds and spread on 1e5 samples against the documented formulas, the fan
// computation, PyTorch's gain table, and seeded determinism.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ShapeError, ValueError } from "../errors.js";
import { zeros } from "../tensor/create.js";
import { Random, seed } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import * as init from "./init.js";

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of t.data) {
    s += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = s / t.size;
  let ss = 0;
  for (const v of t.data) ss += (v - mean) ** 2;
  return { mean, std: Math.sqrt(ss / t.size), min, max };
}

/** [400, 250]: 1e5 samples, fanIn = 250, fanOut = 400. */
const SHAPE = [400, 250];
const FAN_IN = 250;
const FAN_OUT = 400;

function big(): Tensor {
  return zeros(SHAPE, { dtype: "float64" });
}

function assertUniform(t: Tensor, bound: number, what: string): void {
  const s = stats(t);
  assert.ok(s.min >= -bound && s.max <= bound, `${what}: values within ±${bound}`);
  assert.ok(s.min < -0.99 * bound && s.max > 0.99 * bound, `${what}: range reaches the bounds`);
  const std = bound / Math.sqrt(3);
  assert.ok(Math.abs(s.std / std - 1) < 0.02, `${what}: std ${s.std} vs ${std}`);
  assert.ok(Math.abs(s.mean) < 0.02 * std, `${what}: mean ${s.mean} ≈ 0`);
}

function assertNormal(t: Tensor, mean: number, std: number, what: string): void {
  const s = stats(t);
  assert.ok(Math.abs(s.std / std - 1) < 0.02, `${what}: std ${s.std} vs ${std}`);
  assert.ok(Math.abs(s.mean - mean) < 0.02 * std, `${what}: mean ${s.mean} vs ${mean}`);
  // a normal puts ~99.7 % within 3σ and some mass beyond 3σ: not a uniform in disguise
  const beyond3 = Array.from(t.data).filter((v) => Math.abs(v - mean) > 3 * std).length / t.size;
  assert.ok(beyond3 > 0.001 && beyond3 < 0.005, `${what}: tail mass ${beyond3}`);
}

describe("calculateGain (PyTorch's table)", () => {
  test("values", () => {
    assert.equal(init.calculateGain("linear"), 1);
    assert.equal(init.calculateGain("identity"), 1);
    assert.equal(init.calculateGain("sigmoid"), 1);
    assert.equal(init.calculateGain("conv2d"), 1);
    assert.equal(init.calculateGain("tanh"), 5 / 3);
    assert.equal(init.calculateGain("relu"), 1.4142135623730951);
    assert.equal(init.calculateGain("selu"), 0.75);
    // √(2 / (1 + 0.01²)) = √(2 / 1.0001)
    assert.ok(Math.abs(init.calculateGain("leakyRelu") - 1.4141428569978354) < 1e-15);
    assert.ok(Math.abs(init.calculateGain("leaky_relu", 0.2) - Math.sqrt(2 / 1.04)) < 1e-15);
    // slope √5 (Linear's default init): √(2/6) = 1/√3
    assert.ok(Math.abs(init.calculateGain("leakyRelu", Math.sqrt(5)) - 1 / Math.sqrt(3)) < 1e-15);
  });

  test("unknown nonlinearity throws ValueError naming it", () => {
    assert.throws(
      () => init.calculateGain("swish" as init.Nonlinearity),
      (e: unknown) => e instanceof ValueError && /swish/.test(e.message),
    );
  });
});

describe("fanInAndFanOut", () => {
  test("linear and convolution shapes", () => {
    assert.deepEqual(init.fanInAndFanOut([3, 4]), { fanIn: 4, fanOut: 3 });
    assert.deepEqual(init.fanInAndFanOut([8, 3, 5, 5]), { fanIn: 75, fanOut: 200 });
  });

  test("fewer than 2 dims throws ShapeError", () => {
    assert.throws(() => init.fanInAndFanOut([5]), ShapeError);
    assert.throws(() => init.xavierUniform(zeros([5])), ShapeError);
  });
});

describe("constant fills", () => {
  test("zeros, ones, constant", () => {
    const t = zeros([2, 3]);
    assert.deepEqual(Array.from(init.ones(t).data), [1, 1, 1, 1, 1, 1]);
    assert.deepEqual(Array.from(init.constant(t, 2.5).data), [2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
    assert.equal(init.zeros(t), t, "fills in place and returns the same tensor");
    assert.deepEqual(Array.from(t.data), [0, 0, 0, 0, 0, 0]);
  });
});

describe("random initialisers on 1e5 samples", () => {
  const g = (): { generator: Random } => ({ generator: new Random(123) });

  test("uniform(a, b): range [a, b), mean (a+b)/2, std (b−a)/√12", () => {
    const s = stats(init.uniform(big(), -1, 3, g()));
    assert.ok(s.min >= -1 && s.max < 3);
    assert.ok(Math.abs(s.mean - 1) < 0.02);
    assert.ok(Math.abs(s.std / (4 / Math.sqrt(12)) - 1) < 0.02);
  });

  test("normal(mean, std)", () => {
    assertNormal(init.normal(big(), 2, 0.5, g()), 2, 0.5, "normal");
  });

  test("xavierUniform: U(±gain·√(6/(fanIn+fanOut)))", () => {
    const gain = 5 / 3;
    assertUniform(
      init.xavierUniform(big(), { gain, ...g() }),
      gain * Math.sqrt(6 / (FAN_IN + FAN_OUT)),
      "xavierUniform",
    );
  });

  test("xavierNormal: N(0, (gain·√(2/(fanIn+fanOut)))²)", () => {
    assertNormal(
      init.xavierNormal(big(), g()),
      0,
      Math.sqrt(2 / (FAN_IN + FAN_OUT)),
      "xavierNormal",
    );
  });

  test("kaimingUniform default (a = 0, fanIn, leakyRelu): U(±√(6/fanIn))", () => {
    assertUniform(init.kaimingUniform(big(), g()), Math.sqrt(6 / FAN_IN), "kaimingUniform");
  });

  test("kaimingUniform a = √5: U(±1/√fanIn) (Linear's default)", () => {
    assertUniform(
      init.kaimingUniform(big(), { a: Math.sqrt(5), ...g() }),
      1 / Math.sqrt(FAN_IN),
      "kaimingUniform a=√5",
    );
  });

  test("kaimingNormal fanOut relu: N(0, 2/fanOut)", () => {
    assertNormal(
      init.kaimingNormal(big(), { mode: "fanOut", nonlinearity: "relu", ...g() }),
      0,
      Math.sqrt(2 / FAN_OUT),
      "kaimingNormal",
    );
  });

  test("kaimingNormal tanh fanIn: std (5/3)/√fanIn", () => {
    assertNormal(
      init.kaimingNormal(big(), { nonlinearity: "tanh", ...g() }),
      0,
      5 / 3 / Math.sqrt(FAN_IN),
      "kaimingNormal tanh",
    );
  });

  test("lecunUniform U(±√(3/fanIn)) and lecunNormal N(0, 1/fanIn)", () => {
    assertUniform(init.lecunUniform(big(), g()), Math.sqrt(3 / FAN_IN), "lecunUniform");
    assertNormal(init.lecunNormal(big(), g()), 0, 1 / Math.sqrt(FAN_IN), "lecunNormal");
  });

  test("glorot and he aliases", () => {
    assert.equal(init.glorotUniform, init.xavierUniform);
    assert.equal(init.glorotNormal, init.xavierNormal);
    assert.equal(init.heUniform, init.kaimingUniform);
    assert.equal(init.heNormal, init.kaimingNormal);
  });

  test("bad arguments throw ValueError", () => {
    assert.throws(() => init.uniform(zeros([2]), 1, 0), ValueError);
    assert.throws(() => init.normal(zeros([2]), 0, -1), ValueError);
    assert.throws(
      () => init.kaimingUniform(zeros([2, 2]), { mode: "fan_in" as init.FanMode }),
      ValueError,
    );
  });
});

describe("determinism", () => {
  test("same seed → identical values; different seed → different values", () => {
    const a = init.kaimingNormal(zeros([30, 20]), { generator: new Random(7) });
    const b = init.kaimingNormal(zeros([30, 20]), { generator: new Random(7) });
    const c = init.kaimingNormal(zeros([30, 20]), { generator: new Random(8) });
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
    assert.notDeepEqual(Array.from(a.data), Array.from(c.data));
  });

  test("the global generator is used by default and follows seed()", () => {
    seed(99);
    const a = init.xavierUniform(zeros([10, 10]));
    seed(99);
    const b = init.xavierUniform(zeros([10, 10]));
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
  });
});
