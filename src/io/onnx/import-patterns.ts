// The node patterns import maps to Myelin layers, one row each: what torch.onnx.export (opset
// 17) writes for nn.Sequential's layers, the MatMul + Add form, and every composition exportOnnx
// writes (so export → import → export is the identity). Rows are tried longest first.
import { SELU_ALPHA, SELU_SCALE } from "../../activations/index.js";
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/module.js";
import type { Tensor } from "../../tensor/tensor.js";
import { OnnxError, UnsupportedOnnxOpError } from "./errors.js";
import { floatAttr, intAttr, type Constant, type Node } from "./import-graph.js";
import { near, scalarOf, type Match, type TemplateNode } from "./import-match.js";

export interface Context {
  /** Features entering the block, when known. */
  width: number | undefined;
  opset: number;
}

/** A layer, or null for a node that is the identity at inference (Identity, Dropout, Flatten). */
export interface Pattern {
  template: readonly TemplateNode[];
  build(m: Match, ctx: Context): Module | null;
}

const c = (name: string) => ({ c: name });
const unsupported = (node: Node, ctx: Context, detail: string) =>
  new UnsupportedOnnxOpError(node.opType, node.name, ctx.opset, detail);

function fill(t: Tensor, values: ArrayLike<number>): void {
  t.data.set(values);
}

/** W [H, D] (y = x·Wᵀ·α + β·c): Gemm's B is [H, D] with transB = 1, else [D, H]. */
function linearFrom(
  node: Node,
  ctx: Context,
  b: Constant,
  transB: boolean,
  alpha: number,
  bias: Constant | undefined,
  beta: number,
): Module {
  if (b.dims.length !== 2)
    throw unsupported(node, ctx, `weight must be 2-D, got dims ${JSON.stringify(b.dims)}`);
  const [h, d] = transB ? b.dims : [b.dims[1], b.dims[0]];
  if (d === 0 || h === 0) throw unsupported(node, ctx, "a weight with a zero dimension");
  if (ctx.width !== undefined && ctx.width !== d) {
    throw new OnnxError(
      "bad-shape",
      `node ${JSON.stringify(node.name)}: weight expects ${d} input features, the previous value has ${ctx.width}`,
    );
  }
  if (bias !== undefined && bias.values.length !== h && bias.values.length !== 1) {
    throw new OnnxError(
      "bad-shape",
      `node ${JSON.stringify(node.name)}: bias of ${bias.values.length} values for ${h} outputs`,
    );
  }
  const layer = new nn.Linear(d, h, { bias: bias !== undefined });
  const w = new Float64Array(h * d);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < d; j++)
      w[i * d + j] = alpha * (transB ? b.values[i * d + j] : b.values[j * h + i]);
  }
  fill(layer.weight, w);
  if (bias !== undefined)
    fill(
      layer.bias!,
      Float64Array.from(
        { length: h },
        (_, i) => beta * bias.values[bias.values.length === 1 ? 0 : i],
      ),
    );
  return layer;
}

const gemm = (withBias: boolean): Pattern => ({
  template: [{ op: "Gemm", inputs: withBias ? ["x", c("B"), c("C")] : ["x", c("B")] }],
  build: (m, ctx) => {
    const node = m.nodes[0];
    if (intAttr(node, "transA", 0) !== 0)
      throw unsupported(node, ctx, "transA = 1 is not supported");
    const transB = intAttr(node, "transB", 0);
    return linearFrom(
      node,
      ctx,
      m.consts.get("B")!,
      transB === 1,
      floatAttr(node, "alpha", 1),
      m.consts.get("C"),
      floatAttr(node, "beta", 1),
    );
  },
});

const matmul = (withAdd: boolean): Pattern => ({
  template: withAdd
    ? [
        { op: "MatMul", inputs: ["x", c("B")] },
        { op: "Add", inputs: [0, c("C")] },
      ]
    : [{ op: "MatMul", inputs: ["x", c("B")] }],
  build: (m, ctx) =>
    linearFrom(m.nodes[0], ctx, m.consts.get("B")!, false, 1, m.consts.get("C"), 1),
});

/** A one-node activation on x. */
const single = (op: string, build: (node: Node, ctx: Context) => Module | null): Pattern => ({
  template: [{ op, inputs: ["x"] }],
  build: (m, ctx) => build(m.nodes[0], ctx),
});

/** Softmax/LogSoftmax over the last axis of [N, D]: axis −1 or 1 (opset ≥ 13 semantics). */
function softmaxLike(node: Node, ctx: Context, make: (o: { axis: number }) => Module): Module {
  const axis = intAttr(node, "axis", -1);
  if (axis !== -1 && axis !== 1)
    throw unsupported(node, ctx, `axis ${axis}: only the feature axis (−1 or 1) is supported`);
  return make({ axis: -1 });
}

function checkNear(node: Node, ctx: Context, what: string, got: number, want: number): void {
  if (!near(got, want))
    throw unsupported(node, ctx, `${what} = ${got}; Myelin's layer has ${want}`);
}

/** Scalar constant `name` of the match must be near `want`. */
function constNear(m: Match, name: string, want: number, ctx: Context): void {
  const v = scalarOf(m.consts.get(name));
  if (!near(v, want))
    throw unsupported(m.nodes[0], ctx, `pattern constant ${name} is ${v}, expected ${want}`);
}

const geluErf: Pattern = {
  // x·(erf(x/√2) + 1)·½ — torch.onnx.export's GELU at opset 17
  template: [
    { op: "Div", inputs: ["x", c("sqrt2")] },
    { op: "Erf", inputs: [0] },
    { op: "Add", inputs: [1, c("one")] },
    { op: "Mul", inputs: ["x", 2] },
    { op: "Mul", inputs: [3, c("half")] },
  ],
  build: (m, ctx) => {
    constNear(m, "sqrt2", Math.SQRT2, ctx);
    constNear(m, "one", 1, ctx);
    constNear(m, "half", 0.5, ctx);
    return nn.gelu();
  },
};

const geluTanh: Pattern = {
  template: [
    { op: "Mul", inputs: ["x", "x"] },
    { op: "Mul", inputs: [0, "x"] },
    { op: "Mul", inputs: [1, c("k")] },
    { op: "Add", inputs: ["x", 2] },
    { op: "Mul", inputs: [3, c("s")] },
    { op: "Tanh", inputs: [4] },
    { op: "Add", inputs: [5, c("one")] },
    { op: "Mul", inputs: ["x", 6] },
    { op: "Mul", inputs: [7, c("half")] },
  ],
  build: (m, ctx) => {
    constNear(m, "k", 0.044715, ctx);
    constNear(m, "s", Math.sqrt(2 / Math.PI), ctx);
    constNear(m, "one", 1, ctx);
    constNear(m, "half", 0.5, ctx);
    return nn.gelu({ approximate: "tanh" });
  },
};

const softplusBeta: Pattern = {
  template: [
    { op: "Mul", inputs: ["x", c("beta")] },
    { op: "Softplus", inputs: [0] },
    { op: "Div", inputs: [1, c("betaDiv")] },
    { op: "Greater", inputs: [0, c("threshold")] },
    { op: "Where", inputs: [3, "x", 2] },
  ],
  build: (m, ctx) => {
    const beta = scalarOf(m.consts.get("beta"));
    constNear(m, "betaDiv", beta, ctx);
    return nn.softplus({ beta, threshold: scalarOf(m.consts.get("threshold")) });
  },
};

const clip: Pattern = {
  template: [{ op: "Clip", inputs: ["x", c("min"), c("max")] }],
  build: (m) => {
    const lo = scalarOf(m.consts.get("min"));
    const hi = scalarOf(m.consts.get("max"));
    return lo === 0 && hi === 6 ? nn.relu6() : nn.hardTanh({ minVal: lo, maxVal: hi });
  },
};

const step: Pattern = {
  template: [
    { op: "GreaterOrEqual", inputs: ["x", c("zero")] },
    { op: "Cast", inputs: [0] },
    { op: "IsNaN", inputs: ["x"] },
    { op: "Where", inputs: [2, "x", 1] },
  ],
  build: (m, ctx) => {
    constNear(m, "zero", 0, ctx);
    if (intAttr(m.nodes[1], "to", 0) !== 1)
      throw unsupported(m.nodes[1], ctx, "Cast must be to float");
    return nn.step();
  },
};

const batchNorm: Pattern = {
  template: [{ op: "BatchNormalization", inputs: ["x", c("scale"), c("B"), c("mean"), c("var")] }],
  build: (m, ctx) => {
    const node = m.nodes[0];
    if (intAttr(node, "training_mode", 0) !== 0) throw unsupported(node, ctx, "training_mode = 1");
    const [scale, bias, mean, variance] = ["scale", "B", "mean", "var"].map((k) =>
      m.consts.get(k)!,
    );
    const channels = mean.values.length;
    if (
      [scale, bias, variance].some((t) => t.values.length !== channels) ||
      (ctx.width !== undefined && channels !== ctx.width)
    ) {
      throw new OnnxError(
        "bad-shape",
        `node ${JSON.stringify(node.name)}: BatchNormalization needs ${ctx.width ?? channels} values in each of scale, B, mean, var`,
      );
    }
    if (variance.values.some((v) => !(v >= 0)))
      throw new OnnxError(
        "bad-tensor",
        `node ${JSON.stringify(node.name)}: a running variance is negative or NaN`,
      );
    const bn = new nn.BatchNorm1d(channels, { eps: floatAttr(node, "epsilon", 1e-5) });
    fill(bn.weight!, scale.values);
    fill(bn.bias!, bias.values);
    fill(bn.runningMean!, mean.values);
    fill(bn.runningVar!, variance.values);
    return bn;
  },
};

const prelu: Pattern = {
  template: [{ op: "PRelu", inputs: ["x", c("slope")] }],
  build: (m, ctx) => {
    const slope = m.consts.get("slope")!;
    const n = slope.values.length;
    if (n !== 1 && n !== ctx.width)
      throw unsupported(m.nodes[0], ctx, `slope of ${n} values for ${ctx.width ?? "?"} features`);
    const layer = new nn.PReLU({ numParameters: n });
    fill(layer.weight, slope.values);
    return layer;
  },
};

/** Dropout at inference: its ratio and training_mode inputs (if any) are constants; mask unread. */
const dropout = (inputs: number): Pattern => ({
  template: [
    { op: "Dropout", inputs: ["x", ...["ratio", "training"].slice(0, inputs - 1).map(c)] },
  ],
  build: (m, ctx) => {
    if (scalarOf(m.consts.get("training")) === 1)
      throw unsupported(m.nodes[0], ctx, "training_mode = true");
    return null;
  },
});

/** Every row, longest template first (so SiLU wins over a lone Sigmoid, MatMul + Add over MatMul). */
export const PATTERNS: readonly Pattern[] = [
  geluTanh,
  geluErf,
  softplusBeta,
  step,
  // PyTorch's softsign: x / (|x| + 1)
  {
    template: [
      { op: "Abs", inputs: ["x"] },
      { op: "Add", inputs: [0, c("one")] },
      { op: "Div", inputs: ["x", 1] },
    ],
    build: (m, ctx) => (constNear(m, "one", 1, ctx), nn.softsign()),
  },
  // x·tanh(softplus(x))
  {
    template: [
      { op: "Softplus", inputs: ["x"] },
      { op: "Tanh", inputs: [0] },
      { op: "Mul", inputs: ["x", 1] },
    ],
    build: () => nn.mish(),
  },
  // x·σ(x)
  {
    template: [
      { op: "Sigmoid", inputs: ["x"] },
      { op: "Mul", inputs: ["x", 0] },
    ],
    build: () => nn.silu(),
  },
  matmul(true),
  gemm(true),
  batchNorm,
  dropout(3),
  dropout(2),
  gemm(false),
  matmul(false),
  clip,
  prelu,
  dropout(1),
  single("Relu", () => nn.relu()),
  single("Sigmoid", () => nn.sigmoid()),
  single("Tanh", () => nn.tanh()),
  single("Softsign", () => nn.softsign()),
  single("Softplus", () => nn.softplus()),
  single("HardSwish", () => nn.hardSwish()),
  single("Erf", (node, ctx) => {
    throw unsupported(
      node,
      ctx,
      "a lone Erf (only the GELU pattern x·(erf(x/√2) + 1)·½ is supported)",
    );
  }),
  single("LeakyRelu", (node) => nn.leakyRelu({ negativeSlope: floatAttr(node, "alpha", 0.01) })),
  single("Elu", (node) => nn.elu({ alpha: floatAttr(node, "alpha", 1) })),
  single("Celu", (node) => nn.celu({ alpha: floatAttr(node, "alpha", 1) })),
  single("Selu", (node, ctx) => {
    checkNear(node, ctx, "alpha", floatAttr(node, "alpha", 1.67326319217681884765625), SELU_ALPHA);
    checkNear(node, ctx, "gamma", floatAttr(node, "gamma", 1.05070102214813232421875), SELU_SCALE);
    return nn.selu();
  }),
  single("HardSigmoid", (node, ctx) => {
    checkNear(node, ctx, "alpha", floatAttr(node, "alpha", 0.2), 1 / 6);
    checkNear(node, ctx, "beta", floatAttr(node, "beta", 0.5), 0.5);
    return nn.hardSigmoid();
  }),
  single("Softmax", (node, ctx) => softmaxLike(node, ctx, (o) => nn.softmax(o))),
  single("LogSoftmax", (node, ctx) => softmaxLike(node, ctx, (o) => nn.logSoftmax(o))),
  single("Identity", () => null),
  single("Flatten", (node, ctx) => {
    if (intAttr(node, "axis", 1) !== 1)
      throw unsupported(node, ctx, "Flatten with axis ≠ 1 (Myelin rows are [N, D])");
    return null;
  }),
];
