// safetensors files written by PyTorch (scripts/gen-safetensors-fixtures.py, torch 1.13, the
// format written by hand there) load into Myelin and reproduce PyTorch's recorded outputs within
// rtol 1e-4 / atol 1e-5: an MLP with batch norm loaded into a model built to match (PyTorch's
// way), and plain Linear stacks (F64, F16) whose layers Myelin infers from names and shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { io, nn, noGrad, tensor } from "../../src/node/index.js";

const DIR = new URL("../fixtures/safetensors/", import.meta.url);

interface Recorded {
  inputs: number[][];
  outputs: number[][];
}

function fixture(name: string): { bytes: Uint8Array; recorded: Recorded } {
  const bytes = new Uint8Array(readFileSync(new URL(`${name}.safetensors`, DIR)));
  const recorded = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8")) as Recorded;
  return { bytes, recorded };
}

function assertMatchesTorch(
  model: nn.Module,
  recorded: Recorded,
  dtype: "float32" | "float64",
): void {
  const y = noGrad(() => model.forward(tensor(recorded.inputs, { dtype }))).toArray() as number[][];
  assert.equal(y.length, recorded.outputs.length);
  recorded.outputs.forEach((row, i) =>
    row.forEach((want, j) => {
      const got = y[i][j];
      assert.ok(
        Math.abs(got - want) <= 1e-5 + 1e-4 * Math.abs(want),
        `row ${i} col ${j}: Myelin ${got}, PyTorch ${want}`,
      );
    }),
  );
}

test("a PyTorch MLP with BatchNorm1d loads into the matching Myelin model and gives PyTorch's outputs", () => {
  const { bytes, recorded } = fixture("torch-mlp");
  const model = nn.sequential(
    nn.linear(3, 5),
    nn.batchNorm1d(5, { eps: 1e-3, momentum: 0.3 }),
    nn.gelu({ approximate: "tanh" }),
    nn.linear(5, 4),
    nn.leakyRelu({ negativeSlope: 0.1 }),
    nn.dropout(0.2),
    nn.linear(4, 2),
    nn.logSoftmax(),
  );
  const loaded = io.importSafetensors(bytes, { model });
  assert.equal(loaded, model);
  assert.equal(model.isTraining, false, "imported in eval mode");
  // the int64 counter: four training batches in the generator
  assert.deepEqual(Array.from(model.stateDict()["1.numBatchesTracked"].data), [4]);
  assertMatchesTorch(model, recorded, "float32");
});

test("the MLP without a model to load into: a typed error saying it is not a plain Linear stack and to pass the model", () => {
  const { bytes } = fixture("torch-mlp");
  assert.throws(
    () => io.importSafetensors(bytes),
    (e: unknown) =>
      e instanceof io.ModelFormatError &&
      /no Myelin architecture .* not a plain Linear stack: (tensor "1\.|1\.weight has shape \[5\])/.test(
        e.message,
      ) &&
      /pass it \(\{ model \}\)/.test(e.message),
  );
});

test("a float64 Linear stack from PyTorch: layers inferred from names and shapes, float64 kept", () => {
  const { bytes, recorded } = fixture("torch-linear-f64");
  const model = io.importSafetensors(bytes);
  const layers = (model as nn.Sequential).layers.map((l) => [l.typeName, l.config()]);
  assert.deepEqual(layers, [
    ["Linear", { inFeatures: 3, outFeatures: 4, bias: true }],
    ["Linear", { inFeatures: 4, outFeatures: 4, bias: true }],
    ["Linear", { inFeatures: 4, outFeatures: 2, bias: true }],
  ]);
  assert.ok(model.parameters().every((p) => p.dtype === "float64"));
  assertMatchesTorch(model, recorded, "float64");
});

test("half-precision (F16) weights from PyTorch widen exactly to float32", () => {
  const { bytes, recorded } = fixture("torch-linear-f16");
  assertMatchesTorch(io.importSafetensors(bytes), recorded, "float32");
});
