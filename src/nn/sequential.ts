// Sequential: a chain of modules applied in order, y = f_k(… f_2(f_1(x))). The children are named
// "0", "1", …, so parameters read "0.weight", "1.bias". Not here: branches or skip connections.
// Runs of Linear layers and simple activations run as one fused op each (stack-plan.ts).
import { ValueError } from "../errors.js";
import { fitsLinearStack, linearStack } from "../ops/linear-stack.js";
import type { Tensor } from "../tensor/tensor.js";
import { fusionEnabled } from "./fusion.js";
import { Module } from "./module.js";
import { isCurrent, planSegments, type Segment } from "./stack-plan.js";

/**
 * A container that feeds each layer's output to the next (torch.nn.Sequential).
 *
 *   const mlp = new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 1));
 *   mlp.forward(x);   // x: [N, 2] → [N, 1]
 * Its config is empty: the model file writer serialises the children.
 */
export class Sequential extends Module {
  readonly typeName = "Sequential";
  private readonly items: Module[] = [];
  /** `items` cut into fused stacks and single modules (undefined: not planned yet). */
  private segments: Segment[] | undefined = undefined;

  constructor(...layers: Module[]) {
    super();
    for (const layer of layers) this.append(layer);
  }

  static readonly typeName = "Sequential";

  /** Rebuild from a model file: the config is empty, the built children are the layers. */
  static fromConfig(_config: Record<string, unknown>, children: Module[]): Sequential {
    return new Sequential(...children);
  }

  /** Add a layer at the end; it is named by its position ("0", "1", …). */
  append(layer: Module): this {
    if (!(layer instanceof Module)) {
      throw new ValueError(
        `Sequential: item ${this.items.length} is not a Module (got ${layer === null ? "null" : typeof layer})`,
      );
    }
    this.registerModule(String(this.items.length), layer);
    this.items.push(layer);
    this.segments = undefined;
    return this;
  }

  /** The layers, in order. */
  get layers(): readonly Module[] {
    return this.items;
  }

  /** Number of layers in the sequence. */
  get length(): number {
    return this.items.length;
  }

  /**
   * y = f_k(… f_1(x)). Each run of Linear layers with Tanh, Sigmoid, ReLU, LeakyReLU or Identity
   * after them runs as one fused op on a 2-D input, with the same values and gradients; other
   * modules (BatchNorm1d, Dropout, …) run on their own between the runs.
   */
  forward(x: Tensor): Tensor {
    let y = x;
    if (!fusionEnabled()) {
      for (const layer of this.items) y = layer.forward(y);
      return y;
    }
    if (this.segments === undefined || !this.segments.every(isCurrent)) {
      this.segments = planSegments(this.items);
    }
    for (const s of this.segments) {
      if (s.kind === "module") y = s.module.forward(y);
      else if (fitsLinearStack(s.plan, y)) y = linearStack(s.plan, y);
      else for (const m of s.modules) y = m.forward(y);
    }
    return y;
  }
}
