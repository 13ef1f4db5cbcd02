// Recognising fusable stacks in a Sequential: runs of Linear layers, each optionally followed by
// a BatchNorm1d and then one elementwise activation the kernels know (Tanh, Sigmoid, ReLU,
// LeakyReLU; Identity is skipped). A Sequential is cut into segments: each maximal run becomes
// one linearStack op (src/ops/linear-stack.ts); every other module (Dropout, Softmax, ELU, a
// BatchNorm1d after an activation, nested containers, subclasses, instances whose forward was
// replaced) runs on its own between them.
import { planLinearStack, type LinearStackPlan, type StackLayer } from "../ops/linear-stack.js";
import { activationKernelOf } from "./activations.js";
import { BatchNorm1d } from "./batch-norm.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";

/** A run of modules that forms one fused stack, or one module that runs on its own. */
export type Segment =
  | { kind: "stack"; plan: LinearStackPlan; modules: readonly Module[]; linears: Linear[] }
  | { kind: "module"; module: Module };

/** True when `m` is a plain nn.Linear (exact class, its own forward). */
function isPlainLinear(m: Module): m is Linear {
  const ownForward: unknown = Linear.prototype.forward;
  const forward: unknown = m.forward;
  return m.constructor === Linear && forward === ownForward;
}

/** True when `m` is a plain nn.BatchNorm1d (exact class, its own forward). */
function isPlainBatchNorm(m: Module): m is BatchNorm1d {
  const ownForward: unknown = BatchNorm1d.prototype.forward;
  const forward: unknown = m.forward;
  return m.constructor === BatchNorm1d && forward === ownForward;
}

/** An activation that Identity stands for: skipped inside a run. */
function isIdentity(m: Module): boolean {
  const k = activationKernelOf(m);
  return k !== null && k.kind === "identity";
}

/**
 * Cuts `items` into segments. A run starts at a plain Linear and takes, after each Linear, at
 * most one plain BatchNorm1d of its width and then at most one kernel activation (Identity
 * anywhere inside is skipped); it ends at the first module that does not fit, or at a Linear
 * whose input width does not match.
 */
export function planSegments(items: readonly Module[]): Segment[] {
  const segments: Segment[] = [];
  let run: {
    layers: StackLayer[];
    modules: Module[];
    linears: Linear[];
    hasAct: boolean;
    hasNorm: boolean;
  } | null = null;
  const close = (): void => {
    if (run === null) return;
    const plan = planLinearStack(run.layers);
    if (plan !== null) {
      segments.push({ kind: "stack", plan, modules: run.modules, linears: run.linears });
    } else for (const module of run.modules) segments.push({ kind: "module", module });
    run = null;
  };
  for (const m of items) {
    if (isPlainLinear(m)) {
      const last = run?.layers[run.layers.length - 1];
      if (run !== null && last !== undefined && last.W.shape[0] !== m.inFeatures) close();
      run ??= { layers: [], modules: [], linears: [], hasAct: false, hasNorm: false };
      run.layers.push({ W: m.weight, b: m.bias, act: { kind: "identity", slope: 0 } });
      run.modules.push(m);
      run.linears.push(m);
      run.hasAct = false;
      run.hasNorm = false;
      continue;
    }
    if (run !== null && !run.hasAct && !run.hasNorm && isPlainBatchNorm(m)) {
      const last = run.layers[run.layers.length - 1];
      if (last.W.shape[0] === m.numFeatures) {
        last.norm = m;
        run.modules.push(m);
        run.hasNorm = true;
        continue;
      }
    }
    const act = run !== null ? activationKernelOf(m) : null;
    if (run !== null && act?.kind === "identity") {
      run.modules.push(m);
      continue;
    }
    if (run !== null && act !== null && !run.hasAct) {
      run.layers[run.layers.length - 1].act = act;
      run.modules.push(m);
      run.hasAct = true;
      continue;
    }
    close();
    segments.push({ kind: "module", module: m });
  }
  close();
  return segments;
}

/**
 * The single plan when all of `items` form one stack (Identity aside), else null. (Kept for the
 * tests that pin which stacks fuse.)
 */
export function planStack(items: readonly Module[]): LinearStackPlan | null {
  const segments = planSegments(items.filter((m) => !isIdentity(m)));
  return segments.length === 1 && segments[0].kind === "stack" ? segments[0].plan : null;
}

/** False when a layer's weight or bias tensor was replaced since the segment was planned. */
export function isCurrent(segment: Segment): boolean {
  if (segment.kind === "module") return true;
  const { plan, linears } = segment;
  for (let k = 0; k < linears.length; k++) {
    const l = plan.layers[k];
    if (linears[k].weight !== l.W || linears[k].bias !== l.b) return false;
  }
  return true;
}
