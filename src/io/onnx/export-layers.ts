// Layers to ONNX nodes, walking a module tree in forward order: Linear → Gemm (transB = 1),
// BatchNorm1d (inference) → BatchNormalization with the running statistics, PReLU → PRelu,
// activations → export-activations.ts, Dropout and Identity → nothing (inference is the
// identity). Initializers take the layer's state names ("0.weight", "2.1.runningMean").
// Fused stacks need nothing here: fusion only changes how Sequential runs the same layers.
import { activationLayers } from "../../nn/activations.js";
import { BatchNorm1d } from "../../nn/batch-norm.js";
import { Linear } from "../../nn/linear.js";
import type { Module } from "../../nn/module.js";
import { PReLU } from "../../nn/prelu.js";
import { Sequential } from "../../nn/sequential.js";
import { OnnxExportError } from "./errors.js";
import { ACTIVATION_EMITTERS, optionsOf } from "./export-activations.js";
import type { GraphBuilder } from "./graph-builder.js";

/** Emit `layer` on input value `x`; `path` is its state-name prefix ("" for the root, "2.1."). */
export function emitModule(b: GraphBuilder, layer: Module, x: string, path: string): string {
  const p = `/${path.replace(/\.$/, "").replace(/\./g, "/")}/`.replace("//", "/");
  if (layer instanceof Sequential) {
    let out = x;
    for (const [name, child] of layer.namedChildren()) {
      out = emitModule(b, child, out, `${path}${name}.`);
    }
    return out;
  }
  if (layer instanceof Linear) {
    const inputs = [x, b.float(`${path}weight`, layer.weight.shape, layer.weight.data)];
    if (layer.bias !== null) inputs.push(b.float(`${path}bias`, layer.bias.shape, layer.bias.data));
    return b.node("Gemm", inputs, `${p}Gemm`, [
      { name: "alpha", f: 1 },
      { name: "beta", f: 1 },
      { name: "transB", i: 1 },
    ]);
  }
  if (layer instanceof BatchNorm1d) return emitBatchNorm(b, layer, x, path, p);
  if (layer instanceof PReLU) {
    const w = layer.weight;
    return b.node("PRelu", [x, b.float(`${path}weight`, w.shape, w.data)], `${p}PRelu`);
  }
  if (layer.typeName === "Dropout" || layer.typeName === "Identity") return x;
  const emit = ACTIVATION_EMITTERS[layer.typeName];
  if (emit === undefined || !isBuiltInActivation(layer)) {
    throw new OnnxExportError(
      `exportOnnx: layer ${path.replace(/\.$/, "") || "(root)"} of type ${JSON.stringify(layer.typeName)} has no ONNX mapping (Linear, BatchNorm1d, Dropout, Sequential, PReLU and the built-in activation layers do)`,
    );
  }
  return emit(b, x, p, optionsOf(layer));
}

/** An instance of exactly the built-in class, with its own forward (a subclass may differ). */
function isBuiltInActivation(layer: Module): boolean {
  const cls = activationLayers[layer.typeName];
  return (
    cls !== undefined &&
    layer.constructor === cls &&
    layer.forward === (cls.prototype as Module).forward
  );
}

/** y = (x − μ)/√(σ² + ε)·γ + β with the running μ, σ² (inference mode). */
function emitBatchNorm(
  b: GraphBuilder,
  bn: BatchNorm1d,
  x: string,
  path: string,
  p: string,
): string {
  if (bn.runningMean === null || bn.runningVar === null) {
    throw new OnnxExportError(
      `exportOnnx: BatchNorm1d ${path.replace(/\.$/, "")} has no running statistics (trackRunningStats: false normalises each batch by its own statistics, which an inference graph cannot do)`,
    );
  }
  const c = bn.numFeatures;
  const gamma = bn.weight?.data ?? new Float32Array(c).fill(1);
  const beta = bn.bias?.data ?? new Float32Array(c);
  return b.node(
    "BatchNormalization",
    [
      x,
      b.float(`${path}weight`, [c], gamma),
      b.float(`${path}bias`, [c], beta),
      b.float(`${path}runningMean`, [c], bn.runningMean.data),
      b.float(`${path}runningVar`, [c], bn.runningVar.data),
    ],
    `${p}BatchNormalization`,
    [{ name: "epsilon", f: bn.eps }],
  );
}

/** The input width D the first sized layer expects, or undefined (e.g. only activations). */
export function inputWidth(layer: Module): number | undefined {
  if (layer instanceof Linear) return layer.inFeatures;
  if (layer instanceof BatchNorm1d) return layer.numFeatures;
  if (layer instanceof PReLU && layer.numParameters > 1) return layer.numParameters;
  if (layer instanceof Sequential) {
    for (const [, child] of layer.namedChildren()) {
      const d = inputWidth(child);
      if (d !== undefined) return d;
    }
  }
  return undefined;
}

/** The output width of the last sized layer, or undefined. */
export function outputWidth(layer: Module): number | undefined {
  if (layer instanceof Linear) return layer.outFeatures;
  if (layer instanceof BatchNorm1d) return layer.numFeatures;
  if (layer instanceof PReLU && layer.numParameters > 1) return layer.numParameters;
  if (layer instanceof Sequential) {
    const children = layer.namedChildren();
    for (let i = children.length - 1; i >= 0; i--) {
      const d = outputWidth(children[i][1]);
      if (d !== undefined) return d;
    }
  }
  return undefined;
}
