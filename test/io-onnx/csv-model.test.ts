// Models trained by `myelin train` from CSV files, with their stored preprocessing (categorical
// one-hot, imputed missing cells, standardize) and a regression target scaling, exported to ONNX:
// ONNX Runtime fed the raw CSV rows (as the CSV reader gives them: numbers, category indices,
// NaN for a missing cell) answers what `myelin predict` computes, within rtol 1e-4 / atol 1e-5.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readCsvFeatures } from "../../src/cli/csv-file.js";
import { data, io } from "../../src/node/index.js";
import { applyPreprocessing, invertTargetScaling } from "../../src/train/inference.js";
import { predict } from "../../src/train/predict.js";
import { runMain, tempDir } from "../cli/helpers.js";
import { assertClose, runOnnx } from "../support/onnx-runtime.js";

const TABULAR = fileURLToPath(new URL("../fixtures/tabular/", import.meta.url));

async function trainedModel(dir: string, csv: string, target: string, extra: string[]) {
  const out = join(dir, `${target}.myelin`);
  const run = await runMain(
    [
      "train",
      "--data",
      join(TABULAR, csv),
      "--target",
      target,
      "--epochs",
      "3",
      "--seed",
      "1",
      "--out",
      out,
      ...extra,
    ],
    dir,
  );
  assert.equal(run.code, 0, run.stderr);
  return io.load(out);
}

async function rawRows(csv: string, meta: io.ModelMetadata) {
  const columns =
    meta.preprocessing && Array.isArray(meta.preprocessing) ? meta.preprocessing[0] : undefined;
  const encoder = columns ? data.ColumnEncoder.fromJSON(columns) : undefined;
  const { x } = await readCsvFeatures(join(TABULAR, csv), csv, {
    featureNames: meta.featureNames!,
    target: meta.target,
    readTarget: false,
    labelNames: meta.labelNames,
    encoder,
  });
  return x;
}

describe("a CSV-trained model with stored preprocessing, exported to ONNX, takes raw rows", () => {
  test("penguins (categorical island and sex, missing cells imputed, standardized): class scores", async () => {
    const { dir, done } = tempDir("myelin-onnx-");
    try {
      const loaded = await trainedModel(dir, "penguins-train.csv", "species", ["--impute", "mean"]);
      const x = await rawRows("penguins-test.csv", loaded.meta);
      assert.ok(Array.from(x.data).some(Number.isNaN), "the test rows have missing cells");
      const expected = predict(loaded.model, applyPreprocessing(loaded.meta, x)).data;
      const bytes = io.exportOnnx(loaded);
      const got = await runOnnx(bytes, Float32Array.from(x.data), [x.shape[0], x.shape[1]]);
      assertClose(got, expected, "penguins");
      const back = io.importOnnx(bytes);
      assert.deepEqual(back.metadata?.preprocessing, loaded.meta.preprocessing);
      assert.deepEqual(back.metadata?.labelNames, loaded.meta.labelNames);
    } finally {
      done();
    }
  });

  test("diabetes regression: standardized inputs, outputs in the target's units", async () => {
    const { dir, done } = tempDir("myelin-onnx-");
    try {
      const loaded = await trainedModel(dir, "diabetes-train.csv", "progression", []);
      assert.ok(loaded.meta.targetScaling, "the model stores a target scaling");
      const x = await rawRows("diabetes-test.csv", loaded.meta);
      const expected = invertTargetScaling(
        loaded.meta,
        predict(loaded.model, applyPreprocessing(loaded.meta, x)),
      ).data;
      const got = await runOnnx(io.exportOnnx(loaded), Float32Array.from(x.data), [
        x.shape[0],
        x.shape[1],
      ]);
      assertClose(got, expected, "diabetes");
      const bare = await runOnnx(
        io.exportOnnx(loaded, { includePreprocessing: false }),
        Float32Array.from(applyPreprocessing(loaded.meta, x).data),
        [x.shape[0], x.shape[1]],
      );
      assertClose(
        bare,
        predict(loaded.model, applyPreprocessing(loaded.meta, x)).data,
        "bare network",
      );
    } finally {
      done();
    }
  });
});
