// Which training steps can be captured, and the replay layers of one that can: a Sequential that
// the fused path runs as ONE Linear stack (Linear layers, each with at most one of Tanh, Sigmoid,
// ReLU, LeakyReLU, Identity), every parameter trainable and used once, fusion on. Anything else
// — Dropout, BatchNorm1d, other layers, nested or subclassed containers, shared weights, frozen
// parameters — gets a reason instead, in words, and its steps run uncaptured.
import type { Linear } from "../../nn/linear.js";
import type { Module } from "../../nn/module.js";
import { fusionEnabled } from "../../nn/fusion.js";
import { Sequential } from "../../nn/sequential.js";
import { planSegments } from "../../nn/stack-plan.js";
import type { DType } from "../../tensor/dtype.js";
import type { ReplayLayer } from "../../ops/replay/stack-replay.js";

/** The layers of a capturable model, or why it is not one. */
export type CapturePlan =
  | { ok: true; layers: ReplayLayer[]; dtype: DType; modules: readonly Module[]; linears: Linear[] }
  | { ok: false; reason: string };

/** The replay layers of `model`, or the reason its steps cannot be captured. */
export function planCapture(model: Module): CapturePlan {
  const no = (reason: string): CapturePlan => ({ ok: false, reason });
  if (!fusionEnabled()) return no("the fused Linear path is switched off (setFusionEnabled)");
  const forward: unknown = model.forward;
  const ownForward: unknown = Sequential.prototype.forward;
  if (!(model instanceof Sequential) || forward !== ownForward) {
    return no(`the model is a ${model.typeName}, not a plain Sequential`);
  }
  const segments = planSegments(model.layers);
  const outside = segments.find((s) => s.kind === "module");
  if (outside !== undefined && outside.kind === "module") {
    return no(`${outside.module.typeName} is not a Linear layer or a fused activation`);
  }
  if (segments.length !== 1 || segments[0].kind !== "stack") {
    return no("the layers do not form one Linear stack (widths do not chain)");
  }
  const layers: ReplayLayer[] = [];
  for (const l of segments[0].plan.layers) {
    // a layer that carries a normalisation (BatchNorm1d inside the stack) is not replayed here
    if ((l as { norm?: unknown }).norm != null) return no("BatchNorm1d is not captured");
    layers.push({ W: l.W, b: l.b, D: l.D, H: l.H, kind: l.act.kind, slope: l.act.slope });
  }
  const params = model.parameters();
  if (new Set(params).size !== params.length) return no("a parameter is used by two layers");
  if (params.some((p) => !p.requiresGrad)) return no("a parameter is frozen (requiresGrad false)");
  const { dtype } = segments[0].plan;
  return { ok: true, layers, dtype, modules: [...model.layers], linears: segments[0].linears };
}

/**
 * False when the model changed since it was planned: a module added or replaced, a Linear's
 * weight or bias tensor replaced, or fusion switched off.
 */
export function isCurrentCapture(model: Module, plan: CapturePlan & { ok: true }): boolean {
  if (!fusionEnabled() || !(model instanceof Sequential)) return false;
  const items = model.layers;
  if (items.length !== plan.modules.length) return false;
  for (let i = 0; i < items.length; i++) if (items[i] !== plan.modules[i]) return false;
  for (let k = 0; k < plan.layers.length; k++) {
    const l = plan.linears[k];
    if (l.weight !== plan.layers[k].W || l.bias !== plan.layers[k].b) return false;
  }
  return true;
}
