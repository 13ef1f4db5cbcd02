// `myelin export MODEL (--onnx OUT.onnx | --safetensors OUT.safetensors) [--pytorch-snippet OUT.py]
// [--opset N] [--overwrite]`: a model file as ONNX (preprocessing included, for ONNX Runtime) or as
// safetensors weights under PyTorch's names plus a Python snippet that loads them. Outputs get the
// same checks as train's (inside the working directory, new unless --overwrite, distinct from
// each other and from MODEL) and are written atomically.
import { mkdirSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { io } from "../../node/index.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { atMostOneModel, modelArgument } from "../model-argument.js";
import { refuseSharedFiles, type NamedFile } from "../output-files.js";
import { printJson, UsageError, type Io } from "../output.js";
import { checkOutputPath } from "../safe-path.js";
import { removeStaleTemps } from "../stale-temp-cleanup.js";
import { terminalSafe } from "../terminal-text.js";

const FLAGS = defineFlags({
  onnx: {
    type: "string",
    value: "OUT.onnx",
    help: "write the model as ONNX (preprocessing in the graph)",
  },
  safetensors: {
    type: "string",
    value: "OUT.safetensors",
    help: "write the weights as safetensors under PyTorch's nn.Sequential names",
  },
  "pytorch-snippet": {
    type: "string",
    value: "OUT.py",
    help: "with --safetensors: write a Python file that builds the nn.Sequential and loads them",
  },
  opset: { type: "int", value: "N", min: 17, max: 21, help: "ONNX opset (default 17)" },
  overwrite: { type: "boolean", help: "replace existing output files" },
  ...COMMON_FLAGS,
});

const EXPORT_HELP = helpText(
  "myelin export MODEL (--onnx OUT.onnx | --safetensors OUT.safetensors [--pytorch-snippet OUT.py]) [--opset N]",
  "Export a model file for other runtimes: ONNX (runs in ONNX Runtime; takes raw feature rows when the model stores preprocessing) or safetensors weights that PyTorch loads into the matching nn.Sequential (the network only: preprocess rows as the model file says).",
  FLAGS,
);

interface Output {
  flag: string;
  /** As the user wrote it (for messages). */
  given: string;
  path: string;
  bytes: Uint8Array;
}

export async function runExport(argv: string[], stdio: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "export");
  if (flags.help) {
    stdio.stdout(EXPORT_HELP);
    return 0;
  }
  atMostOneModel(positionals, "export");
  if (flags.onnx === undefined && flags.safetensors === undefined) {
    throw new UsageError(
      "nothing to export: give --onnx OUT.onnx or --safetensors OUT.safetensors",
      "export",
    );
  }
  if (flags["pytorch-snippet"] !== undefined && flags.safetensors === undefined) {
    throw new UsageError(
      "--pytorch-snippet needs --safetensors (the snippet loads that file)",
      "export",
    );
  }
  if (flags.opset !== undefined && flags.onnx === undefined) {
    throw new UsageError("--opset applies to --onnx only", "export");
  }
  const modelPath = modelArgument(positionals, "export", stdio.cwd);
  const overwrite = Boolean(flags.overwrite);
  const named: NamedFile[] = [];
  for (const flag of ["onnx", "safetensors", "pytorch-snippet"] as const) {
    const given = flags[flag];
    if (given === undefined) continue;
    const path = checkOutputPath(given, stdio.cwd, {
      flag: `--${flag}`,
      command: "export",
      overwrite,
    });
    named.push({ flag: `--${flag}`, path });
  }
  refuseSharedFiles({
    command: "export",
    outputs: named,
    inputs: [{ flag: "MODEL", path: modelPath }],
  });
  await removeStaleTemps(
    named.map((f) => f.path),
    stdio,
    "export",
  );
  const loaded = await io.load(modelPath);
  const pathOf = (flag: string): string => named.find((f) => f.flag === flag)!.path;
  const outputs: Output[] = [];
  if (flags.onnx !== undefined) {
    const bytes = io.exportOnnx(loaded, flags.opset === undefined ? {} : { opset: flags.opset });
    outputs.push({ flag: "--onnx", given: flags.onnx, path: pathOf("--onnx"), bytes });
  }
  if (flags.safetensors !== undefined) {
    const path = pathOf("--safetensors");
    const bytes = io.exportSafetensors(loaded.model, { metadata: loaded.meta });
    outputs.push({ flag: "--safetensors", given: flags.safetensors, path, bytes });
    const snippet = flags["pytorch-snippet"];
    if (snippet !== undefined) {
      const snippetPath = pathOf("--pytorch-snippet");
      const weightsFile = relative(dirname(snippetPath), path).split(sep).join("/");
      const text = io.pytorchSnippet(loaded.model, { weightsFile });
      const bytes = new TextEncoder().encode(text);
      outputs.push({ flag: "--pytorch-snippet", given: snippet, path: snippetPath, bytes });
    }
  }
  // without --overwrite, create: a file that appeared since the check is never replaced
  for (const o of outputs) {
    mkdirSync(dirname(o.path), { recursive: true });
    await io.writeFileAtomic(o.path, o.bytes, { exclusive: !overwrite });
  }
  if (flags.json) {
    printJson(stdio, {
      ok: true,
      command: "export",
      model: positionals[0],
      outputs: outputs.map((o) => ({ flag: o.flag, path: o.given, bytes: o.bytes.length })),
    });
  } else {
    const list = outputs.map((o) => `${terminalSafe(o.given)} (${o.bytes.length} bytes)`);
    stdio.stderr(`myelin export: wrote ${list.join(", ")}\n`);
  }
  return 0;
}
