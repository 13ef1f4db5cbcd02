// CsvFeaturesBuilder: columns by name in the model's order, the target mapped to stored labels,
// and errors with file, line and column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import { parseCsvFeatures } from "./csv-features.js";

const TEXT = "t,b,a,extra\nx,2,1,z\ny,4,3,z\n";

test("features in featureNames order, other columns ignored, target ignored by default", () => {
  const r = parseCsvFeatures(TEXT, { featureNames: ["a", "b"], target: "t" });
  assert.deepEqual(r.x.shape, [2, 2]);
  assert.deepEqual(Array.from(r.x.data), [1, 2, 3, 4]);
  assert.equal(r.y, undefined);
});

test("the target maps onto the stored label names (their order, not the file's)", () => {
  const r = parseCsvFeatures(TEXT, {
    featureNames: ["a"],
    target: "t",
    readTarget: true,
    labelNames: ["y", "x"],
  });
  assert.deepEqual(r.y!.shape, [2]);
  assert.deepEqual(Array.from(r.y!.data), [1, 0]);
  const numeric = parseCsvFeatures("a,v\n1,2.5\n", {
    featureNames: ["a"],
    target: "v",
    readTarget: true,
  });
  assert.deepEqual(numeric.y!.shape, [1, 1]);
  assert.deepEqual(Array.from(numeric.y!.data), [2.5]);
});

test("errors name the file, line and column", () => {
  const opts = { featureNames: ["a", "b"], file: "f.csv" };
  assert.throws(
    () => parseCsvFeatures("a,c\n1,2\n", opts),
    (e: unknown) =>
      e instanceof DataFormatError && /^f\.csv:1:1: feature column "b" is missing/.test(e.message),
  );
  assert.throws(
    () => parseCsvFeatures("a,b\n1,2\n3,x\n", opts),
    /^DataFormatError: f\.csv:3:2: column "b": "x" is not a number/,
  );
  assert.throws(
    () => parseCsvFeatures("a,b\n1,2\n3\n", opts),
    /f\.csv:3:2: expected 2 fields as in the header, found 1/,
  );
  assert.throws(
    () =>
      parseCsvFeatures(TEXT, {
        featureNames: ["a"],
        target: "t",
        readTarget: true,
        labelNames: ["x"],
        file: "f.csv",
      }),
    /f\.csv:3:1: target column "t": "y" is not a class the model knows \("x"\)/,
  );
  assert.throws(
    () => parseCsvFeatures("a,b\n1,2\n", { featureNames: ["a"], target: "t", readTarget: true }),
    /target column "t" is missing/,
  );
  assert.throws(() => parseCsvFeatures("", opts), EmptyDatasetError);
  assert.throws(() => parseCsvFeatures("a,b\n", opts), EmptyDatasetError);
});
