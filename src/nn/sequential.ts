// Sequential: a chain of modules applied in order, y = f_k(… f_2(f_1(x))). The children are named
// "0", "1", …, so parameters read "0.weight", "1.bias". Not here: branches or skip connections.
// A stack of only Linear layers and simple activations runs as one fused op (see fused/).
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { fusionEnabled } from "./fused/enabled.js";
import { fits, linearStack } from "./fused/linear-stack.js";
import { isCurrent, planStack, type FusedPlan } from "./fused/plan.js";
import { Module } from "./module.js";

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
  /** Fused plan for `items` (null: not fusable; undefined: not built yet). */
  private plan: FusedPlan | null | undefined = undefined;

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
    this.plan = undefined;
    return this;
  }

  /** The layers, in order. */
  get layers(): readonly Module[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  /**
   * y = f_k(… f_1(x)). A stack made only of Linear layers and Tanh, Sigmoid, ReLU, LeakyReLU or
   * Identity on a 2-D input runs as one fused op with the same values and gradients.
   */
  forward(x: Tensor): Tensor {
    if (fusionEnabled()) {
      if (this.plan === undefined || (this.plan !== null && !isCurrent(this.plan))) {
        this.plan = planStack(this.items);
      }
      if (this.plan !== null && fits(this.plan, x)) return linearStack(this.plan, x);
    }
    let y = x;
    for (const layer of this.items) y = layer.forward(y);
    return y;
  }
}
