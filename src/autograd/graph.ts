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

/** Tensors reachable from `root` through recorded nodes, inputs before outputs. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // iterative DFS (deep graphs such as long RNN-like chains must not overflow the stack);
  // `tensors` and `next` are the stack: a tensor and the index of its next input to visit
  const tensors: Tensor[] = [root];
  const next: number[] = [0];
  seen.add(root);
  while (tensors.length > 0) {
    const top = tensors.length - 1;
    const t = tensors[top];
    const i = next[top];
    const inputs = t.node === null ? EMPTY : t.node.inputs;
    if (i < inputs.length) {
      next[top] = i + 1;
      const child = inputs[i];
      if (child.requiresGrad && !seen.has(child)) {
        seen.add(child);
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

/** The reverse sweep: sum the gradient reaching each tensor, pass it to its node or leaf. */
function propagate(root: Tensor, seedGrad: Tensor): void {
  const order = topoOrder(root);
  const grads = new Map<Tensor, Tensor>([[root, seedGrad]]);
  // gradients that only this sweep references (fresh sums, ownsGrads results): a leaf may keep one
  let owned: Set<Tensor> | null = null;
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const dT = grads.get(t);
    if (dT === undefined) continue;
    grads.delete(t); // free as we go: each gradient is needed exactly once
    const node = t.node;
    if (node === null) {
      if (owned !== null && owned.has(dT)) t.adoptGrad(dT);
      else t.accumulateGrad(dT);
      continue;
    }
    // passed on, dT may come back unchanged for several inputs: no longer exclusively ours
    if (owned !== null) owned.delete(dT);
    const inputGrads = node.backward(dT);
    const inputs = node.inputs;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k];
      const g = inputGrads[k];
      if (g === null || g === undefined || !input.requiresGrad) continue;
      const previous = grads.get(input);
      if (previous === undefined) {
        grads.set(input, g);
        if (node.ownsGrads) (owned ??= new Set()).add(g);
      } else {
        const sum = previous.add(g);
        grads.set(input, sum);
        (owned ??= new Set()).add(sum);
      }
    }
  }
}
