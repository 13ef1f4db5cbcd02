// Recognising a fusable stack: a Sequential made only of Linear layers, each optionally followed
// by one elementwise activation the fused kernels know (Tanh, Sigmoid, ReLU, LeakyReLU, Identity).
// Anything else (Dropout, BatchNorm, Softmax, subclasses, nested containers) ⇒ no plan, and the
// Sequential runs its layers one by one as before.
import type { DType, Storage } from "../../tensor/dtype.js";
import { allocStorage } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Identity, LeakyReLU, ReLU, Sigmoid, Tanh } from "../activations.js";
import { Linear } from "../linear.js";
import type { Module } from "../module.js";
import type { FusedActivation } from "./activation.js";
import { Arena } from "./arena.js";

/** One Linear layer and the activation after it:  Y = f(X·Wᵀ + b),  X: [N, D] → Y: [N, H]. */
export interface FusedLayer {
  /** The layer itself: its weight and bias are re-checked before each use (see isCurrent). */
  linear: Linear;
  W: Tensor;
  b: Tensor | null;
  D: number;
  H: number;
  act: FusedActivation;
}

/** A fusable stack, with scratch space reused across calls (grown on demand). */
export interface FusedPlan {
  layers: FusedLayer[];
  /** Parameters in node-input order: W₀, b₀, W₁, b₁, … (absent biases skipped). */
  params: Tensor[];
  dtype: DType;
  /** Input features D₀ and output features H of the last layer. */
  inFeatures: number;
  outFeatures: number;
  /** Total number of parameter elements. */
  paramSize: number;
  /** max over layers of H (the widest intermediate row). */
  maxWidth: number;
  /** Σ over layers of the columns saved for backward per sample (Z and Y, last Y excluded). */
  savedWidth: number;
  scratch: [Storage, Storage];
  /** Where saved activations and parameter gradients come from. */
  arena: Arena;
}

const IDENTITY: FusedActivation = { kind: "identity", slope: 0 };

/** The activation a module stands for, or null when it is not one the kernels fuse. */
function activationOf(m: Module): FusedActivation | null {
  const c = m.constructor;
  if (c === Tanh) return { kind: "tanh", slope: 0 };
  if (c === Sigmoid) return { kind: "sigmoid", slope: 0 };
  if (c === ReLU) return { kind: "relu", slope: 0 };
  if (c === LeakyReLU) return { kind: "leakyRelu", slope: (m as LeakyReLU).negativeSlope };
  return null;
}

/** True when `m`'s forward is its class's own (not replaced on the instance). */
function ownForward(m: Module, cls: { prototype: { forward: unknown } }): boolean {
  return m.forward === cls.prototype.forward;
}

/** Build the plan for `items`, or null when the stack cannot be fused. */
export function planStack(items: readonly Module[]): FusedPlan | null {
  const layers: FusedLayer[] = [];
  let current: FusedLayer | null = null;
  let hasAct = false;
  for (const m of items) {
    if (m.constructor === Linear && ownForward(m, Linear)) {
      const lin = m as Linear;
      if (current !== null && current.H !== lin.inFeatures) return null;
      current = {
        linear: lin,
        W: lin.weight,
        b: lin.bias,
        D: lin.inFeatures,
        H: lin.outFeatures,
        act: IDENTITY,
      };
      layers.push(current);
      hasAct = false;
      continue;
    }
    if (m.constructor === Identity && ownForward(m, Identity)) continue;
    const act = activationOf(m);
    if (act === null || current === null || hasAct || !ownForward(m, m.constructor as never)) {
      return null;
    }
    current.act = act;
    hasAct = true;
  }
  if (layers.length === 0) return null;
  const dtype = layers[0].W.dtype;
  const params: Tensor[] = [];
  for (const l of layers) {
    params.push(l.W);
    if (l.b !== null) params.push(l.b);
  }
  if (params.some((p) => p.dtype !== dtype)) return null;
  let maxWidth = layers[0].D;
  let savedWidth = 0;
  for (const l of layers) {
    maxWidth = Math.max(maxWidth, l.H);
    savedWidth += 2 * l.H;
  }
  const last = layers[layers.length - 1];
  savedWidth -= last.H;
  return {
    layers,
    params,
    dtype,
    inFeatures: layers[0].D,
    outFeatures: last.H,
    paramSize: params.reduce((n, p) => n + p.size, 0),
    maxWidth,
    savedWidth,
    scratch: [allocStorage(dtype, 0), allocStorage(dtype, 0)],
    arena: new Arena(dtype),
  };
}

/** False when a layer's weight or bias tensor was replaced since the plan was built. */
export function isCurrent(plan: FusedPlan): boolean {
  for (const l of plan.layers) if (l.linear.weight !== l.W || l.linear.bias !== l.b) return false;
  return true;
}

/** The two scratch arrays of the plan, each with room for `size` elements. */
export function scratchOf(plan: FusedPlan, size: number): [Storage, Storage] {
  if (plan.scratch[0].length < size) {
    plan.scratch = [allocStorage(plan.dtype, size), allocStorage(plan.dtype, size)];
  }
  return plan.scratch;
}
