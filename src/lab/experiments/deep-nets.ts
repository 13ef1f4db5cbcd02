/**
 * Deep fully connected nets for the vanishing/exploding labs: `depth` hidden layers of `width`
 * units, each Linear → [BatchNorm] → activation, then Linear → 1 logit; trained full-batch
 * with plain SGD (no momentum, no Adam: they would rescale the very gradients we measure).
 */
import { noGrad } from "../../autograd/no-grad.js";
import { bceWithLogits } from "../../losses/bce-with-logits.js";
import { ReLU, Sigmoid, Tanh } from "../../nn/activations.js";
import { BatchNorm1d } from "../../nn/batch-norm.js";
import { kaimingNormal, normal, zeros } from "../../nn/init.js";
import { Linear } from "../../nn/linear.js";
import type { Module } from "../../nn/module.js";
import { Sequential } from "../../nn/sequential.js";
import type { Random } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";

export type Activation = "sigmoid" | "tanh" | "relu";

export interface DeepNetSpec {
  activation: Activation;
  /** He (Kaiming normal, ReLU gain √2) init instead of Linear's default U(±1/√fan_in). */
  he: boolean;
  batchNorm: boolean;
  /** Weights ~ N(0, initStd²) instead (large values push sigmoid units into saturation). */
  initStd?: number;
}

export function deepNet(
  spec: DeepNetSpec,
  inputs: number,
  width: number,
  depth: number,
  generator: Random,
): Sequential {
  const layers: Module[] = [];
  for (let l = 0; l < depth; l++) {
    const lin = new Linear(l === 0 ? inputs : width, width, { generator });
    if (spec.he) {
      kaimingNormal(lin.weight, { nonlinearity: "relu", generator });
      if (lin.bias) zeros(lin.bias);
    }
    if (spec.initStd !== undefined) normal(lin.weight, 0, spec.initStd, { generator });
    layers.push(lin);
    if (spec.batchNorm) layers.push(new BatchNorm1d(width));
    layers.push(
      spec.activation === "sigmoid"
        ? new Sigmoid()
        : spec.activation === "tanh"
          ? new Tanh()
          : new ReLU(),
    );
  }
  layers.push(new Linear(width, 1, { generator }));
  return new Sequential(...layers);
}

/** ‖∂L/∂W‖₂ of each Linear's weight, input side first. */
export function linearGradNorms(model: Sequential): number[] {
  return model
    .namedChildren()
    .map(([, m]) => m)
    .filter((m): m is Linear => m instanceof Linear)
    .map((m) => {
      const g = m.weight.grad?.data ?? [];
      let s = 0;
      for (let i = 0; i < g.length; i++) s += g[i] * g[i];
      return Math.sqrt(s);
    });
}

/** One full-batch loss and backward pass (gradients left in place); returns the loss. */
export function lossAndGrad(model: Module, x: Tensor, y: Tensor): number {
  for (const p of model.parameters()) p.grad = null;
  const loss = bceWithLogits(model.forward(x), y);
  loss.backward();
  return loss.item();
}

/** Binary accuracy of the logits: (1/N) Σ [(z > 0) = y]. */
export function accuracy(model: Module, x: Tensor, y: Tensor): number {
  const z = noGrad(() => model.eval().forward(x));
  model.train();
  let hits = 0;
  for (let i = 0; i < y.size; i++) if ((z.data[i] > 0 ? 1 : 0) === y.data[i]) hits++;
  return hits / y.size;
}
