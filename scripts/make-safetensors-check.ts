// Writes the models scripts/check-safetensors.py checks in PyTorch: for each case a folder with
// model.safetensors and model.py (written by io.exportSafetensors / io.pytorchSnippet, or by
// `myelin export` for the CSV-trained model) and check.json holding inputs and Myelin's outputs.
// Cases: every activation layer (non-default options where a layer has any), BatchNorm1d with
// trained running statistics, Dropout, a nested Sequential, a float64 model, and a model
// trained on a CSV by `myelin train` (its inputs are the test rows after the stored preprocessing).
//
//   node --import tsx scripts/make-safetensors-check.ts DIR   (npm run interop:pytorch runs both)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { io, nn, noGrad, Random, randn, seed, train, type Tensor } from "../src/node/index.js";
import { readCsvFeatures } from "../src/cli/csv-file.js";
import { main } from "../src/cli/main.js";
import { data } from "../src/node/index.js";

const PENGUINS = fileURLToPath(
  new URL("../test/fixtures/tabular/penguins-train.csv", import.meta.url),
);
const PENGUINS_TEST = fileURLToPath(
  new URL("../test/fixtures/tabular/penguins-test.csv", import.meta.url),
);

/** Non-default options for the activation layers that take some (defaults are checked too). */
const OPTIONS: Record<string, Record<string, unknown>> = {
  LeakyReLU: { negativeSlope: 0.2 },
  ELU: { alpha: 0.7 },
  CELU: { alpha: 1.3 },
  GELU: { approximate: "tanh" },
  Softplus: { beta: 2, threshold: 3 },
  Hardtanh: { minVal: -0.5, maxVal: 2 },
  PReLU: { numParameters: 6, init: 0.1 },
};

export interface CheckCase {
  name: string;
  model: nn.Module;
  inputs: Tensor;
}

/** The in-memory cases (the CSV-trained one is made by the CLI in makeSafetensorsCheck). */
export function checkCases(): CheckCase[] {
  seed(7);
  const g = new Random(11);
  const x = (rows: number, cols: number, dtype: "float32" | "float64" = "float32"): Tensor =>
    randn([rows, cols], { generator: g, dtype }).mul(2);
  const cases: CheckCase[] = [];
  for (const [type, cls] of Object.entries(nn.activationLayers)) {
    const act = new cls(OPTIONS[type] ?? {});
    cases.push({
      name: `act-${type}`,
      model: nn.sequential(nn.linear(4, 6), act, nn.linear(6, 3)),
      inputs: x(8, 4),
    });
    if (type === "PReLU") noGrad(() => act.parameters()[0].data.set([0.1, -0.2, 0.3, 0.5, 1.5, 0]));
  }
  cases.push({
    name: "act-GELU-erf",
    model: nn.sequential(nn.linear(4, 5), nn.gelu(), nn.linear(5, 2), nn.logSoftmax()),
    inputs: x(8, 4),
  });
  const bn = nn.sequential(
    nn.linear(4, 6),
    nn.batchNorm1d(6, { eps: 1e-3, momentum: 0.2 }),
    nn.relu(),
    nn.linear(6, 3),
    nn.batchNorm1d(3, { momentum: null, affine: false }),
    nn.softmax(),
  );
  noGrad(() => {
    for (let i = 0; i < 5; i++) bn.forward(x(16, 4).add(1)); // running statistics move
  });
  noGrad(() => {
    for (const p of bn.parameters())
      if (p.shape.length === 1) p.data.set(randn(p.shape, { generator: g }).data);
  });
  cases.push({ name: "batch-norm", model: bn, inputs: x(8, 4) });
  cases.push({
    name: "dropout",
    model: nn.sequential(
      nn.linear(4, 8),
      nn.dropout(0.3),
      nn.relu(),
      nn.linear(8, 2),
      nn.sigmoid(),
    ),
    inputs: x(8, 4),
  });
  cases.push({
    name: "nested",
    model: nn.sequential(
      nn.sequential(nn.linear(3, 5), nn.tanh()),
      nn.linear(5, 2, { bias: false }),
    ),
    inputs: x(8, 3),
  });
  cases.push({
    name: "float64",
    model: nn.sequential(
      nn.linear(3, 4, { dtype: "float64" }),
      nn.elu(),
      nn.linear(4, 2, { dtype: "float64" }),
    ),
    inputs: x(8, 3, "float64"),
  });
  for (const c of cases) c.model.eval();
  return cases;
}

function writeCase(dir: string, inputs: Tensor, outputs: Tensor): void {
  const check = {
    dtype: inputs.dtype,
    inputs: inputs.toArray(),
    outputs: outputs.toArray(),
  };
  writeFileSync(join(dir, "check.json"), JSON.stringify(check) + "\n");
}

/** Write every case under `root`; returns the case names. */
export async function makeSafetensorsCheck(root: string): Promise<string[]> {
  mkdirSync(root, { recursive: true });
  const names: string[] = [];
  for (const c of checkCases()) {
    const dir = join(root, c.name);
    rmSync(dir, { recursive: true, force: true }); // a fresh folder on every run
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "model.safetensors"), io.exportSafetensors(c.model));
    writeFileSync(join(dir, "model.py"), io.pytorchSnippet(c.model));
    writeCase(
      dir,
      c.inputs,
      noGrad(() => c.model.forward(c.inputs)),
    );
    names.push(c.name);
  }
  names.push(await csvTrainedCase(join(root, "csv-penguins")));
  return names;
}

/** `myelin train` on penguins (one-hot island/sex, standardized numbers, batch norm, dropout), then `myelin export`. */
async function csvTrainedCase(dir: string): Promise<string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const quiet = { stdout: () => {}, stderr: () => {}, isTTY: false, cwd: dir };
  const steps = [
    [
      "train",
      "--data",
      PENGUINS,
      "--target",
      "species",
      "--epochs",
      "15",
      "--layers",
      "8",
      "--batch-norm",
      "--dropout",
      "0.1",
      "--out",
      "penguins.myelin",
      "--seed",
      "3",
      "--impute",
      "mean",
    ],
    [
      "export",
      "penguins.myelin",
      "--safetensors",
      "model.safetensors",
      "--pytorch-snippet",
      "model.py",
    ],
  ];
  for (const argv of steps) {
    const lines: string[] = [];
    const code = await main(argv, { ...quiet, stderr: (s: string) => void lines.push(s) });
    if (code !== 0) throw new Error(`myelin ${argv.join(" ")} exited ${code}: ${lines.join("")}`);
  }
  const { model, meta } = await io.load(join(dir, "penguins.myelin"));
  const { x } = await readCsvFeatures(PENGUINS_TEST, "penguins-test.csv", {
    featureNames: meta.featureNames!,
    target: meta.target,
    readTarget: false,
    encoder: data.columnEncoderOf(meta.preprocessing),
  });
  const inputs = train.applyPreprocessing(meta, x);
  writeCase(
    dir,
    inputs,
    noGrad(() => model.forward(inputs)),
  );
  return "csv-penguins";
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2];
  if (root === undefined) {
    console.error("usage: tsx scripts/make-safetensors-check.ts DIR");
    process.exit(2);
  }
  const names = await makeSafetensorsCheck(resolve(root));
  console.log(`wrote ${names.length} cases to ${root}`);
}
