// One call convention for activations: a function takes the same options object as its layer
// (leakyRelu(x, { negativeSlope }) as nn.leakyRelu({ negativeSlope })); the older positional
// forms (leakyRelu(x, 0.2)) keep working; anything else is a ValueError naming the function.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ValueError } from "../errors.js";
import * as nn from "../nn/index.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { celu, elu, gelu, hardTanh, leakyRelu, softplus } from "./index.js";

const x = tensor([-30, -3, -1, -0.5, 0, 0.5, 1, 3, 30]);
const values = (t: Tensor) => Array.from(t.data);

describe("activation functions take their layer's options object", () => {
  const cases: [string, () => Tensor, () => Tensor, () => nn.Module][] = [
    [
      "leakyRelu",
      () => leakyRelu(x, { negativeSlope: 0.2 }),
      () => leakyRelu(x, 0.2),
      () => nn.leakyRelu({ negativeSlope: 0.2 }),
    ],
    ["elu", () => elu(x, { alpha: 0.5 }), () => elu(x, 0.5), () => nn.elu({ alpha: 0.5 })],
    ["celu", () => celu(x, { alpha: 2 }), () => celu(x, 2), () => nn.celu({ alpha: 2 })],
    [
      "hardTanh",
      () => hardTanh(x, { minVal: 0, maxVal: 6 }),
      () => hardTanh(x, 0, 6),
      () => nn.hardTanh({ minVal: 0, maxVal: 6 }),
    ],
    [
      "gelu",
      () => gelu(x, { approximate: "tanh" }),
      () => gelu(x, "tanh"),
      () => nn.gelu({ approximate: "tanh" }),
    ],
    [
      "softplus",
      () => softplus(x, { beta: 2, threshold: 5 }),
      () => softplus(x, 2, 5),
      () => nn.softplus({ beta: 2, threshold: 5 }),
    ],
  ];
  for (const [name, byOptions, positional, layer] of cases) {
    test(`${name}: options object = positional form = layer with the same options`, () => {
      assert.deepEqual(values(byOptions()), values(positional()));
      assert.deepEqual(values(byOptions()), values(layer().forward(x)));
    });
  }

  test("defaults: {} and no options agree", () => {
    assert.deepEqual(values(leakyRelu(x, {})), values(leakyRelu(x)));
    assert.deepEqual(values(softplus(x, { threshold: 5 })), values(softplus(x, 1, 5)));
    assert.deepEqual(values(hardTanh(x, { maxVal: 2 })), values(hardTanh(x, -1, 2)));
  });

  test("a setting of the wrong kind is a ValueError naming the function", () => {
    assert.throws(
      () => leakyRelu(x, "0.2" as unknown as number),
      (e: unknown) =>
        e instanceof ValueError &&
        /leakyRelu: expected options \{ negativeSlope\? \}/.test(e.message),
    );
    assert.throws(
      () => elu(x, { alpha: Number.NaN }),
      (e: unknown) =>
        e instanceof ValueError && /elu: alpha must be a finite number/.test(e.message),
    );
    assert.throws(
      () => gelu(x, { approximate: "erf" as "tanh" }),
      (e: unknown) => e instanceof ValueError && /gelu: approximate/.test(e.message),
    );
  });
});
