// ONNX nodes for each activation layer: the native opset-17 op where one computes PyTorch's
// definition, otherwise a composition of primitives (the table in README.md). Each emitter takes
// the input value name and a node-name prefix ("/3/") and returns the output value name.
import { SELU_ALPHA, SELU_SCALE } from "../../activations/index.js";
import type { Module } from "../../nn/module.js";
import type { GraphBuilder } from "./graph-builder.js";

type Options = Record<string, number | string | boolean>;
type Emit = (b: GraphBuilder, x: string, p: string, options: Options) => string;

const num = (o: Options, key: string): number => o[key] as number;

/** GELU, exact: x·½(1 + erf(x/√2)) — the five nodes torch.onnx.export (opset 17) writes. */
export function emitGeluErf(b: GraphBuilder, x: string, p: string): string {
  const d = b.node("Div", [x, b.scalar(`${p}sqrt2`, Math.SQRT2)], `${p}Div`);
  const e = b.node("Erf", [d], `${p}Erf`);
  const a = b.node("Add", [e, b.scalar(`${p}one`, 1)], `${p}Add`);
  const m = b.node("Mul", [x, a], `${p}Mul`);
  return b.node("Mul", [m, b.scalar(`${p}half`, 0.5)], `${p}Mul_1`);
}

/** GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
function emitGeluTanh(b: GraphBuilder, x: string, p: string): string {
  const x2 = b.node("Mul", [x, x], `${p}Square`);
  const x3 = b.node("Mul", [x2, x], `${p}Cube`);
  const c = b.node("Mul", [x3, b.scalar(`${p}k`, 0.044715)], `${p}MulK`);
  const inner = b.node("Add", [x, c], `${p}AddCube`);
  const u = b.node("Mul", [inner, b.scalar(`${p}s`, Math.sqrt(2 / Math.PI))], `${p}MulS`);
  const t = b.node("Tanh", [u], `${p}Tanh`);
  const a = b.node("Add", [t, b.scalar(`${p}one`, 1)], `${p}Add`);
  const m = b.node("Mul", [x, a], `${p}Mul`);
  return b.node("Mul", [m, b.scalar(`${p}half`, 0.5)], `${p}Mul_1`);
}

/**
 * Softplus with β and threshold: (1/β)·ln(1 + e^(βx)), x where βx > threshold. β = 1 with a
 * threshold ≥ 20 is ONNX's Softplus itself (the linear branch differs by < 2.1e-9 there).
 */
function emitSoftplus(b: GraphBuilder, x: string, p: string, o: Options): string {
  const beta = num(o, "beta");
  const threshold = num(o, "threshold");
  if (beta === 1 && threshold >= 20) return b.node("Softplus", [x], `${p}Softplus`);
  const z = b.node("Mul", [x, b.scalar(`${p}beta`, beta)], `${p}MulBeta`);
  const sp = b.node("Softplus", [z], `${p}Softplus`);
  const y = b.node("Div", [sp, b.scalar(`${p}betaDiv`, beta)], `${p}DivBeta`);
  const linear = b.node("Greater", [z, b.scalar(`${p}threshold`, threshold)], `${p}Greater`);
  return b.node("Where", [linear, x, y], `${p}Where`);
}

/** Clip(x, lo, hi): hardTanh and ReLU6. */
function emitClip(b: GraphBuilder, x: string, p: string, lo: number, hi: number): string {
  return b.node("Clip", [x, b.scalar(`${p}min`, lo), b.scalar(`${p}max`, hi)], `${p}Clip`);
}

const unary =
  (op: string): Emit =>
  (b, x, p) =>
    b.node(op, [x], `${p}${op}`);

/** Emitters by layer typeName; PReLU (a parameter) is in export-layers.ts. */
export const ACTIVATION_EMITTERS: Readonly<Record<string, Emit>> = {
  Sigmoid: unary("Sigmoid"),
  Tanh: unary("Tanh"),
  ReLU: unary("Relu"),
  Softsign: unary("Softsign"),
  LeakyReLU: (b, x, p, o) =>
    b.node("LeakyRelu", [x], `${p}LeakyRelu`, [{ name: "alpha", f: num(o, "negativeSlope") }]),
  ELU: (b, x, p, o) => b.node("Elu", [x], `${p}Elu`, [{ name: "alpha", f: num(o, "alpha") }]),
  CELU: (b, x, p, o) => b.node("Celu", [x], `${p}Celu`, [{ name: "alpha", f: num(o, "alpha") }]),
  SELU: (b, x, p) =>
    b.node("Selu", [x], `${p}Selu`, [
      { name: "alpha", f: SELU_ALPHA },
      { name: "gamma", f: SELU_SCALE },
    ]),
  GELU: (b, x, p, o) => (o.approximate === "tanh" ? emitGeluTanh(b, x, p) : emitGeluErf(b, x, p)),
  Softplus: emitSoftplus,
  // x·σ(x)
  SiLU: (b, x, p) => b.node("Mul", [x, b.node("Sigmoid", [x], `${p}Sigmoid`)], `${p}Mul`),
  // x·tanh(softplus(x))
  Mish: (b, x, p) => {
    const t = b.node("Tanh", [b.node("Softplus", [x], `${p}Softplus`)], `${p}Tanh`);
    return b.node("Mul", [x, t], `${p}Mul`);
  },
  Hardsigmoid: (b, x, p) =>
    b.node("HardSigmoid", [x], `${p}HardSigmoid`, [
      { name: "alpha", f: 1 / 6 },
      { name: "beta", f: 0.5 },
    ]),
  Hardswish: unary("HardSwish"),
  Hardtanh: (b, x, p, o) => emitClip(b, x, p, num(o, "minVal"), num(o, "maxVal")),
  ReLU6: (b, x, p) => emitClip(b, x, p, 0, 6),
  // 1 where x ≥ 0, else 0; NaN stays NaN
  Step: (b, x, p) => {
    const ge = b.node("GreaterOrEqual", [x, b.scalar(`${p}zero`, 0)], `${p}GreaterOrEqual`);
    const y = b.node("Cast", [ge], `${p}Cast`, [{ name: "to", i: 1 }]);
    return b.node("Where", [b.node("IsNaN", [x], `${p}IsNaN`), x, y], `${p}Where`);
  },
  Softmax: (b, x, p, o) =>
    b.node("Softmax", [x], `${p}Softmax`, [{ name: "axis", i: num(o, "axis") }]),
  LogSoftmax: (b, x, p, o) =>
    b.node("LogSoftmax", [x], `${p}LogSoftmax`, [{ name: "axis", i: num(o, "axis") }]),
};

/** The options a layer's config holds (activation layers: plain numbers, strings, booleans). */
export function optionsOf(layer: Module): Options {
  return layer.config() as Options;
}
