// Collects the nodes and initializers of an ONNX graph as export walks a model: initializers are
// stored as little-endian raw_data (float32, int64 or bool), node outputs are named after their
// node, so the same model always gives the same graph (and the same bytes).
import { ATTR_FLOAT, ATTR_INT, BOOL, FLOAT, INT64, onnx } from "./proto.js";

/** A node attribute: a float (f), an int (i) or a list of ints (ints). */
export type Attribute =
  { name: string; f: number } | { name: string; i: number } | { name: string; ints: number[] };

export class GraphBuilder {
  readonly nodes: onnx.NodeProto[] = [];
  readonly initializers: onnx.TensorProto[] = [];
  private readonly names = new Set<string>();

  /** A float32 initializer of shape `dims` (values rounded to float32). */
  float(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    return this.initializer(name, dims, FLOAT, new Uint8Array(Float32Array.from(values).buffer));
  }

  /** A float32 scalar initializer (shape []), broadcast by the op that reads it. */
  scalar(name: string, value: number): string {
    return this.float(name, [], [value]);
  }

  /** An int64 initializer of shape [values.length] (Gather indices). */
  int64(name: string, values: readonly number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.initializer(name, [values.length], INT64, new Uint8Array(data.buffer));
  }

  /** A bool initializer of shape [values.length]. */
  bool(name: string, values: readonly boolean[]): string {
    return this.initializer(name, [values.length], BOOL, Uint8Array.from(values, Number));
  }

  /** Append a node; its single output is named `${name}_output_0` (PyTorch's convention). */
  node(opType: string, inputs: string[], name: string, attributes: Attribute[] = []): string {
    const output = `${name}_output_0`;
    this.claim(name);
    this.nodes.push(
      new onnx.NodeProto({
        opType,
        name,
        input: inputs,
        output: [output],
        attribute: attributes.map(toAttribute),
      }),
    );
    return output;
  }

  /** Rename the last node's output (the graph's output takes the name the caller chose). */
  renameLastOutput(to: string): void {
    this.nodes[this.nodes.length - 1].output = [to];
  }

  private initializer(
    name: string,
    dims: readonly number[],
    dataType: number,
    raw: Uint8Array,
  ): string {
    this.claim(name);
    this.initializers.push(new onnx.TensorProto({ name, dims: [...dims], dataType, rawData: raw }));
    return name;
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`GraphBuilder: name ${name} used twice`);
    this.names.add(name);
  }
}

function toAttribute(a: Attribute): onnx.AttributeProto {
  if ("f" in a) return new onnx.AttributeProto({ name: a.name, type: ATTR_FLOAT, f: a.f });
  if ("i" in a) return new onnx.AttributeProto({ name: a.name, type: ATTR_INT, i: a.i });
  return new onnx.AttributeProto({ name: a.name, type: 7, ints: a.ints }); // 7 = INTS
}
