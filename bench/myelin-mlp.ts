// Myelin's side of the MLP workloads, written with the public API a user would use:
// nn.sequential of nn.linear + activation modules, losses.bce / losses.crossEntropy,
// optim.sgd / optim.adam (zeroGrad → backward → step), train.captureStep for the fixed-size BCE
// training step (W1, W1b: the same weights, replayed without a graph) and train.predict for
// inference.
// The weights start from the same seeded values as the tfjs peer's (bench/data.ts denseInit).
import { fromData, losses, nn, optim, train, type Tensor } from "../src/node/index.js";
import { denseInit } from "./data.js";

export type Activation = "tanh" | "relu" | "sigmoid" | "none";

function activationLayer(f: Activation): nn.Module | null {
  if (f === "tanh") return nn.tanh();
  if (f === "relu") return nn.relu();
  if (f === "sigmoid") return nn.sigmoid();
  return null;
}

export interface OptimizerChoice {
  name: "sgd" | "adam";
  lr: number;
}

export class MyelinMlp {
  readonly model: nn.Sequential;
  private readonly optimizer: optim.Optimizer;
  /** train.captureStep per batch size (created on first use). */
  private readonly captured = new Map<number, train.CapturedStep>();

  /** sizes [D, H₁, …, C]; `hidden` after every layer but the last, `output` after the last. */
  constructor(
    readonly sizes: readonly number[],
    hidden: Activation,
    output: Activation,
    optimizer: OptimizerChoice = { name: "sgd", lr: 0.1 },
    seedValue = 3,
  ) {
    const init = denseInit(sizes, seedValue);
    const layers: nn.Module[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
      const layer = nn.linear(fanIn, fanOut);
      // denseInit is [fanIn, fanOut] (x·W); Linear's weight is [out, in] (x·Wᵀ)
      const w = layer.weight.data;
      for (let i = 0; i < fanIn; i++) {
        for (let j = 0; j < fanOut; j++) w[j * fanIn + i] = init.W[l][i * fanOut + j];
      }
      layer.bias!.data.set(init.b[l]);
      layers.push(layer);
      const f = activationLayer(l + 2 < sizes.length ? hidden : output);
      if (f !== null) layers.push(f);
    }
    this.model = nn.sequential(...layers);
    const params = this.model.parameters();
    this.optimizer =
      optimizer.name === "adam"
        ? optim.adam(params, { lr: optimizer.lr })
        : optim.sgd(params, { lr: optimizer.lr });
  }

  /** Inference (eval mode, no graph): x [N, D] → outputs [N, C], in one batch of N. */
  predict(x: Tensor): Tensor {
    return train.predict(this.model, x, { batchSize: x.shape[0] });
  }

  /** One step on binary cross-entropy (sigmoid output): L = −mean(y·log p + (1−y)·log(1−p)). */
  trainStepBce(x: Float32Array, y: Float32Array, batch: number): void {
    let step = this.captured.get(batch);
    if (step === undefined) {
      step = train.captureStep(this.model, {
        loss: "bce",
        optimizer: this.optimizer,
        batchSize: batch,
      });
      this.captured.set(batch, step);
    }
    step.step(x, y);
  }

  /** The same step through the graph: bce(model(x), y); zeroGrad; backward; step. */
  trainStepBceUncaptured(x: Float32Array, y: Float32Array, batch: number): void {
    const p = this.model.forward(fromData(x, [batch, this.sizes[0]]));
    this.step(losses.bce(p, fromData(y, [batch, 1])));
  }

  private step(loss: Tensor): void {
    this.optimizer.zeroGrad();
    loss.backward();
    this.optimizer.step();
  }
}
