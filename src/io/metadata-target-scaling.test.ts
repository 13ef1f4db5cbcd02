// metadata.targetScaling (a regression model's target z-score, inverted by predict) is checked on
// load and on save like every other field the library reads: a standardize object with positive
// std, only on a regression model; anything else is bad-metadata naming "targetScaling".
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Linear } from "../nn/linear.js";
import { describeModule } from "../nn/registry.js";
import { Sequential } from "../nn/sequential.js";
import { Tensor } from "../tensor/tensor.js";
import { predictWithMetadata } from "../train/inference.js";
import { headerWithTable, rawModelFile } from "../../test/support/raw-model-file.js";
import { ModelEncodeError, ModelFormatError } from "./errors.js";
import { modelFromBytes, modelToBytes, type ModelMetadata } from "./model.js";

const EMPTY = new Sequential();

function fileWith(fields: Record<string, unknown>): Uint8Array {
  const header = { kind: "myelin-model", architecture: describeModule(EMPTY), ...fields };
  return rawModelFile({ header: headerWithTable("{}", JSON.stringify(header)) });
}

const GOOD = { kind: "standardize" as const, mean: [1e4], std: [2000] };

const BAD: [string, Record<string, unknown>][] = [
  ["not an object", { targetScaling: 7 }],
  ["another kind", { targetScaling: { kind: "minMax", min: [0], max: [1], featureRange: [0, 1] } }],
  ["a zero std", { targetScaling: { kind: "standardize", mean: [0], std: [0] } }],
  ["a text mean", { targetScaling: { kind: "standardize", mean: ["1"], std: [1] } }],
  ["lengths that differ", { targetScaling: { kind: "standardize", mean: [0, 1], std: [1] } }],
  ["a classifier", { task: "binary", targetScaling: GOOD }],
];

describe("metadata.targetScaling", () => {
  for (const [what, fields] of BAD) {
    test(`${what} → bad-metadata naming targetScaling, on load and on save`, () => {
      assert.throws(
        () => modelFromBytes(fileWith(fields)),
        (e: unknown) =>
          e instanceof ModelFormatError &&
          e.reason === "bad-metadata" &&
          e.message.startsWith("targetScaling"),
      );
      assert.throws(
        () => modelToBytes(EMPTY, fields as ModelMetadata),
        (e: unknown) => e instanceof ModelEncodeError && /targetScaling/.test(e.message),
      );
    });
  }

  test("a regression model's scaler loads, and predict inverts it: ŷ = z·σ + μ", () => {
    const model = new Linear(1, 1);
    model.weight.data[0] = 2;
    model.bias!.data[0] = 0.5;
    const meta: ModelMetadata = { task: "regression", targetScaling: { ...GOOD } };
    const loaded = modelFromBytes(modelToBytes(model, meta));
    assert.deepEqual({ ...loaded.meta.targetScaling }, GOOD);
    const p = predictWithMetadata(
      loaded.model,
      loaded.meta,
      new Tensor(new Float32Array([1]), [1, 1]),
    );
    assert.equal(p.task, "regression");
    if (p.task === "regression") assert.equal(p.values.data[0], (2 * 1 + 0.5) * 2000 + 1e4);
  });

  test("a scaler whose width differs from the model's outputs is refused at predict", () => {
    const model = new Linear(1, 2);
    const meta: ModelMetadata = { task: "regression", targetScaling: { ...GOOD } };
    assert.throws(
      () => predictWithMetadata(model, meta, new Tensor(new Float32Array([1]), [1, 1])),
      /targetScaling has 1 target column\(s\) but the model gives 2 output\(s\) per row/,
    );
  });
});
