// The backward sweep of autograd/graph.ts, run again with a check after every node: the first
// op whose input gradient is not finite while the gradient it received is. Only explainNaN runs
// it (after the guard tripped), so backward() itself carries no per-node check.
import type { Tensor } from "../tensor/tensor.js";
import { subgraph } from "./graph-walk.js";

/** The node that turned a finite gradient into a non-finite one. */
export interface NonFiniteGradient {
  /** The tensor whose node's backward rule produced it (its layer names the origin). */
  tensor: Tensor;
  op: string;
  /** The first non-finite value of the gradient it produced. */
  value: number;
  /** Largest |value| of the finite gradient dY it received. */
  gradMaxAbs: number;
}

/**
 * Walk from `loss` (dLoss = 1) toward the leaves in reverse topological order, summing the
 * gradients reaching each tensor as backward() does, without writing any `.grad`. Call under
 * noGrad. A sum of finite contributions that overflows is reported as op "add (gradient sum)".
 */
export function firstNonFiniteGradient(loss: Tensor): NonFiniteGradient | null {
  const order = subgraph(loss, []);
  const grads = new Map<Tensor, Tensor>([[loss, loss.onesLikeDetached()]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const dT = grads.get(t);
    if (dT === undefined) continue;
    grads.delete(t);
    const node = t.node!;
    const inputGrads = node.backward(dT);
    for (let k = 0; k < node.inputs.length; k++) {
      const input = node.inputs[k];
      const g = inputGrads[k];
      if (g === null || g === undefined || !input.requiresGrad) continue;
      const bad = firstBad(g.data);
      if (bad !== null) return { tensor: t, op: node.op, value: bad, gradMaxAbs: maxAbs(dT.data) };
      const previous = grads.get(input);
      const sum = previous === undefined ? g : previous.add(g);
      const badSum = firstBad(sum.data);
      if (badSum !== null) {
        const at = input.node === null ? t : input;
        return { tensor: at, op: "add (gradient sum)", value: badSum, gradMaxAbs: maxAbs(g.data) };
      }
      if (input.node !== null) grads.set(input, sum);
    }
  }
  return null;
}

function firstBad(d: ArrayLike<number>): number | null {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return d[i];
  return null;
}

function maxAbs(d: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < d.length; i++) m = Math.max(m, Math.abs(d[i]));
  return m;
}
