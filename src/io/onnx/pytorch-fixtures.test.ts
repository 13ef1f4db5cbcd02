// Graphs written by torch.onnx.export (PyTorch 1.13, opset 17) and two built with onnx.helper
// (MatMul + Add; Gemm with alpha, beta, transB = 0), by scripts/gen-onnx-fixtures.py: each
// imports, reproduces PyTorch's (or numpy's) recorded outputs, trains, and re-exports stably.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { mse } from "../../losses/mse.js";
import { sgd } from "../../optim/index.js";
import { fromData } from "../../tensor/create.js";
import { assertClose } from "../../../test/support/onnx-runtime.js";
import { describeOnnx, exportOnnx, importOnnx } from "./index.js";

const DIR = new URL("../../../test/fixtures/onnx/", import.meta.url);
interface Case {
  x: number[];
  xShape: [number, number];
  y: number[];
  yShape: number[];
}
const expected = JSON.parse(readFileSync(new URL("expected.json", DIR), "utf8")) as {
  cases: Record<string, Case>;
};
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(`${name}.onnx`, DIR)));

describe("PyTorch's ONNX exports import into Myelin", () => {
  for (const [name, c] of Object.entries(expected.cases)) {
    test(`${name}: reproduces the recorded outputs; import → export → import → export is byte-stable`, () => {
      const { model } = importOnnx(bytesOf(name));
      const y = model.forward(fromData(Float32Array.from(c.x), c.xShape));
      assert.deepEqual(y.shape, c.yShape);
      assertClose(y.data, c.y, name);
      const first = exportOnnx(model);
      assert.deepEqual(exportOnnx(importOnnx(first).model), first);
    });
  }

  test("the fixtures are what the script says: PyTorch 1.13 at opset 17, and the Erf GELU pattern", () => {
    const d = describeOnnx(bytesOf("gelu-erf"));
    assert.equal(d.producer, "pytorch 1.13.0");
    assert.equal(d.opset, 17);
    assert.deepEqual(
      d.nodes.map((n) => n.op).filter((op) => op !== "Constant"),
      ["Gemm", "Div", "Erf", "Add", "Mul", "Mul", "Gemm"],
    );
    const types = importOnnx(bytesOf("gelu-erf"))
      .model.namedChildren()
      .map(([, l]) => l.typeName);
    assert.deepEqual(types, ["Linear", "GELU", "Linear"]);
  });

  test("an imported model is trainable: a few SGD steps lower its loss", () => {
    const c = expected.cases["mlp-relu"];
    const { model } = importOnnx(bytesOf("mlp-relu"));
    model.train();
    const x = fromData(Float32Array.from(c.x), c.xShape);
    const target = fromData(new Float32Array(c.y.length), [c.xShape[0], 3]);
    const opt = sgd(model.parameters(), { lr: 0.1 });
    const losses: number[] = [];
    for (let step = 0; step < 5; step++) {
      opt.zeroGrad();
      const loss = mse(model.forward(x), target);
      loss.backward();
      opt.step();
      losses.push(loss.data[0]);
    }
    assert.ok(losses[4] < losses[0], `loss ${losses.join(" → ")}`);
  });
});
