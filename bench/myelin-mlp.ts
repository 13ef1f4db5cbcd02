// Myelin's side of the MLP workloads, written with the tensor ops that exist today (matmul,
// add, tanh, sigmoid, relu, log, mean) and a hand-written SGD step under noGrad.
// TODO(lead): when nn/optim land, replace the body of MyelinMlp with nn.sequential(...) +
// optim.sgd(...) — the benchmark drivers only call trainStep() and predict().
import { noGrad } from "../src/autograd/no-grad.js";
import { fromData } from "../src/tensor/create.js";
import type { Tensor } from "../src/tensor/tensor.js";
import { denseInit } from "./data.js";

export type Activation = "tanh" | "relu" | "sigmoid" | "none";

function activate(x: Tensor, f: Activation): Tensor {
  if (f === "tanh") return x.tanh();
  if (f === "relu") return x.relu();
  if (f === "sigmoid") return x.sigmoid();
  return x;
}

export class MyelinMlp {
  private readonly W: Tensor[];
  private readonly b: Tensor[];

  /** sizes [D, H₁, …, C]; `hidden` after every layer but the last, `output` after the last. */
  constructor(
    readonly sizes: readonly number[],
    private readonly hidden: Activation,
    private readonly output: Activation,
    seedValue = 3,
  ) {
    const init = denseInit(sizes, seedValue);
    this.W = init.W.map((w, l) => fromData(w, [sizes[l], sizes[l + 1]]));
    this.b = init.b.map((b, l) => fromData(b, [sizes[l + 1]]));
    for (const p of this.parameters()) p.requiresGrad = true;
  }

  parameters(): Tensor[] {
    return [...this.W, ...this.b];
  }

  /** X [N, D] → Y [N, C];  h ← f(h·W + b) layer by layer. */
  forward(x: Tensor): Tensor {
    let h = x;
    for (let l = 0; l < this.W.length; l++) {
      h = activate(
        h.matmul(this.W[l]).add(this.b[l]),
        l + 1 < this.W.length ? this.hidden : this.output,
      );
    }
    return h;
  }

  /** Inference without a graph: x [N, D] data → predictions [N, C] data. */
  predict(x: Float32Array, batch: number): Float32Array {
    return noGrad(() => this.forward(fromData(x, [batch, this.sizes[0]]))).data as Float32Array;
  }

  /**
   * One SGD step on binary cross-entropy (output must be sigmoid):
   *   L = −mean(y·log p + (1−y)·log(1−p)),  θ ← θ − η·∂L/∂θ.  Returns L.
   */
  trainStep(x: Float32Array, y: Float32Array, batch: number, lr: number): number {
    const p = this.forward(fromData(x, [batch, this.sizes[0]]));
    const target = fromData(y, [batch, 1]);
    const loss = target
      .mul(p.log())
      .add(target.neg().add(1).mul(p.neg().add(1).log()))
      .mean()
      .neg();
    loss.backward();
    noGrad(() => {
      for (const param of this.parameters()) {
        const g = param.grad!.data;
        const d = param.data;
        for (let i = 0; i < d.length; i++) d[i] -= lr * g[i];
        param.grad = null;
      }
    });
    return loss.item();
  }
}
