// Full-batch training of a small binary classifier, shared by the labs: a fixed number of steps
// of one optimizer on bceWithLogits, returning the loss curve and the final accuracy. Not fit():
// the labs need every step's loss and no callbacks, validation or early stopping.
import { bceWithLogits } from "../../losses/bce-with-logits.js";
import type { Module } from "../../nn/module.js";
import type { Optimizer } from "../../optim/optimizer.js";
import { noGrad } from "../../autograd/no-grad.js";
import type { Tensor } from "../../tensor/tensor.js";

export interface TrainCurve {
  /** Loss before each step (losses[0] is the loss at initialization). */
  losses: number[];
  finalLoss: number;
  accuracy: number;
}

/** Train `model` (x [N, D] → logits [N, 1]) on labels y [N] ∈ {0, 1} for `steps` full-batch steps. */
export function trainBinary(
  model: Module,
  optimizer: Optimizer,
  x: Tensor,
  y: Tensor,
  steps: number,
): TrainCurve {
  const t = y.reshape([-1, 1]);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    const loss = bceWithLogits(model.forward(x), t);
    losses.push(loss.item());
    loss.backward();
    optimizer.step();
  }
  return noGrad(() => {
    const z = model.forward(x);
    const finalLoss = bceWithLogits(z, t).item();
    return { losses, finalLoss, accuracy: binaryAccuracy(z, y) };
  });
}

/** Fraction of rows whose logit has the label's sign (z > 0 ⇔ y = 1). */
export function binaryAccuracy(z: Tensor, y: Tensor): number {
  let correct = 0;
  for (let i = 0; i < y.size; i++) if (z.data[i] > 0 === (y.data[i] === 1)) correct++;
  return correct / y.size;
}
