// The stored column encoder (issue 10, item 6) is validated like every metadata field: a valid
// one round-trips; a broken one, one not first, or one whose columns are not featureNames is
// refused on load (ModelFormatError bad-metadata naming the path) and on save.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ReLU } from "../nn/activations.js";
import { describeModule } from "../nn/registry.js";
import { Sequential } from "../nn/sequential.js";
import { headerWithTable, rawModelFile } from "../../test/support/raw-model-file.js";
import { ModelEncodeError, ModelFormatError } from "./errors.js";
import { modelFromBytes, modelToBytes, type ModelMetadata } from "./model.js";

const MODEL = new Sequential(new ReLU());
const COLUMNS = {
  kind: "columns",
  columns: [
    { name: "island", categories: ["Biscoe", "Dream"], fill: 1 },
    { name: "mass", fill: 4.5 },
  ],
};
const SCALE = { kind: "standardize", mean: [0, 0, 0], std: [1, 1, 1] };

function fileWith(fields: Record<string, unknown>): Uint8Array {
  const header = { kind: "myelin-model", architecture: describeModule(MODEL), ...fields };
  return rawModelFile({ header: headerWithTable("{}", JSON.stringify(header)) });
}

test("a columns encoder first, named as featureNames, loads and saves", () => {
  const meta = { featureNames: ["island", "mass"], preprocessing: [COLUMNS, SCALE] };
  const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)); // parsed: null prototypes
  assert.deepEqual(plain(modelFromBytes(fileWith(meta)).meta.preprocessing), [COLUMNS, SCALE]);
  const back = modelFromBytes(modelToBytes(MODEL, meta as ModelMetadata));
  assert.deepEqual(plain(back.meta.preprocessing), [COLUMNS, SCALE]);
});

test("bad column encoders → bad-metadata naming the path, on load and on save", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["preprocessing[0]", { featureNames: ["island", "mass"], preprocessing: [{ ...COLUMNS, columns: [{ name: "island", categories: ["a", "a"] }, { name: "mass" }] }] }],
    ["preprocessing[0]", { featureNames: ["island", "mass"], preprocessing: [{ ...COLUMNS, columns: [{ name: "island", categories: ["a"], fill: 2 }, { name: "mass" }] }] }],
    ["preprocessing[1]", { featureNames: ["island", "mass"], preprocessing: [SCALE, COLUMNS] }],
    ["preprocessing.columns", { featureNames: ["mass", "island"], preprocessing: COLUMNS }],
    ["preprocessing[0].columns", { preprocessing: [COLUMNS] }],
  ]; // prettier-ignore
  for (const [path, fields] of cases) {
    assert.throws(
      () => modelFromBytes(fileWith(fields)),
      (e: unknown) =>
        e instanceof ModelFormatError && e.reason === "bad-metadata" && e.message.startsWith(path),
      path,
    );
    assert.throws(() => modelToBytes(MODEL, fields as ModelMetadata), ModelEncodeError, path);
  }
});
