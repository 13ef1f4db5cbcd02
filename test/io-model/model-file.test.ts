// Model files: save → load of a model holding every layer type (with non-default options, and a
// BatchNorm1d whose running statistics were moved by training) is bit-exact in weights and
// buffers, predicts identically, re-encodes to the same bytes, and keeps its metadata.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Random, seed } from "../../src/tensor/random.js";
import { randn } from "../../src/tensor/create.js";
import { noGrad } from "../../src/autograd/no-grad.js";
import * as nn from "../../src/nn/index.js";
import type { Module } from "../../src/nn/module.js";
import { LAYER_TYPES } from "../../src/nn/registry.js";
import { modelFromBytes, modelToBytes, type ModelMetadata } from "../../src/io/model.js";
import { save, load } from "../../src/node/io/model-file.js";
import * as losses from "../../src/losses/index.js";
import * as optim from "../../src/optim/index.js";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "myelin-model-file-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every registered layer type, options away from their defaults where a layer has options. */
function everyLayer(): Module {
  const g = new Random(21);
  return new nn.Sequential(
    new nn.Linear(5, 12, { generator: g }),
    new nn.BatchNorm1d(12, { eps: 1e-3, momentum: 0.3 }),
    new nn.LeakyReLU({ negativeSlope: 0.2 }),
    new nn.Dropout(0.3),
    new nn.Linear(12, 12, { bias: false, generator: g }),
    new nn.ELU({ alpha: 0.7 }),
    new nn.Softplus({ beta: 2, threshold: 5 }),
    new nn.GELU({ approximate: "tanh" }),
    new nn.Hardtanh({ minVal: -0.5, maxVal: 2 }),
    new nn.Sequential(new nn.Sigmoid(), new nn.Tanh(), new nn.ReLU()),
    new nn.SELU(),
    new nn.Softsign(),
    new nn.SiLU(),
    new nn.Mish(),
    new nn.Hardsigmoid(),
    new nn.ReLU6(),
    new nn.Identity(),
    new nn.PReLU({ numParameters: 12, init: 0.1 }),
    new nn.CELU({ alpha: 0.5 }),
    new nn.Hardswish(),
    new nn.Linear(12, 6, { generator: g }),
    new nn.BatchNorm1d(6, { affine: false }),
    new nn.LogSoftmax({ axis: 1 }),
    new nn.Softmax({ axis: -1 }),
    new nn.Step(),
  );
}

/** The types used in a module tree. */
function typesIn(m: Module, out = new Set<string>()): Set<string> {
  out.add(m.typeName);
  for (const [, c] of m.namedChildren()) typesIn(c, out);
  return out;
}

/** A few SGD steps so the weights and BatchNorm's running statistics move off their initial values. */
function trainABit(model: Module): void {
  const opt = optim.sgd(model.parameters(), { lr: 0.05 });
  const g = new Random(3);
  model.train();
  for (let i = 0; i < 5; i++) {
    const x = randn([16, 5], { generator: g });
    opt.zeroGrad();
    losses.mse(model.forward(x), randn([16, 6], { generator: g }).abs()).backward();
    opt.step();
  }
}

function assertStateEqual(a: Module, b: Module): void {
  const sa = a.stateDict();
  const sb = b.stateDict();
  assert.deepEqual(Object.keys(sb).sort(), Object.keys(sa).sort());
  for (const k of Object.keys(sa)) {
    assert.equal(sb[k].dtype, sa[k].dtype, k);
    assert.deepEqual(sb[k].shape, sa[k].shape, k);
    assert.ok(
      Buffer.from(sb[k].data.buffer, sb[k].data.byteOffset, sb[k].data.byteLength).equals(
        Buffer.from(sa[k].data.buffer, sa[k].data.byteOffset, sa[k].data.byteLength),
      ),
      `${k} differs`,
    );
  }
}

describe("round trip of every layer type", () => {
  const META: ModelMetadata = {
    task: "multiclass",
    labelNames: ["setosa", "versicolor", "virginica", "a", "b", "ç ü ✓"],
    featureNames: ["f1", "f2", "f3", "f4", "f5"],
    target: "species",
    loss: "crossEntropy",
    preprocessing: { kind: "standardize", mean: [1, 2, 3, 4, 5], std: [0.5, 1, 1, 2, 0.25] },
    training: { epochs: 5, seed: 3, final: { loss: 0.125, accuracy: 0.96875 } },
  };

  test("the test model really uses every registered layer type", () => {
    assert.deepEqual([...typesIn(everyLayer())].sort(), [...LAYER_TYPES].sort());
  });

  test("save → load: bit-exact state, identical predictions, same bytes, same metadata", async () => {
    seed(1);
    const model = everyLayer();
    trainABit(model);
    const bn = model.stateDict()["1.runningMean"];
    assert.ok(
      bn.data.some((v) => v !== 0),
      "running mean moved",
    );
    assert.ok(model.stateDict()["1.numBatchesTracked"].item() === 5);
    model.eval();
    const path = join(dir, "every-layer.myelin");
    await save(model, path, META);
    const { model: loaded, meta } = await load(path);
    assert.equal(loaded.isTraining, false, "a loaded model is in eval mode");
    assertStateEqual(model, loaded);
    assert.equal(loaded.stateDict()["4.bias"], undefined, "Linear without bias stays without");
    // (parsed objects have null prototypes, a defence against prototype pollution)
    assert.deepEqual(JSON.parse(JSON.stringify(meta)), META);
    const x = randn([32, 5], { generator: new Random(9) }).mul(3);
    const a = noGrad(() => model.forward(x));
    const b = noGrad(() => loaded.forward(x));
    assert.ok(
      Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer)),
      "predictions identical",
    );
    const bytes = new Uint8Array(await readFile(path));
    assert.ok(
      Buffer.from(modelToBytes(loaded, meta)).equals(Buffer.from(bytes)),
      "re-encoding is byte-identical",
    );
  });

  test("layer configs survive: the loaded layers carry the non-default options", () => {
    const model = everyLayer();
    const { model: loaded } = modelFromBytes(modelToBytes(model));
    const children = loaded.namedChildren().map(([, c]) => [c.typeName, c.config()]);
    assert.deepEqual(
      children,
      model.namedChildren().map(([, c]) => [c.typeName, c.config()]),
    );
    const byIndex = Object.fromEntries(children.map(([t, c], i) => [`${i}:${String(t)}`, c]));
    assert.deepEqual(byIndex["2:LeakyReLU"], { negativeSlope: 0.2 });
    assert.deepEqual(byIndex["6:Softplus"], { beta: 2, threshold: 5 });
    assert.deepEqual(byIndex["7:GELU"], { approximate: "tanh" });
    assert.deepEqual(byIndex["8:Hardtanh"], { minVal: -0.5, maxVal: 2 });
    assert.equal((byIndex["3:Dropout"] as { p: number }).p, 0.3);
    assert.deepEqual(byIndex["17:PReLU"], { numParameters: 12, init: 0.1 });
    assert.deepEqual(byIndex["18:CELU"], { alpha: 0.5 });
  });

  test("float64 models round-trip as float64", () => {
    const model = new nn.Sequential(
      new nn.Linear(3, 2, { dtype: "float64", generator: new Random(2) }),
    );
    const { model: loaded } = modelFromBytes(modelToBytes(model));
    assertStateEqual(model, loaded);
    assert.equal(loaded.stateDict()["0.weight"].dtype, "float64");
  });
});

describe("single layers saved alone", () => {
  // Each of these is a whole model file by itself; the loader must not demand weights a layer
  // configuration does not have (a Linear without bias, a BatchNorm without affine or statistics).
  const cases: [string, () => Module][] = [
    ["Linear with bias", () => new nn.Linear(4, 3)],
    ["Linear without bias", () => new nn.Linear(4, 3, { bias: false })],
    ["BatchNorm1d", () => new nn.BatchNorm1d(4)],
    ["BatchNorm1d affine: false", () => new nn.BatchNorm1d(4, { affine: false })],
    [
      "BatchNorm1d trackRunningStats: false",
      () => new nn.BatchNorm1d(4, { trackRunningStats: false }),
    ],
    ["BatchNorm1d momentum: null", () => new nn.BatchNorm1d(4, { momentum: null })],
    [
      "BatchNorm1d with neither",
      () => new nn.BatchNorm1d(4, { affine: false, trackRunningStats: false }),
    ],
    [
      "Sequential(Linear without bias)",
      () => new nn.Sequential(new nn.Linear(4, 3, { bias: false })),
    ],
    ["ReLU", () => new nn.ReLU()],
    ["empty Sequential", () => new nn.Sequential()],
  ];
  for (const [name, make] of cases) {
    test(name, () => {
      const model = make();
      const bytes = modelToBytes(model);
      const { model: loaded } = modelFromBytes(bytes);
      assert.equal(loaded.typeName, model.typeName);
      assertStateEqual(model, loaded);
      assert.deepEqual(loaded.config(), model.config());
      assert.ok(Buffer.from(modelToBytes(loaded)).equals(Buffer.from(bytes)));
    });
  }
});

test("saving is deterministic: the same model gives the same file twice", async () => {
  const model = everyLayer();
  const p1 = join(dir, "a.myelin");
  const p2 = join(dir, "b.myelin");
  await save(model, p1, { labelNames: ["x"] });
  await save(model, p2, { labelNames: ["x"] });
  assert.ok((await readFile(p1)).equals(await readFile(p2)));
});
