// `myelin export`: safetensors weights that load back into the same network, a PyTorch snippet
// that points at them from its own folder, ONNX with the chosen opset; outputs as safe as
// train's (no overwrite without --overwrite, never over the model). `myelin inspect` of the
// exported .safetensors and .onnx files, and of a corrupt one (a typed one-line error).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io, nn, noGrad, tensor } from "../../src/node/index.js";
import { runMain, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
const meta: io.ModelMetadata = {
  task: "multiclass",
  loss: "crossEntropy",
  featureNames: ["a", "b"],
  target: "y",
  labelNames: ["p", "q"],
};

before(async () => {
  work = tempDir("myelin-export-");
  const model = nn.sequential(nn.linear(2, 4), nn.batchNorm1d(4), nn.gelu(), nn.linear(4, 2));
  await io.save(model, join(work.dir, "m.myelin"), meta);
});
after(() => work.done());

const run = (argv: string) => runMain(argv.split(" "), work.dir);

describe("myelin export", () => {
  test("--safetensors and --pytorch-snippet: weights that import to the same outputs, a snippet that finds them", async () => {
    const r = await run("export m.myelin --safetensors w/m.safetensors --pytorch-snippet py/m.py");
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^myelin export: wrote w\/m\.safetensors \(\d+ bytes\), py\/m\.py \(\d+ bytes\)$/m,
    );
    const { model } = await io.load(join(work.dir, "m.myelin"));
    const back = await io.loadSafetensors(join(work.dir, "w/m.safetensors"));
    const x = tensor([
      [0.5, -1],
      [2, 0.25],
    ]);
    assert.deepEqual(
      noGrad(() => back.forward(x)).toArray(),
      noGrad(() => model.forward(x)).toArray(),
    );
    const snippet = readFileSync(join(work.dir, "py/m.py"), "utf8");
    assert.match(snippet, /"\.\.\/w\/m\.safetensors"\)$/m);
    assert.match(snippet, /load_state_dict\(load_safetensors\(WEIGHTS\), strict=True\)/);
    const stored = io.readSafetensors(readFileSync(join(work.dir, "w/m.safetensors"))).metadata;
    assert.deepEqual(JSON.parse(stored["myelin.metadata"]).labelNames, ["p", "q"]);
  });

  test("--onnx with --opset writes an ONNX model of that opset; --json lists the outputs", async () => {
    const r = await run("export m.myelin --onnx o/m.onnx --opset 18 --json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      outputs: { flag: string; path: string; bytes: number }[];
    };
    assert.deepEqual(
      out.outputs.map((o) => [o.flag, o.path]),
      [["--onnx", "o/m.onnx"]],
    );
    const d = io.describeOnnx(readFileSync(join(work.dir, "o/m.onnx")));
    assert.equal(d.opset, 18);
    assert.equal(out.outputs[0].bytes, readFileSync(join(work.dir, "o/m.onnx")).length);
  });

  test("an existing output is kept without --overwrite and replaced with it", async () => {
    writeFileSync(join(work.dir, "old.safetensors"), "keep me");
    const refused = await run("export m.myelin --safetensors old.safetensors");
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /--safetensors "old\.safetensors": already exists; pass --overwrite/,
    );
    assert.equal(readFileSync(join(work.dir, "old.safetensors"), "utf8"), "keep me");
    const replaced = await run("export m.myelin --safetensors old.safetensors --overwrite");
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.ok(io.importSafetensors(readFileSync(join(work.dir, "old.safetensors"))));
  });

  test("the snippet and the weights may not be one file, nor the model; nothing is written", async () => {
    const r = await run("export m.myelin --safetensors s.x --pytorch-snippet s.x");
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /--pytorch-snippet ".*s\.x" is the same file as the output --safetensors/,
    );
    const before = readFileSync(join(work.dir, "m.myelin"));
    const over = await run("export m.myelin --safetensors m.myelin --overwrite");
    assert.equal(over.code, 2);
    assert.deepEqual(readFileSync(join(work.dir, "m.myelin")), before);
  });
});

describe("myelin inspect of exported files", () => {
  test(".safetensors: architecture, every tensor with dtype and shape, parameters, metadata", async () => {
    await run("export m.myelin --safetensors i.safetensors");
    const r = await run("inspect i.safetensors");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Architecture: Sequential\(Linear, BatchNorm1d, GELU, Linear\)$/m);
    assert.match(r.stdout, /^ {2}1\.num_batches_tracked +I64 +\[\]$/m);
    assert.match(r.stdout, /^ {2}0\.weight +F32 +\[4, 2\]$/m);
    // 2·4 + 4 + 4 + 4 + 4·2 + 2 parameters; + running mean, var (4 each) and the counter
    assert.match(r.stdout, /^Parameters: +30 \(of 39 numbers;/m);
    assert.match(r.stdout, /^ {2}format = pt$/m);
    const json = JSON.parse(
      (await run("inspect i.safetensors --json")).stdout,
    ) as io.SafetensorsDescription;
    assert.equal(json.tensors.length, 9);
  });

  test(".onnx: opset, IR version, input and output, the ops in order, the initializers", async () => {
    await run("export m.myelin --onnx i.onnx");
    const r = await run("inspect i.onnx");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Opset 17, IR version 8, producer /m);
    assert.match(r.stdout, /^Input: +\S+ \[N, 2\] float32$/m);
    assert.match(r.stdout, /Gemm → BatchNormalization → /);
    assert.match(r.stdout, /^ {2}0\.weight +float32 +\[4, 2\]$/m);
  });

  test("a corrupt .safetensors: one typed line, exit 1", async () => {
    const bytes = readFileSync(join(work.dir, "i.safetensors"));
    writeFileSync(join(work.dir, "cut.safetensors"), bytes.subarray(0, bytes.length - 3));
    const r = await run("inspect cut.safetensors");
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^myelin inspect: not a valid safetensors file: safetensors: .*\[(out-of-bounds|gap-in-data|trailing-bytes)\]; re-export it/m,
    );
  });
});
