// The first half of import: a decoded ModelProto checked as strictly as Myelin's own files —
// the opset, one float input and one output, every initializer's dtype, dims and byte length
// (checked before any array is allocated), no external data, names defined once and before use
// (SSA, topological order) — and turned into plain values the pattern matcher reads.
import { OnnxError, UnsupportedOnnxOpError } from "./errors.js";
import {
  ATTR_FLOAT,
  ATTR_INT,
  ATTR_TENSOR,
  BOOL,
  DOUBLE,
  FLOAT,
  INT64,
  int64,
  onnx,
} from "./proto.js";

export const MIN_IMPORT_OPSET = 13;
export const MAX_IMPORT_OPSET = 21;
const MAX_NODES = 10_000;
const MAX_INITIALIZERS = 10_000;
const MAX_ATTRIBUTES = 64;
const MAX_NODE_IO = 16;
const MAX_RANK = 8;
/** Largest tensor, and largest total, in elements: 2^26 (64 Mi) each, 2^27 in all. */
export const MAX_TENSOR_ELEMENTS = 1 << 26;
const MAX_TOTAL_ELEMENTS = 1 << 27;

/** A constant: an initializer or a Constant node's value, as float64 values with its dims. */
export interface Constant {
  dims: number[];
  values: Float64Array;
}

export interface Node {
  index: number;
  opType: string;
  /** The node's name, or "#index" when the file gives none. */
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, onnx.AttributeProto>;
  proto: onnx.NodeProto;
}

export interface Graph {
  opset: number;
  irVersion: number;
  producer: string;
  input: { name: string; width: number | undefined; elemType: number };
  output: { name: string; width: number | undefined };
  /** Non-Constant nodes in file order. */
  nodes: Node[];
  constants: Map<string, Constant>;
  initializerProtos: Map<string, onnx.ITensorProto>;
  metadata: Map<string, string>;
}

const bad = (reason: ConstructorParameters<typeof OnnxError>[0], message: string) =>
  new OnnxError(reason, message);

export function defaultOpset(model: onnx.ModelProto): number {
  let opset: number | undefined;
  for (const o of model.opsetImport ?? []) {
    if (o.domain === "" || o.domain === "ai.onnx" || o.domain === undefined || o.domain === null) {
      const v = int64(o.version);
      if (v === null)
        throw bad("unsupported-opset", "the default-domain opset version is not a safe integer");
      opset = v;
    }
  }
  if (opset === undefined)
    throw bad("unsupported-opset", "the model imports no default-domain (ai.onnx) opset");
  return opset;
}

/** Validate and read the graph of a decoded model. */
export function readGraph(model: onnx.ModelProto): Graph {
  const irVersion = int64(model.irVersion);
  if (irVersion === null || irVersion < 3 || irVersion > 11) {
    throw bad("bad-model", `ir_version ${String(model.irVersion)} is outside 3..11`);
  }
  const opset = defaultOpset(model);
  if (opset < MIN_IMPORT_OPSET || opset > MAX_IMPORT_OPSET) {
    throw bad(
      "unsupported-opset",
      `opset ${opset} is outside ${MIN_IMPORT_OPSET}..${MAX_IMPORT_OPSET}`,
    );
  }
  const g = model.graph;
  if (g === null || g === undefined) throw bad("bad-model", "the model has no graph");
  if ((g.node?.length ?? 0) > MAX_NODES) throw bad("bad-graph", `more than ${MAX_NODES} nodes`);
  if ((g.initializer?.length ?? 0) > MAX_INITIALIZERS) {
    throw bad("bad-graph", `more than ${MAX_INITIALIZERS} initializers`);
  }
  if ((g.sparseInitializer?.length ?? 0) > 0)
    throw bad("bad-tensor", "sparse initializers are not supported");

  const defined = new Set<string>();
  const define = (name: string, what: string) => {
    if (typeof name !== "string" || name === "")
      throw bad("bad-graph", `${what} has an empty name`);
    if (defined.has(name))
      throw bad("bad-graph", `${what}: name ${JSON.stringify(name)} is defined twice`);
    defined.add(name);
  };
  const constants = new Map<string, Constant>();
  const initializerProtos = new Map<string, onnx.ITensorProto>();
  const budget = { elements: 0 };
  for (const t of g.initializer ?? []) {
    define(t.name ?? "", "initializer");
    constants.set(t.name!, readTensor(t, `initializer ${JSON.stringify(t.name)}`, budget));
    initializerProtos.set(t.name!, t);
  }
  const realInputs = (g.input ?? []).filter((v) => !constants.has(v.name ?? ""));
  if (realInputs.length !== 1 || (g.output?.length ?? 0) !== 1) {
    throw bad(
      "bad-graph",
      `expected one graph input and one output, got ${realInputs.length} and ${g.output?.length ?? 0}`,
    );
  }
  const input = readValueInfo(realInputs[0], "input");
  const output = readValueInfo(g.output![0], "output");
  define(input.name, "graph input");

  const nodes: Node[] = [];
  (g.node ?? []).forEach((proto, index) => {
    const node = readNode(proto, index, opset);
    for (const name of node.inputs) {
      if (name !== "" && !defined.has(name)) {
        throw bad(
          "bad-graph",
          `node ${JSON.stringify(node.name)} reads ${JSON.stringify(name)} before it is defined (or it is missing: every initializer must be present)`,
        );
      }
    }
    node.outputs.forEach(
      (name) => name !== "" && define(name, `node ${JSON.stringify(node.name)} output`),
    );
    if (node.opType === "Constant") {
      if (node.outputs.length !== 1)
        throw bad("bad-graph", `Constant ${JSON.stringify(node.name)} must have one output`);
      constants.set(node.outputs[0], constantValue(node, budget));
    } else nodes.push(node);
  });
  if (!defined.has(output.name))
    throw bad("bad-graph", `graph output ${JSON.stringify(output.name)} is never computed`);
  const metadata = new Map<string, string>();
  for (const e of model.metadataProps ?? []) metadata.set(e.key ?? "", e.value ?? "");
  return {
    opset,
    irVersion,
    producer: `${model.producerName ?? ""} ${model.producerVersion ?? ""}`.trim(),
    input: { ...input, elemType: input.elemType },
    output,
    nodes,
    constants,
    initializerProtos,
    metadata,
  };
}

function readNode(proto: onnx.INodeProto, index: number, opset: number): Node {
  const name = proto.name ? proto.name : `#${index}`;
  const opType = proto.opType ?? "";
  if (
    proto.domain !== undefined &&
    proto.domain !== null &&
    proto.domain !== "" &&
    proto.domain !== "ai.onnx"
  ) {
    throw new UnsupportedOnnxOpError(
      `${proto.domain}.${opType}`,
      name,
      opset,
      "ops outside the default ONNX domain are not supported",
    );
  }
  const inputs = proto.input ?? [];
  const outputs = proto.output ?? [];
  if (inputs.length > MAX_NODE_IO || outputs.length > MAX_NODE_IO || outputs.length === 0) {
    throw bad(
      "bad-graph",
      `node ${JSON.stringify(name)} has ${inputs.length} inputs and ${outputs.length} outputs`,
    );
  }
  const attrs = proto.attribute ?? [];
  if (attrs.length > MAX_ATTRIBUTES)
    throw bad(
      "bad-graph",
      `node ${JSON.stringify(name)} has more than ${MAX_ATTRIBUTES} attributes`,
    );
  const attributes = new Map<string, onnx.AttributeProto>();
  for (const a of attrs) {
    if (attributes.has(a.name ?? ""))
      throw bad(
        "bad-graph",
        `node ${JSON.stringify(name)} repeats attribute ${JSON.stringify(a.name)}`,
      );
    attributes.set(a.name ?? "", a as onnx.AttributeProto);
  }
  return { index, opType, name, inputs, outputs, attributes, proto: proto as onnx.NodeProto };
}

/** The graph input or output: a float tensor [N, D] (D known, symbolic or absent). */
function readValueInfo(
  v: onnx.IValueInfoProto,
  what: string,
): { name: string; width: number | undefined; elemType: number } {
  const t = v.type?.tensorType;
  if (t === null || t === undefined)
    throw bad("bad-graph", `graph ${what} ${JSON.stringify(v.name)} is not a tensor`);
  const elemType = t.elemType ?? 0;
  if (elemType !== FLOAT && elemType !== DOUBLE) {
    throw bad(
      "bad-dtype",
      `graph ${what} ${JSON.stringify(v.name)} has element type ${elemType}; only float32 (1) and float64 (11) are supported`,
    );
  }
  const dims = t.shape?.dim ?? null;
  if (dims !== null && dims.length !== 2) {
    throw bad(
      "bad-shape",
      `graph ${what} ${JSON.stringify(v.name)} has rank ${dims.length}; Myelin models take [N, D]`,
    );
  }
  let width: number | undefined;
  const d1 = dims?.[1];
  if (d1 && d1.dimValue !== undefined && d1.dimValue !== null && d1.value === "dimValue") {
    const w = int64(d1.dimValue);
    if (w === null || w < 1 || w > MAX_TENSOR_ELEMENTS)
      throw bad("bad-shape", `graph ${what} width ${String(d1.dimValue)} is not a valid size`);
    width = w;
  }
  return { name: v.name ?? "", width, elemType };
}

/** Element size of the dtypes import reads. */
const ELEMENT_BYTES: Record<number, number> = { [FLOAT]: 4, [DOUBLE]: 8, [INT64]: 8, [BOOL]: 1 };

/** A tensor's values, after checking dims, dtype and the data length against each other. */
export function readTensor(
  t: onnx.ITensorProto,
  what: string,
  budget: { elements: number },
): Constant {
  if (t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0) {
    throw bad(
      "external-data",
      `${what} refers to external data; only self-contained files are read`,
    );
  }
  const dataType = t.dataType ?? 0;
  const size = ELEMENT_BYTES[dataType];
  if (size === undefined)
    throw bad(
      "bad-dtype",
      `${what} has data type ${dataType}; float32, float64, int64 and bool are supported`,
    );
  const rawDims = t.dims ?? [];
  if (rawDims.length > MAX_RANK)
    throw bad("bad-shape", `${what} has rank ${rawDims.length} (at most ${MAX_RANK})`);
  const dims: number[] = [];
  let count = 1;
  for (const d of rawDims) {
    const n = int64(d);
    if (n === null || n < 0) throw bad("bad-shape", `${what} has dimension ${String(d)}`);
    dims.push(n);
    count *= n;
    if (count > MAX_TENSOR_ELEMENTS)
      throw bad("too-many-elements", `${what} declares more than ${MAX_TENSOR_ELEMENTS} elements`);
  }
  budget.elements += count;
  if (budget.elements > MAX_TOTAL_ELEMENTS)
    throw bad(
      "too-many-elements",
      `the tensors declare more than ${MAX_TOTAL_ELEMENTS} elements in all`,
    );
  const raw = t.rawData;
  if (raw !== undefined && raw !== null && raw.length > 0) {
    if (raw.length !== count * size) {
      throw bad(
        "bad-tensor",
        `${what}: raw_data holds ${raw.length} bytes, its dims ${JSON.stringify(dims)} need ${count * size}`,
      );
    }
    return { dims, values: decodeRaw(raw, dataType, count) };
  }
  const typed: ArrayLike<unknown> | null | undefined =
    dataType === FLOAT
      ? t.floatData
      : dataType === DOUBLE
        ? t.doubleData
        : dataType === INT64
          ? t.int64Data
          : t.int32Data;
  const n = typed?.length ?? 0;
  if (n !== count)
    throw bad(
      "bad-tensor",
      `${what}: holds ${n} values, its dims ${JSON.stringify(dims)} need ${count}`,
    );
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = typed![i] as number | { toNumber(): number; high: number };
    values[i] = typeof v === "number" ? v : (int64(v) ?? NaN);
  }
  return { dims, values };
}

function decodeRaw(raw: Uint8Array, dataType: number, count: number): Float64Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (dataType === FLOAT) values[i] = view.getFloat32(4 * i, true);
    else if (dataType === DOUBLE) values[i] = view.getFloat64(8 * i, true);
    else if (dataType === INT64) values[i] = Number(view.getBigInt64(8 * i, true));
    else values[i] = raw[i];
  }
  return values;
}

/** A Constant node's value: `value` (a tensor), `value_float` or `value_floats`. */
function constantValue(node: Node, budget: { elements: number }): Constant {
  const where = `Constant ${JSON.stringify(node.name)}`;
  const value = node.attributes.get("value");
  if (value?.type === ATTR_TENSOR && value.t) return readTensor(value.t, where, budget);
  const f = node.attributes.get("value_float");
  if (f?.type === ATTR_FLOAT) return { dims: [], values: Float64Array.of(f.f ?? 0) };
  const fs = node.attributes.get("value_floats");
  if (fs !== undefined && (fs.floats?.length ?? 0) <= MAX_TENSOR_ELEMENTS) {
    return { dims: [fs.floats.length], values: Float64Array.from(fs.floats) };
  }
  throw new UnsupportedOnnxOpError(
    "Constant",
    node.name,
    0,
    "only value (a tensor), value_float and value_floats constants are supported",
  );
}

/** A float attribute, its default when absent; a wrong type is an error. */
export function floatAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  if (a === undefined) return fallback;
  if (a.type !== ATTR_FLOAT)
    throw bad("bad-graph", `node ${JSON.stringify(node.name)}: attribute ${name} must be a float`);
  return a.f ?? 0;
}

/** An int attribute, its default when absent. */
export function intAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  if (a === undefined) return fallback;
  const v = a.type === ATTR_INT ? int64(a.i) : null;
  if (v === null)
    throw bad("bad-graph", `node ${JSON.stringify(node.name)}: attribute ${name} must be an int`);
  return v;
}
