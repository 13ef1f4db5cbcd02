// nn.summary(model, inputShape?): a Keras-style table of a model — each layer's name, type, output
// shape and parameter count, then the totals. Module.toString() prints it without shapes. Text
// only: it changes nothing in the model (the shape pass runs in eval mode, without gradients).
import { noGrad } from "../autograd/no-grad.js";
import { zeros } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Module } from "./module.js";

interface Row {
  name: string;
  type: string;
  shape: string;
  params: number;
}

/**
 * The table, e.g. for nn.sequential(nn.linear(4, 8), nn.relu(), nn.linear(8, 3)) and [4]:
 *
 *   Layer   Type        Output shape   Params
 *   0       Linear      [N, 8]             40
 *   1       ReLU        [N, 8]              0
 *   2       Linear      [N, 3]             27
 *   Total params: 67 (trainable 67) · buffers: 0
 *
 * inputShape is the shape of one sample (no batch axis); without it the shapes are left out.
 * Params counts each layer's own trainable numbers (P = Σ size of its parameters).
 */
export function summary(model: Module, inputShape?: readonly number[]): string {
  const rows: Row[] = [];
  const walk = (m: Module, name: string, x: Tensor | null): Tensor | null => {
    const children = m.namedChildren();
    if (m.typeName === "Sequential" && children.length > 0) {
      for (const [n, c] of children) x = walk(c, name ? `${name}.${n}` : n, x);
      return x;
    }
    const y = x === null ? null : m.forward(x);
    const own = m.parameterCount() - children.reduce((s, [, c]) => s + c.parameterCount(), 0);
    rows.push({ name: name || "(model)", type: m.typeName, shape: shapeText(y), params: own });
    for (const [n, c] of children) walk(c, name ? `${name}.${n}` : n, null);
    return y;
  };
  const wasTraining = model.isTraining;
  model.eval();
  try {
    const dtype = model.parameters()[0]?.dtype ?? "float32";
    noGrad(() => walk(model, "", inputShape ? zeros([1, ...inputShape], { dtype }) : null));
  } finally {
    model.train(wasTraining);
  }
  return table(rows, model, inputShape !== undefined);
}

function shapeText(y: Tensor | null): string {
  return y === null ? "" : `[${["N", ...y.shape.slice(1)].join(", ")}]`;
}

function table(rows: Row[], model: Module, withShapes: boolean): string {
  const head = withShapes
    ? ["Layer", "Type", "Output shape", "Params"]
    : ["Layer", "Type", "Params"];
  const cells = rows.map((r) =>
    withShapes ? [r.name, r.type, r.shape, String(r.params)] : [r.name, r.type, String(r.params)],
  );
  const widths = head.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (c: string[]) =>
    c
      .map((v, j) => (j === c.length - 1 ? v.padStart(widths[j]) : v.padEnd(widths[j])))
      .join("   ")
      .trimEnd();
  const total = model.parameterCount();
  const buffers = model.namedBuffers().reduce((s, [, t]) => s + t.size, 0);
  return [
    line(head),
    ...cells.map(line),
    `Total params: ${total} (trainable ${total}) · buffers: ${buffers}`,
  ].join("\n");
}
