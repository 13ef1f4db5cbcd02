// Matching a pattern of ONNX nodes at a value of the graph: the generic half of import. A pattern
// is a small template (op types, wiring, which inputs are constants) that stands for one Myelin
// layer; a match must own every reader of the value it starts at and of its inner values, so the
// graph is a chain of such blocks (anything else is not a Sequential and is refused).
import type { Constant, Graph, Node } from "./import-graph.js";

/** A template input: the block's input "x", the output of template node k, or a named constant. */
export type Ref = "x" | number | { c: string };

export interface TemplateNode {
  op: string;
  inputs: Ref[];
}

export interface Match {
  nodes: Node[];
  consts: Map<string, Constant>;
  output: string;
}

const COMMUTATIVE = new Set(["Add", "Mul"]);

/** Readers of each value, in file order. */
export function readersOf(graph: Graph): Map<string, Node[]> {
  const readers = new Map<string, Node[]>();
  for (const node of graph.nodes) {
    for (const name of new Set(node.inputs)) {
      if (name === "") continue;
      const list = readers.get(name) ?? [];
      list.push(node);
      readers.set(name, list);
    }
  }
  return readers;
}

/** Match `template` at value x, or null. */
export function matchAt(
  graph: Graph,
  readers: Map<string, Node[]>,
  x: string,
  template: readonly TemplateNode[],
): Match | null {
  const matched: Node[] = [];
  const consts = new Map<string, Constant>();
  for (const t of template) {
    const anchor = t.inputs.find((r) => typeof r === "number");
    const from = anchor === undefined ? x : matched[anchor as number].outputs[0];
    const node = (readers.get(from) ?? []).find(
      (n) => !matched.includes(n) && n.opType === t.op && wire(graph, n, t, x, matched, consts),
    );
    if (node === undefined) return null;
    matched.push(node);
  }
  // the block owns x's readers and its inner values' readers; extra outputs stay unread
  const owned = (name: string) => (readers.get(name) ?? []).every((n) => matched.includes(n));
  if (!owned(x)) return null;
  for (let k = 0; k < matched.length; k++) {
    const node = matched[k];
    if (
      k < matched.length - 1 &&
      (!owned(node.outputs[0]) || node.outputs[0] === graph.output.name)
    )
      return null;
    if (node.outputs.slice(1).some((o) => o !== "" && (readers.has(o) || o === graph.output.name)))
      return null;
  }
  return { nodes: matched, consts, output: matched[matched.length - 1].outputs[0] };
}

/** Whether node n's inputs are wired as template node t says (either order for Add and Mul). */
function wire(
  graph: Graph,
  n: Node,
  t: TemplateNode,
  x: string,
  matched: Node[],
  consts: Map<string, Constant>,
): boolean {
  if (n.inputs.length !== t.inputs.length) return false;
  const orders =
    COMMUTATIVE.has(t.op) && t.inputs.length === 2
      ? [t.inputs, [t.inputs[1], t.inputs[0]]]
      : [t.inputs];
  for (const refs of orders) {
    const found = new Map<string, Constant>();
    const ok = refs.every((r, i) => {
      const name = n.inputs[i];
      if (r === "x") return name === x;
      if (typeof r === "number") return name === matched[r]?.outputs[0];
      const c = graph.constants.get(name);
      if (c === undefined) return false;
      found.set(r.c, c);
      return true;
    });
    if (ok) {
      for (const [k, v] of found) consts.set(k, v);
      return true;
    }
  }
  return false;
}

/** The single value of a constant with one element, or NaN. */
export function scalarOf(c: Constant | undefined): number {
  return c !== undefined && c.values.length === 1 ? c.values[0] : NaN;
}

/** |a − b| within float32 rounding of b. */
export function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}
