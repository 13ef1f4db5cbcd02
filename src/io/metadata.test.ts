// Metadata fields are typed on load (ModelFormatError "bad-metadata" naming the field) and on
// save (ModelEncodeError with the same path), so nothing downstream meets a value of the wrong
// type; unknown fields stay allowed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ReLU } from "../nn/activations.js";
import { describeModule } from "../nn/registry.js";
import { Sequential } from "../nn/sequential.js";
import { BAD_METADATA, GOOD_METADATA } from "../../test/support/metadata-cases.js";
import { headerWithTable, rawModelFile } from "../../test/support/raw-model-file.js";
import { ModelEncodeError, ModelFormatError } from "./errors.js";
import { modelFromBytes, modelToBytes, type ModelMetadata } from "./model.js";

const MODEL = new Sequential(new ReLU());

function fileWith(fields: Record<string, unknown>): Uint8Array {
  const header = { kind: "myelin-model", architecture: describeModule(MODEL), ...fields };
  return rawModelFile({ header: headerWithTable("{}", JSON.stringify(header)) });
}

describe("metadata on load", () => {
  for (const [path, fields] of BAD_METADATA) {
    test(`${path}: ${JSON.stringify(fields).slice(0, 70)} → bad-metadata`, () => {
      assert.throws(
        () => modelFromBytes(fileWith(fields)),
        (e: unknown) =>
          e instanceof ModelFormatError &&
          e.reason === "bad-metadata" &&
          e.message.startsWith(`${path}`),
      );
    });
  }

  test("well-typed fields load; unknown fields (top level and in training) are allowed", () => {
    const { meta } = modelFromBytes(fileWith(GOOD_METADATA));
    assert.equal(meta.training?.epochsRun, 3);
    assert.equal(meta.training?.finalMetrics?.["test.loss"], null);
    assert.deepEqual(meta.labelNames, ["a", "b"]);
  });

  test("the message names the path, the rule and the value", () => {
    assert.throws(
      () => modelFromBytes(fileWith({ training: { epochsRun: {} } })),
      /^ModelFormatError: training\.epochsRun must be a non-negative integer, got \{\} \[bad-metadata\]$/,
    );
  });
});

describe("metadata on save", () => {
  for (const [path, fields] of BAD_METADATA) {
    test(`${path} is refused before writing`, () => {
      assert.throws(
        () => modelToBytes(MODEL, fields as ModelMetadata),
        (e: unknown) =>
          e instanceof ModelEncodeError && e.reason === "bad-metadata" && e.path === `meta.${path}`,
      );
    });
  }

  test("well-typed metadata round-trips", () => {
    const bytes = modelToBytes(MODEL, GOOD_METADATA as ModelMetadata);
    assert.deepEqual(
      JSON.parse(JSON.stringify(modelFromBytes(bytes).meta)),
      JSON.parse(JSON.stringify({ ...GOOD_METADATA, someFutureField: undefined })),
    );
  });
});
