// exportSafetensors writes PyTorch's state_dict names, shapes and dtypes (the expected list below
// is what torch 1.13 prints for the same nn.Sequential), importSafetensors rebuilds the model
// bit for bit, export → import → export is byte-stable, and the snippet spells each layer as
// torch.nn does. Refusals are typed: custom layers, architectures the tensors cannot back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Module } from "../../nn/module.js";
import * as nn from "../../nn/index.js";
import { Random } from "../../tensor/random.js";
import { randn } from "../../tensor/create.js";
import { noGrad } from "../../autograd/no-grad.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ModelEncodeError, ModelFormatError } from "../errors.js";
import {
  describeSafetensors,
  exportSafetensors,
  importSafetensors,
  pytorchSnippet,
  readSafetensors,
  writeSafetensors,
} from "./index.js";

function mixedModel(): nn.Sequential {
  const m = nn.sequential(
    nn.linear(2, 3),
    nn.batchNorm1d(3),
    nn.relu(),
    nn.dropout(0.5),
    nn.prelu({ numParameters: 3 }),
    nn.sequential(nn.linear(3, 1, { bias: false }), nn.tanh()),
  );
  const g = new Random(5);
  noGrad(() => {
    for (const t of Object.values(m.stateDict())) t.data.set(randn(t.shape, { generator: g }).data);
    m.stateDict()["1.numBatchesTracked"].data[0] = 12;
    m.stateDict()["1.runningVar"].data.set([0.5, 1.5, 2]);
  });
  return m;
}

test("names, shapes and dtypes are PyTorch's state_dict of the same nn.Sequential", () => {
  const file = readSafetensors(exportSafetensors(mixedModel()));
  const got = [...file.tensors].map(([n, t]) => [n, t.shape, t.dtype]).sort();
  // torch: nn.Sequential(nn.Linear(2,3), nn.BatchNorm1d(3), nn.ReLU(), nn.Dropout(0.5),
  //   nn.PReLU(3), nn.Sequential(nn.Linear(3,1,bias=False), nn.Tanh())).state_dict()
  const torch = [
    ["0.weight", [3, 2], "F32"],
    ["0.bias", [3], "F32"],
    ["1.weight", [3], "F32"],
    ["1.bias", [3], "F32"],
    ["1.running_mean", [3], "F32"],
    ["1.running_var", [3], "F32"],
    ["1.num_batches_tracked", [], "I64"],
    ["4.weight", [3], "F32"],
    ["5.0.weight", [1, 3], "F32"],
  ].sort();
  assert.deepEqual(got, torch);
  const count = file.tensors.get("1.num_batches_tracked")!.data;
  assert.equal(new DataView(count.buffer, count.byteOffset, 8).getBigInt64(0, true), 12n);
  assert.equal(file.metadata.format, "pt");
});

test("every tensor starts at a multiple of its element size; the header is space-padded to 8", () => {
  const bytes = exportSafetensors(mixedModel());
  const { headerBytes, tensors } = readSafetensors(bytes);
  assert.equal((8 + headerBytes) % 8, 0);
  const dataStart = 8 + headerBytes;
  for (const [name, t] of tensors) {
    const size = t.dtype === "I64" ? 8 : 4;
    assert.equal((t.data.byteOffset - dataStart) % size, 0, name);
  }
});

test("export → import rebuilds the architecture and every bit of state; export again is byte-identical", () => {
  const model = mixedModel();
  const bytes = exportSafetensors(model);
  const back = importSafetensors(bytes);
  assert.equal(back.isTraining, false);
  const bits = (m: Module) =>
    Object.entries(m.stateDict()).map(([n, t]) => [n, t.dtype, t.shape, Array.from(t.data)]);
  assert.deepEqual(bits(back), bits(model));
  assert.deepEqual(exportSafetensors(back), bytes);
  model.eval();
  const x = randn([4, 2], { generator: new Random(1) });
  const y = (m: Module): number[] => Array.from(noGrad(() => m.forward(x)).data);
  assert.deepEqual(y(back), y(model));
});

test("float64 models stay float64 (F64), and the snippet converts the torch model with .double()", () => {
  const model = nn.sequential(nn.linear(2, 2, { dtype: "float64" }), nn.sigmoid());
  const bytes = exportSafetensors(model);
  assert.equal(readSafetensors(bytes).tensors.get("0.weight")!.dtype, "F64");
  const back = importSafetensors(bytes);
  assert.ok(back.parameters().every((p: Tensor) => p.dtype === "float64"));
  assert.match(pytorchSnippet(model), /^model = model\.double\(\)$/m);
});

test("the snippet builds each layer as torch.nn spells it and loads with strict=True", () => {
  const model = nn.sequential(
    nn.linear(4, 3, { bias: false }),
    nn.batchNorm1d(3, { eps: 1e-3, momentum: null }),
    nn.leakyRelu({ negativeSlope: 0.2 }),
    nn.gelu({ approximate: "tanh" }),
    nn.hardTanh({ minVal: -2, maxVal: 0.5 }),
    nn.softplus({ beta: 2, threshold: 10 }),
    nn.step(),
    nn.dropout(0.25),
    nn.softmax(),
  );
  const text = pytorchSnippet(model, { weightsFile: "w/m.safetensors" });
  for (const line of [
    "nn.Linear(4, 3, bias=False),  # 0",
    "nn.BatchNorm1d(3, eps=0.001, momentum=None, affine=True, track_running_stats=True),  # 1",
    "nn.LeakyReLU(negative_slope=0.2),  # 2",
    'nn.GELU(approximate="tanh"),  # 3',
    "nn.Hardtanh(min_val=-2.0, max_val=0.5),  # 4",
    "nn.Softplus(beta=2.0, threshold=10.0),  # 5",
    "Step(),  # 6",
    "nn.Dropout(p=0.25),  # 7",
    "nn.Softmax(dim=-1),  # 8",
    "class Step(nn.Module):",
    "model.load_state_dict(load_safetensors(WEIGHTS), strict=True)",
    '"w/m.safetensors")',
  ]) {
    assert.ok(text.includes(line), `snippet lacks ${line}:\n${text}`);
  }
  assert.ok(!text.includes("model.double()"));
});

class Scale extends Module {
  static readonly typeName = "test.Scale";
  readonly typeName = Scale.typeName;
  static fromConfig(): Scale {
    return new Scale();
  }
  forward(x: Tensor): Tensor {
    return x.mul(2);
  }
}

test("a registered custom layer has no PyTorch counterpart: ModelEncodeError naming it", () => {
  nn.registerLayer(Scale);
  try {
    const model = nn.sequential(nn.linear(2, 2), new Scale());
    for (const run of [() => exportSafetensors(model), () => pytorchSnippet(model)]) {
      assert.throws(
        run,
        (e: unknown) =>
          e instanceof ModelEncodeError && /model\.1 \("test\.Scale"\)/.test(e.message),
      );
    }
  } finally {
    nn.unregisterLayer(Scale.typeName);
  }
});

test("an architecture larger than the tensors can back is refused before any layer is built", () => {
  const arch = JSON.stringify({
    type: "Sequential",
    config: {},
    children: [{ type: "Linear", config: { inFeatures: 1 << 24, outFeatures: 1 << 24 } }],
  });
  const bytes = writeSafetensors(
    [{ name: "0.weight", dtype: "F32", shape: [1, 1], data: new Uint8Array(4) }],
    { "myelin.architecture": arch },
  );
  assert.throws(
    () => importSafetensors(bytes),
    (e: unknown) =>
      e instanceof ModelFormatError &&
      /declares 281474993487872 weights but the file holds only 1/.test(e.message),
  );
});

test("weights that do not fit the given model: ModelFormatError naming the key", () => {
  const bytes = exportSafetensors(nn.sequential(nn.linear(2, 3)));
  assert.throws(
    () => importSafetensors(bytes, { model: nn.sequential(nn.linear(2, 4)) }),
    (e: unknown) =>
      e instanceof ModelFormatError &&
      /"0\.(weight|bias)" has shape \[3(, 2)?\] but the model expects \[4/.test(e.message),
  );
});

test("describeSafetensors: tensors by name, parameters without BatchNorm's buffers, the architecture", () => {
  const d = describeSafetensors(exportSafetensors(mixedModel()));
  assert.equal(d.tensors[0].name, "0.bias");
  assert.equal(d.elements, 6 + 3 + 3 * 4 + 1 + 3 + 3);
  assert.equal(d.parameters, 6 + 3 + 3 + 3 + 3 + 3);
  assert.ok(d.architecture !== null && "type" in d.architecture);
  assert.equal(d.architecture.type, "Sequential");
});
