// Reverse-mode automatic differentiation.
// Each op that has an input requiring grad records a GradNode: its inputs and a backward rule
// dY ↦ [dX₁, dX₂, …] (dX means ∂L/∂X). backward() walks the nodes in reverse topological order,
// sums the contributions reaching each tensor (a tensor used twice gets both), and accumulates
// the result into `.grad` of the leaves (tensors created by the user with requiresGrad).
import { GradError, fmtShape } from "../errors.js";
import { sameShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "./no-grad.js";

export interface GradNode {
  /** Op name, for error messages and graph dumps. */
  op: string;
  inputs: readonly Tensor[];
  /** Gradient of the loss w.r.t. each input, given dY; null where an input needs none. */
  backward: (dY: Tensor) => readonly (Tensor | null)[];
  /**
   * True when backward returns fresh tensors that nothing else references and that share no
   * elements with each other: a leaf whose `.grad` is null may then take one as its `.grad`
   * instead of copying it (the fused Linear stack does this).
   */
  ownsGrads: boolean;
}

/** Number of topological sorts so far: a tensor whose visitMark equals it was seen by this one. */
let sortCount = 0;

/** Tensors reachable from `root` through recorded nodes, inputs before outputs. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const mark = ++sortCount;
  // iterative DFS (deep graphs such as long RNN-like chains must not overflow the stack);
  // `tensors` and `next` are the stack: a tensor and the index of its next input to visit
  const tensors: Tensor[] = [root];
  const next: number[] = [0];
  root.visitMark = mark;
  while (tensors.length > 0) {
    const top = tensors.length - 1;
    const t = tensors[top];
    const i = next[top];
    const inputs = t.node === null ? EMPTY : t.node.inputs;
    if (i < inputs.length) {
      next[top] = i + 1;
      const child = inputs[i];
      if (child.requiresGrad && child.visitMark !== mark) {
        child.visitMark = mark;
        tensors.push(child);
        next.push(0);
      }
    } else {
      tensors.pop();
      next.pop();
      order.push(t);
    }
  }
  return order;
}

const EMPTY: readonly Tensor[] = [];

/**
 * Backpropagate from `root`. Without `grad`, root must hold a single element (dRoot = 1).
 * Gradients are accumulated (+=) into `.grad` of every leaf that requires grad.
 */
export function backward(root: Tensor, grad?: Tensor): void {
  if (!root.requiresGrad) {
    throw new GradError(
      "backward: this tensor does not require grad (no input had requiresGrad: true, or it was computed under noGrad)",
    );
  }
  let seedGrad: Tensor;
  if (grad === undefined) {
    if (root.size !== 1) {
      throw new GradError(
        `backward: called on a tensor of shape ${fmtShape(root.shape)} without a gradient; ` +
          "pass the upstream gradient (same shape) or reduce to a scalar first (e.g. .sum())",
      );
    }
    seedGrad = root.onesLikeDetached();
  } else {
    if (!sameShape(grad.shape, root.shape)) {
      throw new GradError(
        `backward: gradient shape ${fmtShape(grad.shape)} does not match tensor shape ${fmtShape(root.shape)}`,
      );
    }
    seedGrad = grad;
  }
  noGrad(() => propagate(root, seedGrad));
}

/** Depth of running backward passes (a backward rule could itself call backward). */
let running = 0;

/** The reverse sweep: sum the gradient reaching each tensor, pass it to its node or leaf. */
function propagate(root: Tensor, seedGrad: Tensor): void {
  const order = topoOrder(root);
  if (running > 0) {
    propagateNested(order, root, seedGrad);
    return;
  }
  running++;
  let done = false;
  try {
    propagateInPlace(order, root, seedGrad);
    done = true;
  } finally {
    running--;
    // after an exception, no pending gradient may leak into the next pass
    if (!done) {
      for (const t of order) {
        t.pendingGrad = null;
        t.pendingOwned = false;
      }
    }
  }
}

/**
 * The sweep with each tensor's pending gradient kept on the tensor itself (pendingGrad, and
 * pendingOwned when nothing else references it, so a leaf may keep it as .grad). Every pending
 * gradient is cleared as its tensor is processed.
 */
function propagateInPlace(order: Tensor[], root: Tensor, seedGrad: Tensor): void {
  root.pendingGrad = seedGrad;
  root.pendingOwned = false;
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const dT = t.pendingGrad;
    if (dT === null) continue;
    const owned = t.pendingOwned;
    t.pendingGrad = null; // free as we go: each gradient is needed exactly once
    t.pendingOwned = false;
    const node = t.node;
    if (node === null) {
      if (owned) t.adoptGrad(dT);
      else t.accumulateGrad(dT);
      continue;
    }
    const inputGrads = node.backward(dT);
    const inputs = node.inputs;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k];
      const g = inputGrads[k];
      if (g === null || g === undefined || !input.requiresGrad) continue;
      const previous = input.pendingGrad;
      if (previous === null) {
        input.pendingGrad = g;
        input.pendingOwned = node.ownsGrads;
      } else {
        input.pendingGrad = previous.add(g); // a fresh sum: owned
        input.pendingOwned = true;
      }
    }
  }
}

/** The same sweep with its own map, for a pass started while another one is running. */
function propagateNested(order: Tensor[], root: Tensor, seedGrad: Tensor): void {
  const grads = new Map<Tensor, Tensor>([[root, seedGrad]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const dT = grads.get(t);
    if (dT === undefined) continue;
    grads.delete(t);
    if (t.node === null) {
      t.accumulateGrad(dT);
      continue;
    }
    const inputGrads = t.node.backward(dT);
    const inputs = t.node.inputs;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k];
      const g = inputGrads[k];
      if (g === null || g === undefined || !input.requiresGrad) continue;
      const previous = grads.get(input);
      grads.set(input, previous === undefined ? g : previous.add(g));
    }
  }
}
