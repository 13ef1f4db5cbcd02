// The fused forward/backward of a Linear + activation stack: one autograd node for the whole
// stack instead of three or four per layer. Forward runs every layer and saves each layer's net
// input Z and output Y in one array; backward walks the layers once, from the last to the first.
// Not here: deciding whether a stack is fusable (plan.ts) or the scalar activation rules.
import { isGradEnabled } from "../../autograd/no-grad.js";
import { result } from "../../ops/define.js";
import { allocStorage, type Storage } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { activateBackward, activateForward } from "./activation.js";
import { linearForward, linearInputGrad, linearParamGrads } from "./kernels.js";
import { scratchOf, type FusedPlan } from "./plan.js";

/** True when `x` can take the fused path of `plan`: [N, D₀] of the plan's dtype, N > 0. */
export function fits(plan: FusedPlan, x: Tensor): boolean {
  return (
    x.shape.length === 2 &&
    x.shape[1] === plan.inFeatures &&
    x.shape[0] > 0 &&
    x.dtype === plan.dtype
  );
}

/**
 * Y = f_L(… f_1(X·W₁ᵀ + b₁) …·W_Lᵀ + b_L) for a stack that `fits`:
 *   forward   Z_k = A_{k−1}·W_kᵀ + b_k,  A_k = f_k(Z_k),  A₀ = X        X: [N, D₀] → Y: [N, H_L]
 *   backward  dZ_k = dA_k ⊙ f_k′(Z_k)                                   [N, H_k]
 *             dW_k = dZ_kᵀ·A_{k−1}   db_k = Σ_n dZ_k[n, :]             [H_k, D_k], [H_k]
 *             dA_{k−1} = dZ_k·W_k                                       [N, D_k]
 * The node's inputs are X, W₁, b₁, W₂, b₂, …; its backward returns their gradients (null for
 * those that need none), so autograd accumulates them into `.grad` as for any op.
 */
export function linearStack(plan: FusedPlan, x: Tensor): Tensor {
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
      linearForward(a, 0, W.data, b === null ? null : b.data, z, 0, N, D, H);
      activateForward(act, z, 0, z, 0, N * H);
      a = z;
    }
    return new Tensor(out, [N, plan.outFeatures]);
  }
  const saved = plan.arena.take(N * plan.savedWidth);
  let a: Storage = x.data;
  let aOff = 0;
  let off = 0;
  for (let k = 0; k < L; k++) {
    const { W, b, D, H, act } = layers[k];
    const last = k === L - 1;
    const yArr = last ? out : saved;
    const yOff = last ? 0 : off + N * H;
    linearForward(a, aOff, W.data, b === null ? null : b.data, saved, off, N, D, H);
    activateForward(act, saved, off, yArr, yOff, N * H);
    a = yArr;
    aOff = yOff;
    off += 2 * N * H;
  }
  const inputs = [x];
  for (const p of plan.params) inputs.push(p);
  return result(
    "linearStack",
    out,
    [N, plan.outFeatures],
    inputs,
    (dY) => backwardStack(plan, x, saved, out, dY),
    true, // every gradient below is a fresh view of its own range: leaves may keep it
  );
}

/** One backward pass through the whole stack; returns [dX, dW₁, db₁, …] (null where not needed). */
function backwardStack(
  plan: FusedPlan,
  x: Tensor,
  saved: Storage,
  out: Storage,
  dYTensor: Tensor,
): (Tensor | null)[] {
  const N = x.shape[0];
  const layers = plan.layers;
  const L = layers.length;
  const grads: (Tensor | null)[] = new Array<Tensor | null>(1 + plan.params.length).fill(null);
  // the lowest layer whose inputs or parameters still need a gradient (L: none)
  let lowest = x.requiresGrad ? 0 : L;
  for (let k = 0; k < L && lowest === L; k++) {
    const { W, b } = layers[k];
    if (W.requiresGrad || (b !== null && b.requiresGrad)) lowest = k;
  }
  const [s0, s1] = scratchOf(plan, N * plan.maxWidth);

  let dA: Storage = dYTensor.data;
  let gi = plan.params.length; // grads index of the last parameter, walking backwards
  let off = N * (plan.savedWidth + plan.outFeatures);
  for (let k = L - 1; k >= lowest; k--) {
    const { W, b, D, H, act } = layers[k];
    off -= 2 * N * H;
    const last = k === L - 1;
    const dZ = k & 1 ? s1 : s0;
    activateBackward(act, dA, saved, off, last ? out : saved, last ? 0 : off + N * H, dZ, N * H);
    const aPrev = k === 0 ? x.data : saved;
    const aOff = k === 0 ? 0 : off - N * D;
    const db = b !== null && b.requiresGrad ? plan.arena.take(H) : null;
    const dW = W.requiresGrad ? plan.arena.take(H * D) : null;
    linearParamGrads(dZ, aPrev, aOff, dW, db, N, D, H);
    if (b !== null) grads[gi--] = db && new Tensor(db, b.shape);
    grads[gi--] = dW && new Tensor(dW, W.shape);
    if (k > lowest) {
      const next = k & 1 ? s0 : s1;
      linearInputGrad(dZ, W.data, next, N, D, H);
      dA = next;
    } else if (k === 0 && x.requiresGrad) {
      const dX = allocStorage(plan.dtype, N * D);
      linearInputGrad(dZ, W.data, dX, N, D, H);
      grads[0] = new Tensor(dX, x.shape);
    }
  }
  return grads;
}
