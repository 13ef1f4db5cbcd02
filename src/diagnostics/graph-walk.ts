// Walks over a recorded autograd graph for the diagnostics: the tensors a layer's forward
// created (so a gradient can be traced back to its layer) and the first op of a layer whose
// output is not finite.
import type { Tensor } from "../tensor/tensor.js";

/**
 * Tensors produced by recorded ops between `stops` and `root`, inputs before outputs (root last).
 * Leaves (no node) and the stops themselves are not included and not walked through.
 */
export function subgraph(root: Tensor, stops: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>(stops);
  if (root.node === null || seen.has(root)) return order;
  // iterative DFS: a tensor and the index of its next input to visit
  const tensors: Tensor[] = [root];
  const next: number[] = [0];
  seen.add(root);
  while (tensors.length > 0) {
    const top = tensors.length - 1;
    const t = tensors[top];
    const inputs = t.node!.inputs;
    const i = next[top];
    if (i < inputs.length) {
      next[top] = i + 1;
      const child = inputs[i];
      if (child.node !== null && !seen.has(child)) {
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

/**
 * Mark every tensor between `stops` and `root` that no earlier layer owns as owned by `label`:
 * called in forward order, each intermediate result belongs to the layer that computed it.
 */
export function ownGraph(
  root: Tensor,
  stops: readonly Tensor[],
  owner: Map<Tensor, string>,
  label: string,
): void {
  for (const t of subgraph(root, stops)) if (!owner.has(t)) owner.set(t, label);
}

function isFinite(t: Tensor): boolean {
  const d = t.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
  return true;
}

/**
 * The op that first produced a non-finite value between `stops` and `root`: the first tensor
 * (inputs before outputs) holding one while all its inputs are finite. undefined when the graph
 * was not recorded (no input required grad).
 */
export function firstNonFiniteOp(root: Tensor, stops: readonly Tensor[]): string | undefined {
  for (const t of subgraph(root, stops)) {
    if (isFinite(t)) continue;
    if (t.node!.inputs.every(isFinite)) return t.node!.op;
  }
  return root.node?.op;
}
