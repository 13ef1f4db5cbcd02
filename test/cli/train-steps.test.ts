// The train steps without a subprocess: the typed configuration (data-dependent defaults, fail-fast
// usage errors), the hyper-parameter records made from the flag table, the one-pass training CSV
// reader, and the scaler used directly giving exactly what the stored metadata gives.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { data, randn, seed, train } from "../../src/node/index.js";
import { defineFlags, helpText, parseArgs } from "../../src/cli/args.js";
import { readTrainingCsv } from "../../src/cli/csv-file.js";
import { UsageError } from "../../src/cli/output.js";
import { parseTrainConfig, type TrainConfig } from "../../src/cli/train/flags.js";
import { scaled } from "../../src/cli/train/build.js";
import {
  hyperParameterRecord,
  runIdentity,
  type HyperParameters,
} from "../../src/cli/train/hyper-parameters.js";

function config(argv: string[]): TrainConfig {
  const c = parseTrainConfig(argv);
  if (c === "help") throw new Error("expected a configuration, got --help");
  return c;
}

describe("parseTrainConfig", () => {
  test("defaults depend on the kind of data; given flags win", () => {
    const s = config([]);
    assert.equal(s.data, "spirals");
    assert.deepEqual(
      [s.layers, s.activation, s.epochs, s["batch-size"], s.lr],
      [[16, 16], "tanh", 250, 32, 0.01],
    );
    assert.deepEqual(
      [s.seed, s.optimizer, s.preprocess, s.backend],
      [42, "adam", "standardize", "auto"],
    );
    const c = config(["--data", "x.csv", "--layers", ""]);
    assert.deepEqual([c.kind, c.layers, c.epochs, c["batch-size"]], ["csv", [], 150, 16]);
    const i = config(["--data", "idx:somewhere", "--epochs", "2"]);
    assert.deepEqual(
      [i.kind, i.layers, i.activation, i.epochs, i.lr],
      ["idx", [128], "relu", 2, 0.001],
    );
    assert.equal(parseTrainConfig(["--help"]), "help");
  });
  test("--test-split on data with its own test set is refused before any file is read", () => {
    assert.throws(
      () => parseTrainConfig(["--data", "idx:/no/such/dir", "--test-split", "0.2"]),
      (e: unknown) => e instanceof UsageError && /own test set/.test(e.message),
    );
  });
});

describe("the flag table", () => {
  test("absent flags take their declared default; --help shows it", () => {
    const specs = defineFlags({
      k: { type: "int", default: 3, help: "k" },
      name: { type: "string", choices: ["a", "b"], default: "a", help: "name" },
      on: { type: "boolean", help: "on" },
    });
    assert.deepEqual(parseArgs([], specs, "t").flags, { k: 3, name: "a" });
    assert.deepEqual(parseArgs(["--k=5", "--on"], specs, "t").flags, { k: 5, on: true, name: "a" });
    const help = helpText("t", "d", specs);
    assert.match(help, /--k VALUE +k \(default 3\)\n/);
    assert.match(help, /--name VALUE +name \(a\|b\) \(default a\)\n/);
  });
  const h: HyperParameters = {
    layers: [4],
    activation: "tanh",
    init: "default",
    loss: "mse",
    optimizer: "adam",
    lr: 0.5,
    momentum: null,
    nesterov: false,
    "weight-decay": null,
    schedule: "none",
    epochs: 3,
    "batch-size": 8,
    "clip-norm": null,
    "clip-value": null,
    l1: null,
    l2: 0.1,
    "batch-norm": false,
    dropout: 0,
    "no-target-scaling": false,
    "validation-split": 0.1,
    "test-split": null,
    patience: 20,
    preprocess: "none",
    seed: 1,
    backend: "js",
    impute: null,
    categorical: null,
    delimiter: null,
  };
  test("the model file's record: camelCase names in declaration order", () => {
    assert.deepEqual(Object.keys(hyperParameterRecord(h)), [
      "layers",
      "activation",
      "init",
      "loss",
      "optimizer",
      "lr",
      "momentum",
      "nesterov",
      "weightDecay",
      "schedule",
      "epochs",
      "batchSize",
      "clipNorm",
      "clipValue",
      "l1",
      "l2",
      "batchNorm",
      "dropout",
      "noTargetScaling",
      "validationSplit",
      "testSplit",
      "patience",
      "impute",
      "categorical",
      "delimiter",
      "preprocess",
      "seed",
      "backend",
    ]);
    assert.equal(hyperParameterRecord(h).batchSize, 8);
  });
  test("the resume identity: data fields and every fixed hyper-parameter, not --epochs", () => {
    const id = runIdentity(h, { data: "d", "data sha256": "ab", task: "regression", target: null });
    assert.equal(id.lr, 0.5);
    assert.equal(id["batch-size"], 8);
    assert.equal(id["data sha256"], "ab");
    assert.ok(!("epochs" in id));
    assert.equal(Object.keys(id).length, 4 + 27);
  });
});

describe("readTrainingCsv", () => {
  test("one pass finds the target (last header column) even when the header spans chunks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "myelin-csv-"));
    try {
      const names = Array.from({ length: 9000 }, (_, j) => `feature_${j}`); // ≈ 110 KB of header
      const row = names.map((_, j) => String(j % 7)).join(",");
      writeFileSync(join(dir, "wide.csv"), `${names.join(",")},label\n${row},0\n${row},1\n`);
      const read = await readTrainingCsv(join(dir, "wide.csv"), "wide.csv", { task: "auto" });
      assert.equal(read.target, "label");
      assert.deepEqual(read.all.x.shape, [2, 9000]);
      assert.deepEqual(read.all.y.shape, [2]);
      const named = await readTrainingCsv(join(dir, "wide.csv"), "wide.csv", {
        task: "regression", // feature_3 is 3 in both rows: one class, refused as a class target
        target: "feature_3",
      });
      assert.equal(named.target, "feature_3");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("the fitted scaler used directly equals the metadata's JSON path, bit for bit", () => {
  seed(3);
  const x = randn([50, 4]).mul(3).add(1);
  const rows: data.Dataset = { x, y: randn([50, 1]), task: "regression" };
  for (const scaler of [data.standardize(x), data.minMax(x)]) {
    const direct = scaled(scaler, rows).x;
    const viaJson = train.applyPreprocessing({ preprocessing: { ...scaler.toJSON() } }, x);
    assert.deepEqual(direct.data, viaJson.data);
  }
  assert.equal(scaled(null, rows), rows);
});
