// describeOnnx: what an .onnx file holds, for `myelin inspect` — opset, IR version, producer, the
// graph's inputs and outputs, its nodes and initializers — read through the same validation as
// import (so a hostile file is refused the same way), without building a model.
import { readGraph } from "./import-graph.js";
import { decodeModelProto, DOUBLE } from "./proto.js";

/** What {@link describeOnnx} reads from an ONNX file: versions, producer, inputs/outputs, ops. */
export interface OnnxDescription {
  opset: number;
  irVersion: number;
  /** producer_name and producer_version ("pytorch 1.13.0", "myelin"). */
  producer: string;
  inputs: { name: string; shape: (number | string)[]; dtype: "float32" | "float64" }[];
  outputs: { name: string; shape: (number | string)[] }[];
  nodes: { op: string; name: string }[];
  initializers: { name: string; dims: number[]; dtype: string }[];
  /** metadata_props, e.g. myelin.metadata. */
  metadata: Record<string, string>;
}

const DTYPE_NAMES: Record<number, string> = { 1: "float32", 7: "int64", 9: "bool", 11: "float64" };

/** Describe an .onnx file's bytes. Throws OnnxError as importOnnx does for a malformed file. */
export function describeOnnx(bytes: Uint8Array): OnnxDescription {
  const proto = decodeModelProto(bytes);
  const g = readGraph(proto);
  const shape = (width: number | undefined) => ["N", width ?? "D"];
  return {
    opset: g.opset,
    irVersion: g.irVersion,
    producer: g.producer,
    inputs: [
      {
        name: g.input.name,
        shape: shape(g.input.width),
        dtype: g.input.elemType === DOUBLE ? "float64" : "float32",
      },
    ],
    outputs: [{ name: g.output.name, shape: shape(g.output.width) }],
    nodes: (proto.graph?.node ?? []).map((n, i) => ({
      op: n.opType ?? "",
      name: n.name || `#${i}`,
    })),
    initializers: [...g.initializerProtos].map(([name, t]) => ({
      name,
      dims: [...g.constants.get(name)!.dims],
      dtype: DTYPE_NAMES[t.dataType ?? 0] ?? String(t.dataType),
    })),
    metadata: Object.fromEntries(g.metadata),
  };
}
