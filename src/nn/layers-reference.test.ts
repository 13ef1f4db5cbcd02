// Linear and BatchNorm1d against PyTorch 1.13 (float64): forward, gradients, running statistics
// after two training steps, eval-mode output; and calculateGain against torch's table.
// Fixture: test/reference/layers.json, written by scripts/gen-reference-layers.py.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fromData } from "../tensor/create.js";
import { BatchNorm1d } from "./batch-norm.js";
import { calculateGain, type Nonlinearity } from "./init.js";
import { Linear } from "./linear.js";

interface LinearCase {
  bias: boolean;
  x: number[];
  xShape: number[];
  weight: number[];
  biasValues?: number[];
  dY: number[];
  y: number[];
  dx: number[];
  dWeight: number[];
  dBias?: number[];
}

interface BatchNormCase {
  shape: number[];
  momentum: number | null;
  weight: number[];
  bias: number[];
  x1: number[];
  dY: number[];
  y1: number[];
  dx: number[];
  dWeight: number[];
  dBias: number[];
  runningMean1: number[];
  runningVar1: number[];
  x2: number[];
  runningMean2: number[];
  runningVar2: number[];
  x3: number[];
  yEval: number[];
  dxEval: number[];
}

interface Fixture {
  linear: LinearCase[];
  batchNorm1d: BatchNormCase[];
  gains: { nonlinearity: Nonlinearity; param: number | null; gain: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../../test/reference/layers.json", import.meta.url), "utf8"),
) as Fixture;

const TOL = 1e-12;

function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(
      err <= TOL * Math.max(1, Math.abs(expected[i])),
      `${what}[${i}]: ${actual[i]} vs PyTorch ${expected[i]}`,
    );
  }
}

function f64(values: number[], shape: number[], requiresGrad = false) {
  return fromData(Float64Array.from(values), shape, { requiresGrad });
}

describe("Linear vs PyTorch", () => {
  for (const c of fixture.linear) {
    test(`forward and gradients (bias ${c.bias})`, () => {
      const [N, D] = c.xShape;
      const H = c.weight.length / D;
      const layer = new Linear(D, H, { bias: c.bias, dtype: "float64" });
      layer.weight.data.set(c.weight);
      if (c.biasValues) layer.bias!.data.set(c.biasValues);
      const x = f64(c.x, [N, D], true);
      const y = layer.forward(x);
      assertClose(y.data, c.y, "y");
      y.backward(f64(c.dY, [N, H]));
      assertClose(x.grad!.data, c.dx, "dx");
      assertClose(layer.weight.grad!.data, c.dWeight, "dW");
      if (c.dBias) assertClose(layer.bias!.grad!.data, c.dBias, "db");
    });
  }
});

describe("BatchNorm1d vs PyTorch", () => {
  for (const c of fixture.batchNorm1d) {
    test(`input ${JSON.stringify(c.shape)}, momentum ${c.momentum}`, () => {
      const bn = new BatchNorm1d(c.shape[1], { dtype: "float64", momentum: c.momentum });
      bn.weight!.data.set(c.weight);
      bn.bias!.data.set(c.bias);

      const x1 = f64(c.x1, c.shape, true);
      const y1 = bn.forward(x1);
      assertClose(y1.data, c.y1, "train y");
      y1.backward(f64(c.dY, c.shape));
      assertClose(x1.grad!.data, c.dx, "train dx");
      assertClose(bn.weight!.grad!.data, c.dWeight, "dγ");
      assertClose(bn.bias!.grad!.data, c.dBias, "dβ");
      assertClose(bn.runningMean!.data, c.runningMean1, "running mean after step 1");
      assertClose(bn.runningVar!.data, c.runningVar1, "running var after step 1");

      bn.forward(f64(c.x2, c.shape));
      assertClose(bn.runningMean!.data, c.runningMean2, "running mean after step 2");
      assertClose(bn.runningVar!.data, c.runningVar2, "running var after step 2");

      bn.eval();
      const x3 = f64(c.x3, c.shape, true);
      const y3 = bn.forward(x3);
      assertClose(y3.data, c.yEval, "eval y");
      y3.backward(f64(c.dY, c.shape));
      assertClose(x3.grad!.data, c.dxEval, "eval dx");
    });
  }
});

describe("calculateGain vs torch.nn.init.calculate_gain", () => {
  test("every entry of the table", () => {
    for (const { nonlinearity, param, gain } of fixture.gains) {
      const ours = calculateGain(nonlinearity, param ?? undefined);
      assert.ok(Math.abs(ours - gain) < 1e-15, `${nonlinearity}(${param}): ${ours} vs ${gain}`);
    }
  });
});
