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
}

/** Tensors reachable from `root` through recorded nodes, inputs before outputs. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // iterative DFS (deep graphs such as long RNN-like chains must not overflow the stack)
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.node?.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const child = inputs[i];
      if (child.requiresGrad && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

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
  noGrad(() => {
    const order = topoOrder(root);
    const grads = new Map<Tensor, Tensor>([[root, seedGrad]]);
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const dT = grads.get(t);
      if (dT === undefined) continue;
      grads.delete(t); // free as we go: each gradient is needed exactly once
      if (t.node === null) {
        t.accumulateGrad(dT);
        continue;
      }
      const inputGrads = t.node.backward(dT);
      t.node.inputs.forEach((input, k) => {
        const g = inputGrads[k];
        if (g === null || g === undefined || !input.requiresGrad) return;
        const previous = grads.get(input);
        grads.set(input, previous === undefined ? g : previous.add(g));
      });
    }
  });
}
