// Every layer and activation Myelin can save, exported to ONNX and run in ONNX Runtime: ORT's
// output matches Myelin's forward (rtol 1e-4, atol 1e-5), the imported model computes the same,
// and export → import → export gives the same bytes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LAYER_TYPES } from "../../nn/registry.js";
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/module.js";
import { setFusionEnabled } from "../../nn/fusion.js";
import { fromData } from "../../tensor/create.js";
import { Random } from "../../tensor/random.js";
import { assertClose, runOnnx } from "../../../test/support/onnx-runtime.js";
import { describeOnnx, exportOnnx, importOnnx } from "./index.js";

const rng = new Random(13);
const ROWS = 9;

/** x [ROWS, d]: normal·3, with 0 and ±3, ±6 (the kinks of relu6, hardsigmoid, …) in row 0. */
function inputs(d: number): Float32Array {
  const x = Float32Array.from({ length: ROWS * d }, () => 3 * (rng.uniform() * 2 - 1) * 1.7);
  [0, 3, -3, 6, -6, 0.5].slice(0, d).forEach((v, j) => (x[j] = v));
  return x;
}

/** Weights U(−1, 1)·scale, so activations see inputs beyond their kinks. */
function randomize(model: Module, scale = 1.5): Module {
  for (const p of model.parameters())
    for (let i = 0; i < p.size; i++) p.data[i] = scale * (rng.uniform() * 2 - 1);
  return model;
}

const around = (act: Module): Module =>
  randomize(nn.sequential(nn.linear(4, 6), act, nn.linear(6, 3)));

function prelu(): Module {
  const m = around(nn.prelu({ numParameters: 6 }));
  return m;
}

function batchNorm(): Module {
  const bn = nn.batchNorm1d(6, { eps: 1e-3 });
  const m = randomize(
    nn.sequential(nn.linear(4, 6), bn, nn.relu(), nn.dropout(0.3), nn.linear(6, 2)),
  );
  m.train();
  m.forward(fromData(inputs(4), [ROWS, 4])); // running statistics move away from 0 and 1
  return m;
}

const CASES: [string, () => Module][] = [
  ...Object.keys(nn.activationLayers)
    .filter((type) => type !== "PReLU")
    .map((type): [string, () => Module] => [type, () => around(new nn.activationLayers[type]())]),
  ["LeakyReLU 0.2", () => around(nn.leakyRelu({ negativeSlope: 0.2 }))],
  ["ELU 0.7", () => around(nn.elu({ alpha: 0.7 }))],
  ["CELU 0.5", () => around(nn.celu({ alpha: 0.5 }))],
  ["GELU tanh", () => around(nn.gelu({ approximate: "tanh" }))],
  ["Softplus β 2, threshold 5", () => around(nn.softplus({ beta: 2, threshold: 5 }))],
  ["Hardtanh −2, 0.5", () => around(nn.hardTanh({ minVal: -2, maxVal: 0.5 }))],
  ["PReLU per feature", prelu],
  ["PReLU single", () => around(nn.prelu())],
  ["BatchNorm1d + Dropout", batchNorm],
  [
    "BatchNorm1d, not affine",
    () => randomize(nn.sequential(nn.linear(4, 5), nn.batchNorm1d(5, { affine: false }))),
  ],
  [
    "Linear without bias",
    () => randomize(nn.sequential(nn.linear(4, 3, { bias: false }), nn.tanh())),
  ],
  [
    "nested Sequential",
    () =>
      randomize(
        nn.sequential(nn.sequential(nn.linear(4, 5), nn.relu()), nn.sequential(nn.linear(5, 2))),
      ),
  ],
  ["a lone Linear", () => randomize(nn.linear(4, 2))],
  [
    "float64 model",
    () => randomize(nn.sequential(nn.linear(4, 3, { dtype: "float64" }), nn.sigmoid())),
  ],
];

async function check(name: string, model: Module): Promise<void> {
  model.eval();
  const x = inputs(4);
  const expected = model.forward(fromData(x, [ROWS, 4])).data;
  const bytes = exportOnnx(model);
  assertClose(await runOnnx(bytes, x, [ROWS, 4]), expected, `${name}: ONNX Runtime`);
  const imported = importOnnx(bytes).model;
  assertClose(
    imported.forward(fromData(x, [ROWS, 4])).data,
    expected,
    `${name}: imported`,
    1e-6,
    1e-6,
  );
  const again = exportOnnx(imported);
  assert.deepEqual(
    exportOnnx(importOnnx(again).model),
    again,
    `${name}: import → export is stable`,
  );
  // a flat Sequential without identity layers comes back as itself: the very same bytes
  if (isCanonical(model)) assert.deepEqual(again, bytes, `${name}: export → import → export`);
}

function isCanonical(model: Module): boolean {
  const children = model.namedChildren().map(([, c]) => c);
  return (
    model instanceof nn.Sequential &&
    children.every(
      (c) => c.namedChildren().length === 0 && !["Dropout", "Identity"].includes(c.typeName),
    )
  );
}

describe("ONNX export runs in ONNX Runtime as Myelin computes it", () => {
  for (const [name, make] of CASES) test(name, () => check(name, make()));

  test("a fused Linear stack exports the same graph as the unfused one", async () => {
    const model = randomize(
      nn.sequential(nn.linear(4, 8), nn.relu(), nn.linear(8, 8), nn.tanh(), nn.linear(8, 2)),
    );
    const fused = exportOnnx(model);
    const previous = setFusionEnabled(false);
    try {
      assert.deepEqual(exportOnnx(model), fused);
    } finally {
      setFusionEnabled(previous);
    }
    await check("fused stack", model);
  });

  test("every built-in layer type is covered by a case above", () => {
    const covered = new Set<string>(["Sequential"]);
    for (const [, make] of CASES) {
      const walk = (m: Module): void => {
        covered.add(m.typeName);
        m.namedChildren().forEach(([, c]) => walk(c));
      };
      walk(make());
    }
    assert.deepEqual(
      LAYER_TYPES.filter((t) => !covered.has(t)),
      [],
    );
  });

  test("named input and output, dynamic batch N, opset and IR version", async () => {
    const model = around(nn.relu());
    const bytes = exportOnnx(model, { inputName: "features", outputName: "scores", opset: 19 });
    const d = describeOnnx(bytes);
    assert.equal(d.opset, 19);
    assert.equal(d.irVersion, 9);
    assert.deepEqual(d.inputs, [{ name: "features", shape: ["N", 4], dtype: "float32" }]);
    assert.deepEqual(d.outputs, [{ name: "scores", shape: ["N", 3] }]);
    assert.equal(describeOnnx(exportOnnx(model)).opset, 17);
    assert.equal(describeOnnx(exportOnnx(model)).irVersion, 8);
    for (const rows of [1, 33]) {
      const x = Float32Array.from({ length: rows * 4 }, (_, i) => Math.sin(i));
      assertClose(
        await runOnnx(bytes, x, [rows, 4], "features"),
        model.forward(fromData(x, [rows, 4])).data,
        `${rows} rows`,
      );
    }
  });

  test("what cannot be exported is an OnnxExportError naming the layer", () => {
    assert.throws(
      () =>
        exportOnnx(nn.sequential(nn.linear(2, 2), nn.batchNorm1d(2, { trackRunningStats: false }))),
      {
        name: "OnnxExportError",
        message: /BatchNorm1d 1 has no running statistics/,
      },
    );
    class Custom extends nn.Module {
      readonly typeName = "my.Custom";
      forward(x: Parameters<Module["forward"]>[0]) {
        return x;
      }
    }
    assert.throws(() => exportOnnx(nn.sequential(new Custom())), {
      name: "OnnxExportError",
      message: /layer 0 of type "my.Custom"/,
    });
    assert.throws(() => exportOnnx(nn.relu(), { opset: 16 }), {
      name: "OnnxExportError",
      message: /opset must be/,
    });
  });
});
