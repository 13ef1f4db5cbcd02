// The fused Linear + activation stack as one op: one autograd node for the whole stack instead of
// three or four per layer. Forward runs every layer and saves each layer's net input Z and output
// Y in one array; backward walks the layers once, from the last to the first. The kernels are the
// backend's (kernels.linearForward / linearParamGrads / linearInputGrad / activate /
// activationGrad: the js loops for small layers, the active backend's matmul for large ones).
// A layer may carry a BatchNorm1d between its product and its activation (batch-norm-rows.ts).
// Not here: recognising which modules form a stack (src/nn/stack-plan.ts).
import { isGradEnabled } from "../autograd/no-grad.js";
import { kernels, type ActivationKind } from "../backend/index.js";
import { allocStorage, type DType, type Storage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { Arena } from "./arena.js";
import {
  batchNormBackward,
  batchNormForward,
  usesBatchStats,
  type StackNorm,
} from "./batch-norm-rows.js";
import { result } from "./define.js";

export type { ActivationKind, StackNorm };

/** An elementwise activation the stack runs inline: its kernel kind and leakyRelu's slope. */
export interface StackActivation {
  kind: ActivationKind;
  /** LeakyReLU's negative slope (0 for the others). */
  slope: number;
}

/** One layer of a stack:  Y = f(BN(X·Wᵀ + b)),  X: [N, D] → Y: [N, H]  (BN when norm is set). */
export interface StackLayer {
  W: Tensor;
  b: Tensor | null;
  act: StackActivation;
  /** A BatchNorm1d(H) between the product and the activation (absent: none). */
  norm?: StackNorm | null;
}

/** A planned layer: its sizes, and where its 1/σ goes in the saved array's tail. */
type SizedLayer = StackLayer & { D: number; H: number; norm: StackNorm | null; statOffset: number };

/** A stack's layers with the sizes and scratch space its op needs (reused across calls). */
export interface LinearStackPlan {
  layers: readonly SizedLayer[];
  /** Parameters in node-input order: W₁, b₁, γ₁, β₁, W₂, … (absent biases and norms skipped). */
  params: Tensor[];
  dtype: DType;
  /** Input features D₁ and output features H_L. */
  inFeatures: number;
  outFeatures: number;
  /** max over layers of D₁ and H (the widest intermediate row). */
  maxWidth: number;
  /** Σ over layers of the columns saved for backward per sample (x̂, Z and Y, last Y excluded). */
  savedWidth: number;
  /** Σ H over normalised layers: the 1/σ values saved once per call, after the rows. */
  statsWidth: number;
  scratch: [Storage, Storage];
  /** Where saved activations and parameter gradients come from. */
  arena: Arena;
}

/**
 * The plan for `layers`, or null when they do not chain (H_k ≠ D_{k+1}), are empty, or mix
 * dtypes. Weights W_k are [H_k, D_k] and biases [H_k], as nn.Linear stores them.
 */
export function planLinearStack(layers: readonly StackLayer[]): LinearStackPlan | null {
  if (layers.length === 0) return null;
  const dtype = layers[0].W.dtype;
  const sized: SizedLayer[] = [];
  const params: Tensor[] = [];
  let statsWidth = 0;
  for (const l of layers) {
    if (l.W.ndim !== 2) return null;
    const [H, D] = l.W.shape;
    if (sized.length > 0 && sized[sized.length - 1].H !== D) return null;
    if (l.b !== null && (l.b.ndim !== 1 || l.b.shape[0] !== H)) return null;
    const norm = l.norm ?? null;
    if (norm !== null && norm.numFeatures !== H) return null;
    if (norm?.runningMean && norm.runningMean.dtype !== dtype) return null;
    sized.push({ ...l, D, H, norm, statOffset: statsWidth });
    params.push(l.W);
    if (l.b !== null) params.push(l.b);
    if (norm?.weight) params.push(norm.weight);
    if (norm?.bias) params.push(norm.bias);
    if (norm !== null) statsWidth += H;
  }
  if (params.some((p) => p.dtype !== dtype)) return null;
  let maxWidth = sized[0].D;
  let savedWidth = 0;
  for (const l of sized) {
    maxWidth = Math.max(maxWidth, l.H);
    savedWidth += (l.norm === null ? 2 : 3) * l.H;
  }
  const last = sized[sized.length - 1];
  return {
    layers: sized,
    params,
    dtype,
    inFeatures: sized[0].D,
    outFeatures: last.H,
    maxWidth,
    savedWidth: savedWidth - last.H,
    statsWidth,
    scratch: [allocStorage(dtype, 0), allocStorage(dtype, 0)],
    arena: new Arena(dtype),
  };
}

/** True when `x` can take the stack's op: [N, D₁] of the plan's dtype, N > 0. */
export function fitsLinearStack(plan: LinearStackPlan, x: Tensor): boolean {
  return (
    x.shape.length === 2 &&
    x.shape[1] === plan.inFeatures &&
    x.shape[0] > 0 &&
    x.dtype === plan.dtype
  );
}

/** The two scratch arrays of the plan, each with room for `size` elements. */
function scratchOf(plan: LinearStackPlan, size: number): [Storage, Storage] {
  if (plan.scratch[0].length < size) {
    plan.scratch = [allocStorage(plan.dtype, size), allocStorage(plan.dtype, size)];
  }
  return plan.scratch;
}

/**
 * Y = f_L(… f_1(X·W₁ᵀ + b₁) …·W_Lᵀ + b_L) for an x that fitsLinearStack:
 *   forward   Z_k = A_{k−1}·W_kᵀ + b_k,  A_k = f_k(Z_k),  A₀ = X        X: [N, D₁] → Y: [N, H_L]
 *   backward  dZ_k = dA_k ⊙ f_k′(Z_k)                                   [N, H_k]
 *             dW_k = dZ_kᵀ·A_{k−1}   db_k = Σ_n dZ_k[n, :]             [H_k, D_k], [H_k]
 *             dA_{k−1} = dZ_k·W_k                                       [N, D_k]
 * A layer with a norm applies it between: A_k = f_k(BN_k(Z_k)), with BN's forward and its
 * backward dZ_k ← BN_k′ (and dγ_k, dβ_k) as in batch-norm-rows.ts. Saved per sample and layer:
 * [x̂ (norm only), BN(Z) or Z, A]; 1/σ per normalised layer after all rows.
 * The node's inputs are X, W₁, b₁, γ₁, β₁, W₂, …; its backward returns their gradients (null for
 * those that need none), so autograd accumulates them into `.grad` as for any op. The values
 * equal the generic ops' (matmul, add, the activation, BatchNorm1d) up to the order of additions.
 */
export function linearStack(plan: LinearStackPlan, x: Tensor): Tensor {
  const N = x.shape[0];
  const layers = plan.layers;
  const L = layers.length;
  const out = allocStorage(plan.dtype, N * plan.outFeatures);
  let record = false;
  if (isGradEnabled()) {
    record = x.requiresGrad;
    for (const p of plan.params) record ||= p.requiresGrad;
  }
  if (!record) {
    // inference: intermediate rows live in the plan's scratch arrays, only Y is allocated
    const scratch = scratchOf(plan, N * plan.maxWidth);
    let a: Storage = x.data;
    for (let k = 0; k < L; k++) {
      const { W, b, D, H, act } = layers[k];
      const z = k === L - 1 ? out : scratch[k & 1];
      kernels.linearForward(a, 0, W.data, b === null ? null : b.data, z, 0, N, D, H);
      const norm = layers[k].norm;
      if (norm !== null) batchNormForward(norm, z, 0, null, 0, null, 0, N, H);
      kernels.activate(act.kind, act.slope, z, 0, z, 0, N * H);
      a = z;
    }
    return new Tensor(out, [N, plan.outFeatures]);
  }
  const saved = plan.arena.take(N * plan.savedWidth + plan.statsWidth);
  const stats = N * plan.savedWidth; // 1/σ of the normalised layers, after the rows
  const batchStats: boolean[] = []; // per normalised layer: batch (true) or running statistics
  let a: Storage = x.data;
  let aOff = 0;
  let off = 0;
  for (let k = 0; k < L; k++) {
    const { W, b, D, H, act, norm, statOffset } = layers[k];
    const last = k === L - 1;
    const zOff = norm === null ? off : off + N * H; // x̂ comes first in a normalised layer
    const yArr = last ? out : saved;
    const yOff = last ? 0 : zOff + N * H;
    kernels.linearForward(a, aOff, W.data, b === null ? null : b.data, saved, zOff, N, D, H);
    if (norm !== null) {
      batchStats[k] = usesBatchStats(norm);
      batchNormForward(norm, saved, zOff, saved, off, saved, stats + statOffset, N, H);
    }
    kernels.activate(act.kind, act.slope, saved, zOff, yArr, yOff, N * H);
    a = yArr;
    aOff = yOff;
    off = zOff + 2 * N * H;
  }
  const inputs = [x];
  for (const p of plan.params) inputs.push(p);
  return result(
    "linearStack",
    out,
    [N, plan.outFeatures],
    inputs,
    (dY) => backwardStack(plan, x, saved, out, dY, batchStats),
    true, // every gradient below is a fresh view of its own range: leaves may keep it
  );
}

/** One backward pass through the whole stack; returns [dX, dW₁, db₁, …] (null where not needed). */
function backwardStack(
  plan: LinearStackPlan,
  x: Tensor,
  saved: Storage,
  out: Storage,
  dYTensor: Tensor,
  batchStats: readonly boolean[],
): (Tensor | null)[] {
  const N = x.shape[0];
  const layers = plan.layers;
  const L = layers.length;
  const grads: (Tensor | null)[] = new Array<Tensor | null>(1 + plan.params.length).fill(null);
  // the lowest layer whose inputs or parameters still need a gradient (L: none)
  let lowest = x.requiresGrad ? 0 : L;
  for (let k = 0; k < L && lowest === L; k++) {
    const { W, b, norm } = layers[k];
    if (W.requiresGrad || (b !== null && b.requiresGrad)) lowest = k;
    if (norm?.weight?.requiresGrad || norm?.bias?.requiresGrad) lowest = k;
  }
  const [s0, s1] = scratchOf(plan, N * plan.maxWidth);
  let dA: Storage = dYTensor.data;
  let gi = plan.params.length; // grads index of the last parameter, walking backwards
  let off = N * (plan.savedWidth + plan.outFeatures);
  const stats = N * plan.savedWidth;
  for (let k = L - 1; k >= lowest; k--) {
    const { W, b, D, H, act, norm, statOffset } = layers[k];
    off -= (norm === null ? 2 : 3) * N * H;
    const zOff = norm === null ? off : off + N * H;
    const last = k === L - 1;
    const dZ = k & 1 ? s1 : s0;
    const [y, yOff] = last ? [out, 0] : [saved, zOff + N * H];
    kernels.activationGrad(act.kind, act.slope, dA, saved, zOff, y, yOff, dZ, N * H);
    if (norm !== null) {
      const { weight: gamma, bias: beta } = norm;
      const dBeta = beta !== null && beta.requiresGrad ? plan.arena.take(H) : null;
      const dGamma = gamma !== null && gamma.requiresGrad ? plan.arena.take(H) : null;
      const s = stats + statOffset;
      batchNormBackward(norm, batchStats[k], dZ, saved, off, saved, s, N, H, dGamma, dBeta);
      if (beta !== null) grads[gi--] = dBeta && new Tensor(dBeta, beta.shape);
      if (gamma !== null) grads[gi--] = dGamma && new Tensor(dGamma, gamma.shape);
    }
    const aPrev = k === 0 ? x.data : saved;
    const aOff = k === 0 ? 0 : off - N * D;
    const db = b !== null && b.requiresGrad ? plan.arena.take(H) : null;
    const dW = W.requiresGrad ? plan.arena.take(H * D) : null;
    kernels.linearParamGrads(dZ, aPrev, aOff, dW, db, N, D, H);
    if (b !== null) grads[gi--] = db && new Tensor(db, b.shape);
    grads[gi--] = dW && new Tensor(dW, W.shape);
    if (k > lowest) {
      const next = k & 1 ? s0 : s1;
      kernels.linearInputGrad(dZ, W.data, next, N, D, H);
      dA = next;
    } else if (k === 0 && x.requiresGrad) {
      const dX = allocStorage(plan.dtype, N * D);
      kernels.linearInputGrad(dZ, W.data, dX, N, D, H);
      grads[0] = new Tensor(dX, x.shape);
    }
  }
  return grads;
}
