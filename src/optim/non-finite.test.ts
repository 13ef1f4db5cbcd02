// The NaN/Inf guard names the first bad value and refuses to step before any weight changes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { NonFiniteError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { adam, sgd } from "./index.js";
import {
  assertFinite,
  checkFinite,
  checkFiniteWeights,
  guardedStep,
  NonFiniteTrainingError,
} from "./non-finite.js";

function model(): [string, Tensor][] {
  const w = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { requiresGrad: true },
  );
  const b = tensor([0.5, -0.5], { requiresGrad: true });
  const frozen = tensor([9], { requiresGrad: true });
  w.grad = tensor([
    [0.1, 0.2],
    [0.3, 0.4],
  ]);
  b.grad = tensor([0.01, 0.02]);
  return [
    ["0.weight", w],
    ["0.bias", b],
    ["1.scale", frozen],
  ];
}

describe("checkFinite / assertFinite", () => {
  test("all finite → null (parameters without grad are skipped)", () => {
    assert.equal(checkFinite(tensor(1.5), model()), null);
    assert.equal(checkFinite(2, model()), null);
  });

  test("a NaN loss is reported first", () => {
    const named = model();
    named[1][1].grad!.data[0] = Infinity;
    assert.deepEqual(checkFinite(tensor(NaN), named), { where: "loss", index: 0, value: NaN });
  });

  test("names the parameter and element of the first bad gradient", () => {
    const named = model();
    named[1][1].grad!.data[1] = -Infinity;
    assert.deepEqual(checkFinite(0.3, named), {
      where: "gradient",
      parameter: "0.bias",
      index: 1,
      value: -Infinity,
    });
    assert.throws(
      () => assertFinite(0.3, named),
      (e: Error) =>
        e instanceof NonFiniteError &&
        e instanceof NonFiniteTrainingError &&
        e.report.parameter === "0.bias" &&
        /non-finite gradient of parameter "0\.bias": -Infinity at element 1/.test(e.message),
    );
  });
});

describe("checkFiniteWeights", () => {
  test("null when finite; else the first non-finite weight by name and element", () => {
    const named = model();
    assert.equal(checkFiniteWeights(named), null);
    named[1][1].data[1] = -Infinity;
    named[2][1].data[0] = NaN;
    assert.deepEqual(checkFiniteWeights(named), {
      where: "weight",
      parameter: "0.bias",
      index: 1,
      value: -Infinity,
    });
    const report = checkFiniteWeights(named.slice(2))!;
    assert.equal(report.parameter, "1.scale");
    assert.ok(Number.isNaN(report.value));
    const e = new NonFiniteTrainingError({ ...report, layer: "layer 1 (Scale) scale" }, "ctx", "x");
    assert.equal(
      e.message,
      'ctx: non-finite weight in layer 1 (Scale) scale ("1.scale") after the optimizer step: NaN at element 0; x',
    );
  });
});

describe("guardedStep", () => {
  test("NaN gradient: throws before any weight or optimizer state changes", () => {
    const named = model();
    const params = named.map(([, p]) => p);
    const opt = adam(params, { lr: 0.1 });
    opt.step(); // some state, so we can check it is untouched
    named[0][1].grad!.data[3] = NaN;
    const weights = params.map((p) => [...p.data]);
    const state = JSON.stringify(opt.stateDict());
    assert.throws(
      () => guardedStep(opt, tensor(0.7), named),
      (e: Error) =>
        e instanceof NonFiniteError &&
        /guardedStep: non-finite gradient of parameter "0\.weight": NaN at element 3/.test(
          e.message,
        ),
    );
    assert.deepEqual(
      params.map((p) => [...p.data]),
      weights,
    );
    assert.equal(JSON.stringify(opt.stateDict()), state);
  });

  test("Infinite loss: refuses to step; default names are params[i]", () => {
    const named = model();
    const params = named.map(([, p]) => p);
    const opt = sgd(params, { lr: 1 });
    params[2].grad = tensor([NaN]);
    assert.throws(() => guardedStep(opt, Infinity), /guardedStep: non-finite loss: Infinity/);
    assert.throws(
      () => guardedStep(opt, 1),
      /gradient of parameter "params\[2\]": NaN at element 0/,
    );
    assert.deepEqual([...params[0].data], [1, 2, 3, 4]);
  });

  test("finite values: the step happens", () => {
    const named = model();
    const opt = sgd(
      named.map(([, p]) => p),
      { lr: 1 },
    );
    guardedStep(opt, 0.5, named);
    assert.deepEqual([...named[1][1].data], [0.49, -0.52].map(Math.fround));
  });
});
