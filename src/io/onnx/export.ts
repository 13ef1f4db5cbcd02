// exportOnnx: a Myelin model (or a loaded model file with its metadata) → the bytes of an ONNX
// ModelProto. Graph: input [N, D] → stored preprocessing → the layers → target scaling →
// output; a dynamic batch dimension "N"; opset 17 by default. Same model ⇒ same bytes.
import { Module } from "../../nn/module.js";
import { canonicalJson } from "../canonical-json.js";
import type { ModelMetadata } from "../metadata.js";
import type { LoadedModel } from "../model.js";
import { OnnxExportError } from "./errors.js";
import { emitModule, inputWidth, outputWidth } from "./export-layers.js";
import { emitPreprocessing, emitTargetScaling, rawInputWidth } from "./export-preprocessing.js";
import { GraphBuilder } from "./graph-builder.js";
import { encodeModelProto, FLOAT, onnx } from "./proto.js";

/** Options of {@link exportOnnx}. */
export interface OnnxExportOptions {
  /** Default-domain opset, 17 (default) to 21. */
  opset?: number;
  /** Name of the graph input (default "input"). */
  inputName?: string;
  /** Name of the graph output (default "output"). */
  outputName?: string;
  /**
   * Put the stored preprocessing and target scaling into the graph (default true when the
   * metadata has any), so the graph takes raw rows; false exports the bare network.
   */
  includePreprocessing?: boolean;
}

export const DEFAULT_OPSET = 17;
/** The IR version each supported opset was released with (onnx/docs/Versioning.md). */
export const IR_VERSION_OF_OPSET: Readonly<Record<number, number>> = {
  17: 8,
  18: 8,
  19: 9,
  20: 9,
  21: 10,
};
/** metadata_props keys: the model's metadata (canonical JSON) and whether its steps are in the graph. */
export const METADATA_KEY = "myelin.metadata";
export const IN_GRAPH_KEY = "myelin.preprocessing-in-graph";
/** The metadata fields carried into the .onnx file (training summaries stay in .myelin files). */
const CARRIED = [
  "task",
  "labelNames",
  "featureNames",
  "target",
  "loss",
  "preprocessing",
  "targetScaling",
];

/** A model and the metadata its exported graph follows. */
function unpack(source: Module | LoadedModel): { model: Module; meta: ModelMetadata } {
  if (source instanceof Module) return { model: source, meta: {} };
  if (typeof source === "object" && source !== null && source.model instanceof Module) {
    return { model: source.model, meta: source.meta ?? {} };
  }
  throw new OnnxExportError("exportOnnx: expected an nn.Module or a loaded model { model, meta }");
}

function checkName(name: unknown, what: string): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 200) {
    throw new OnnxExportError(
      `exportOnnx: ${what} must be a non-empty string of at most 200 characters`,
    );
  }
  return name;
}

/**
 * Export a model to ONNX bytes. Every layer Myelin can save maps to ONNX nodes (the op table in
 * src/io/onnx/README.md); a model with stored preprocessing (a loaded model file) gets it as
 * leading nodes, and a regression model's target scaling as trailing ones.
 *
 *   const bytes = io.exportOnnx(nn.sequential(nn.linear(4, 8), nn.relu(), nn.linear(8, 3)));
 *   const loaded = io.modelFromBytes(fileBytes); io.exportOnnx(loaded); // raw rows in
 *
 * Weights are written as float32 (a float64 model is rounded). Throws OnnxExportError for a
 * layer with no ONNX mapping (a registered custom layer) or bad options.
 */
export function exportOnnx(
  source: Module | LoadedModel,
  options: OnnxExportOptions = {},
): Uint8Array {
  const { model, meta } = unpack(source);
  const opset = options.opset ?? DEFAULT_OPSET;
  const irVersion = IR_VERSION_OF_OPSET[opset];
  if (irVersion === undefined) {
    throw new OnnxExportError(
      `exportOnnx: opset must be an integer from 17 to 21, got ${String(opset)}`,
    );
  }
  const inputName = checkName(options.inputName ?? "input", "inputName");
  const outputName = checkName(options.outputName ?? "output", "outputName");
  if (inputName === outputName)
    throw new OnnxExportError("exportOnnx: inputName and outputName must differ");
  const hasSteps =
    (meta.preprocessing !== undefined && meta.preprocessing !== null) ||
    meta.targetScaling !== undefined;
  const inGraph = options.includePreprocessing ?? hasSteps;

  const b = new GraphBuilder();
  let x = inGraph ? emitPreprocessing(b, meta, inputName) : inputName;
  x = emitModule(b, model, x, "");
  if (inGraph) x = emitTargetScaling(b, meta, x);
  if (b.nodes.length === 0 || x === inputName) x = b.node("Identity", [x], "/Identity");
  b.renameLastOutput(outputName);

  const d = (inGraph ? rawInputWidth(meta) : undefined) ?? inputWidth(model);
  const k = inGraph && meta.targetScaling ? meta.targetScaling.mean.length : outputWidth(model);
  const graph = new onnx.GraphProto({
    name: "myelin",
    node: b.nodes,
    initializer: b.initializers,
    input: [valueInfo(inputName, d, "D")],
    output: [valueInfo(outputName, k, "K")],
  });
  return encodeModelProto(
    new onnx.ModelProto({
      irVersion,
      opsetImport: [new onnx.OperatorSetIdProto({ domain: "", version: opset })],
      producerName: "myelin",
      graph,
      metadataProps: metadataProps(meta, inGraph),
    }),
  );
}

/** A float tensor [N, width] value; an unknown width gets the symbolic name `symbol`. */
function valueInfo(name: string, width: number | undefined, symbol: string): onnx.ValueInfoProto {
  const dim = (v: number | string) =>
    new onnx.TensorShapeProto.Dimension(typeof v === "number" ? { dimValue: v } : { dimParam: v });
  return new onnx.ValueInfoProto({
    name,
    type: new onnx.TypeProto({
      tensorType: new onnx.TypeProto.Tensor({
        elemType: FLOAT,
        shape: new onnx.TensorShapeProto({ dim: [dim("N"), dim(width ?? symbol)] }),
      }),
    }),
  });
}

function metadataProps(meta: ModelMetadata, inGraph: boolean): onnx.StringStringEntryProto[] {
  const carried = Object.fromEntries(
    CARRIED.filter((key) => meta[key as keyof ModelMetadata] !== undefined).map((key) => [
      key,
      meta[key as keyof ModelMetadata],
    ]),
  );
  if (Object.keys(carried).length === 0) return [];
  const entry = (key: string, value: string) => new onnx.StringStringEntryProto({ key, value });
  return [entry(METADATA_KEY, canonicalJson(carried, 64)), entry(IN_GRAPH_KEY, String(inGraph))];
}
