// `myelin inspect` of files other runtimes read: an .onnx model (opset, IR version, producer,
// inputs and outputs, the node ops, the initializers) or .safetensors weights (tensors with
// dtypes and shapes, parameter count, metadata, the Myelin architecture when stored). Every
// name and value from the file is printed through the terminal-safe helpers.
import { extname } from "node:path";
import { io } from "../node/index.js";
import { readOnnxFile, readSafetensorsFile } from "../node/io/index.js";
import { CliError, printJson, type Io } from "./output.js";
import { terminalSafe } from "./terminal-text.js";

export type ForeignKind = "onnx" | "safetensors";

/** "onnx" / "safetensors" by the file's extension (any case), else null: a Myelin model file. */
export function foreignKindOf(path: string): ForeignKind | null {
  const ext = extname(path).toLowerCase();
  return ext === ".onnx" ? "onnx" : ext === ".safetensors" ? "safetensors" : null;
}

/** A parse error of a foreign file, as a one-line CLI error naming the format. */
function invalid(kind: ForeignKind, e: unknown): never {
  const what = kind === "onnx" ? "ONNX" : "safetensors";
  const fix =
    kind === "onnx"
      ? "re-export it (myelin export MODEL --onnx FILE)"
      : "re-export it (myelin export MODEL --safetensors FILE)";
  throw new CliError(`not a valid ${what} file: ${(e as Error).message}`, fix);
}

export async function inspectForeign(
  kind: ForeignKind,
  path: string,
  shown: string,
  json: boolean,
  stdio: Io,
): Promise<number> {
  const lines =
    kind === "onnx"
      ? await onnxLines(path, shown, json, stdio)
      : await safetensorsLines(path, shown, json, stdio);
  if (lines !== null) stdio.stdout(lines.join("\n") + "\n");
  return 0;
}

function metadataLines(metadata: Record<string, string>): string[] {
  const keys = Object.keys(metadata).sort();
  if (keys.length === 0) return ["Metadata:     none"];
  return [
    "Metadata:",
    ...keys.map((k) => `  ${terminalSafe(k, 40)} = ${terminalSafe(metadata[k], 100)}`),
  ];
}

async function safetensorsLines(
  path: string,
  shown: string,
  json: boolean,
  stdio: Io,
): Promise<string[] | null> {
  let d: io.SafetensorsDescription;
  try {
    d = io.describeSafetensors(await readSafetensorsFile(path));
  } catch (e) {
    if (e instanceof io.ModelFormatError) invalid("safetensors", e);
    throw e;
  }
  if (json) {
    printJson(stdio, { ok: true, command: "inspect", file: shown, format: "safetensors", ...d });
    return null;
  }
  const arch = d.architecture;
  const layers =
    arch === null
      ? "not stored (PyTorch names only)"
      : "error" in arch
        ? `unreadable: ${terminalSafe(arch.error, 120)}`
        : `${arch.type}(${(arch.children ?? []).map((c) => terminalSafe(c.type, 40)).join(", ")})`;
  const width = Math.min(40, Math.max(4, ...d.tensors.map((t) => t.name.length)));
  return [
    `safetensors ${terminalSafe(shown)}`,
    "",
    `Header:       ${d.headerBytes} bytes`,
    `Architecture: ${layers}`,
    `Tensors (${d.tensors.length}):`,
    ...d.tensors.map(
      (t) =>
        `  ${terminalSafe(t.name, 40).padEnd(width)}  ${t.dtype.padEnd(4)}  [${t.shape.join(", ")}]`,
    ),
    `Parameters:   ${d.parameters} (of ${d.elements} numbers; running statistics and counters are buffers)`,
    ...metadataLines(d.metadata),
  ];
}

async function onnxLines(
  path: string,
  shown: string,
  json: boolean,
  stdio: Io,
): Promise<string[] | null> {
  const bytes = await readOnnxFile(path);
  let d: io.OnnxDescription;
  try {
    d = io.describeOnnx(bytes);
  } catch (e) {
    if (e instanceof io.OnnxError) invalid("onnx", e);
    throw e;
  }
  const parameters = d.initializers.reduce((s, t) => s + t.dims.reduce((a, b) => a * b, 1), 0);
  if (json) {
    printJson(stdio, {
      ok: true,
      command: "inspect",
      file: shown,
      format: "onnx",
      parameters,
      ...d,
    });
    return null;
  }
  const shape = (s: (number | string)[]) =>
    `[${s.map((v) => terminalSafe(String(v), 20)).join(", ")}]`;
  const width = Math.min(40, Math.max(4, ...d.initializers.map((t) => t.name.length)));
  return [
    `ONNX ${terminalSafe(shown)}`,
    "",
    `Opset ${d.opset}, IR version ${d.irVersion}, producer ${terminalSafe(d.producer || "unknown", 60)}`,
    ...d.inputs.map(
      (i) => `Input:        ${terminalSafe(i.name, 60)} ${shape(i.shape)} ${i.dtype}`,
    ),
    ...d.outputs.map((o) => `Output:       ${terminalSafe(o.name, 60)} ${shape(o.shape)}`),
    `Nodes (${d.nodes.length}):    ${d.nodes.map((n) => terminalSafe(n.op, 30)).join(" → ")}`,
    `Initializers (${d.initializers.length}):`,
    ...d.initializers.map(
      (t) =>
        `  ${terminalSafe(t.name, 40).padEnd(width)}  ${terminalSafe(t.dtype, 10).padEnd(7)}  [${t.dims.join(", ")}]`,
    ),
    `Parameters:   ${parameters} (initializer elements)`,
    ...metadataLines(d.metadata),
  ];
}
