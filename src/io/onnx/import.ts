// importOnnx: the bytes of an ONNX model → an nn.Sequential (eval mode, trainable) and the Myelin
// metadata an exported file carries. The graph must be a chain of the patterns in
// import-patterns.ts from its one input to its one output; the first node no pattern takes is an
// UnsupportedOnnxOpError naming its op, node name and opset.
import { MyelinError } from "../../errors.js";
import { Sequential } from "../../nn/sequential.js";
import type { Module } from "../../nn/module.js";
import { checkMetadata, MetadataFieldError, type ModelMetadata } from "../metadata.js";
import { parseStrictJson } from "../strict-json.js";
import { OnnxError, UnsupportedOnnxOpError } from "./errors.js";
import { IN_GRAPH_KEY, METADATA_KEY } from "./export.js";
import { emitPreprocessing, emitTargetScaling } from "./export-preprocessing.js";
import { GraphBuilder } from "./graph-builder.js";
import { readGraph, type Graph, type Node } from "./import-graph.js";
import { matchAt, readersOf } from "./import-match.js";
import { PATTERNS } from "./import-patterns.js";
import { decodeModelProto, onnx } from "./proto.js";

/** What {@link importOnnx} returns: the rebuilt Sequential and any Myelin metadata in the file. */
export interface ImportedOnnx {
  model: Sequential;
  /** The Myelin metadata an exported file carries (task, labelNames, preprocessing, …). */
  metadata?: ModelMetadata;
}

/**
 * Rebuild a Myelin model from ONNX bytes (torch.onnx.export's nn.Sequential graphs, or Myelin's
 * own exports). The model is in eval mode; call model.train() to fine-tune it. A file exported
 * with its preprocessing in the graph gives it back as metadata (checked to be exactly the
 * leading and trailing nodes), so io.modelToBytes(model, metadata) saves a full model file.
 * Throws OnnxError (UnsupportedOnnxOpError for an op or pattern Myelin has no layer for).
 */
export function importOnnx(bytes: Uint8Array): ImportedOnnx {
  const graph = readGraph(decodeModelProto(bytes));
  const metadata = readMetadata(graph);
  const inGraph = metadata !== undefined && graph.metadata.get(IN_GRAPH_KEY) === "true";
  const readers = readersOf(graph);
  const used = new Set<Node>();
  let x = graph.input.name;
  if (inGraph) x = skipEmitted(graph, used, 0, (b) => emitPreprocessing(b, metadata, x));
  const layers: Module[] = [];
  let width = inGraph ? undefined : graph.input.width;
  while (x !== graph.output.name) {
    if (inGraph && metadata.targetScaling !== undefined && graph.nodes.length - used.size === 2) {
      const from = x;
      x = skipEmitted(graph, used, used.size, (b) => {
        emitTargetScaling(b, metadata, from);
        b.renameLastOutput(graph.output.name);
        return graph.output.name;
      });
      break;
    }
    const next = (readers.get(x) ?? [])[0];
    if (next === undefined)
      throw new OnnxError(
        "bad-graph",
        `value ${JSON.stringify(x)} is read by no node and is not the output`,
      );
    const { layer, output, nodes } = matchNext(graph, readers, x, next, width);
    nodes.forEach((n) => used.add(n));
    if (layer !== null) {
      layers.push(layer);
      width = widthAfter(layer, width);
    }
    x = output;
  }
  const unused = graph.nodes.find((n) => !used.has(n));
  if (unused !== undefined)
    throw new OnnxError(
      "bad-graph",
      `node ${JSON.stringify(unused.name)} (${unused.opType}) is not on the path from input to output`,
    );
  const model = new Sequential(...layers);
  model.eval();
  return metadata === undefined ? { model } : { model, metadata };
}

function matchNext(
  graph: Graph,
  readers: Map<string, Node[]>,
  x: string,
  next: Node,
  width: number | undefined,
) {
  for (const pattern of PATTERNS) {
    if (pattern.template[0].op !== next.opType) continue;
    const m = matchAt(graph, readers, x, pattern.template);
    if (m === null || m.nodes[0] !== next) continue;
    try {
      return {
        layer: pattern.build(m, { width, opset: graph.opset }),
        output: m.output,
        nodes: m.nodes,
      };
    } catch (e) {
      if (e instanceof OnnxError || !(e instanceof MyelinError)) throw e;
      throw new UnsupportedOnnxOpError(next.opType, next.name, graph.opset, e.message);
    }
  }
  const fanOut = readers.get(x) ?? [];
  if (fanOut.length > 1) {
    throw new OnnxError(
      "bad-graph",
      `value ${JSON.stringify(x)} is read by ${fanOut.length} nodes (${fanOut.map((n) => JSON.stringify(n.name)).join(", ")}) in no pattern Myelin knows; a model must be a chain of layers`,
    );
  }
  throw new UnsupportedOnnxOpError(next.opType, next.name, graph.opset);
}

function widthAfter(layer: Module, width: number | undefined): number | undefined {
  const out = (layer as { outFeatures?: number }).outFeatures;
  return typeof out === "number" ? out : width;
}

/** The metadata_props entry an export wrote, validated as a model file's metadata. */
function readMetadata(graph: Graph): ModelMetadata | undefined {
  const text = graph.metadata.get(METADATA_KEY);
  if (text === undefined) return undefined;
  try {
    return checkMetadata(parseStrictJson(text, 64));
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    if (e instanceof MetadataFieldError || e instanceof MyelinError)
      throw new OnnxError("bad-model", `${METADATA_KEY}: ${e.message}`);
    throw e;
  }
}

/**
 * The nodes `emit` writes must be the file's nodes from `start` on, byte for byte, with the same
 * initializers: then they are the stored preprocessing (or target scaling) and are skipped.
 */
function skipEmitted(
  graph: Graph,
  used: Set<Node>,
  start: number,
  emit: (b: GraphBuilder) => string,
): string {
  const b = new GraphBuilder();
  const out = emit(b);
  const same = (a: Uint8Array, c: Uint8Array) =>
    a.length === c.length && a.every((v, i) => v === c[i]);
  b.nodes.forEach((node, k) => {
    const file = graph.nodes[start + k];
    if (
      file === undefined ||
      !same(onnx.NodeProto.encode(node).finish(), onnx.NodeProto.encode(file.proto).finish())
    ) {
      throw new OnnxError(
        "bad-graph",
        `the graph's preprocessing nodes differ from the ${METADATA_KEY} they claim to apply (node ${start + k})`,
      );
    }
    used.add(file);
  });
  for (const t of b.initializers) {
    const file = graph.initializerProtos.get(t.name);
    if (
      file === undefined ||
      !same(onnx.TensorProto.encode(t).finish(), onnx.TensorProto.encode(file).finish())
    ) {
      throw new OnnxError(
        "bad-graph",
        `initializer ${JSON.stringify(t.name)} differs from the ${METADATA_KEY} preprocessing`,
      );
    }
  }
  return out;
}
