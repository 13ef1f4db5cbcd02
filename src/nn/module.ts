// Module: the base of every layer and model. It owns named parameters (trainable tensors),
// buffers (state that is saved but not trained, e.g. BatchNorm running statistics) and child
// modules, and switches between training and evaluation behaviour (Dropout, BatchNorm).
import { ShapeError, ValueError, fmtShape, listForMessage } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import { sameShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { summary } from "./summary.js";

/**
 * Parameters and buffers by dotted name ("0.weight", "1.runningMean"): what a model file stores.
 */
export type StateDict = Record<string, Tensor>;

/**
 * What a layer class tells the model-file registry (its static side): a class listed in
 * nn/registry.ts can be saved and loaded with no edit in io/.
 */
export interface LayerClass {
  /** The type name in model files, equal to its instances' typeName ("Linear"). */
  readonly typeName: string;
  /**
   * Rebuild from a file's config (untrusted JSON, read with nn/config.ts), the already built
   * children, and the dtype of the layer's stored state (undefined → float32). Throws ValueError.
   */
  fromConfig(config: Record<string, unknown>, children: Module[], dtype?: DType): Module;
  /** Numbers its parameters and buffers will hold (checked before building); absent → 0. */
  elements?(config: Record<string, unknown>): number;
  /**
   * Names of its parameters and buffers stored in the layer's dtype, in declaration order; a
   * loader takes the layer's dtype from the first one a file holds. Absent → none.
   */
  readonly dtypeState?: readonly string[];
}

/**
 * Base of every layer and model: owns named parameters (trainable tensors), buffers (saved,
 * not trained) and child modules, and switches between training and evaluation mode.
 * Subclass it for a custom layer: implement `forward` and `typeName`, register parameters in
 * the constructor, and list the class with `nn.registerLayer` so it saves and loads.
 */
export abstract class Module {
  /** Layer type name, used by model files to rebuild the architecture (e.g. "Linear"). */
  abstract readonly typeName: string;
  /** True in training mode (the default), false after eval(). */
  isTraining = true;

  private readonly ownParameters = new Map<string, Tensor>();
  private readonly ownBuffers = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();

  /** y = layer(x). */
  abstract forward(x: Tensor): Tensor;

  /** Constructor arguments as plain JSON data, so a model file can rebuild this layer. */
  config(): Record<string, unknown> {
    return {};
  }

  /** Track `t` as a trainable parameter named `name` (sets `requiresGrad`); returns `t`. */
  protected registerParameter(name: string, t: Tensor): Tensor {
    t.requiresGrad = true;
    this.ownParameters.set(name, t);
    return t;
  }

  /** Track `t` as a buffer: saved in model files and the state dict, not trained; returns `t`. */
  protected registerBuffer(name: string, t: Tensor): Tensor {
    this.ownBuffers.set(name, t);
    return t;
  }

  /**
   * Track `m` as a child module named `name`, so its parameters and buffers are this module's too.
   */
  protected registerModule<M extends Module>(name: string, m: M): M {
    this.children.set(name, m);
    return m;
  }

  /** Direct children, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.children];
  }

  /** Every trainable tensor, depth first, with dotted names ("0.weight", "2.bias", …). */
  namedParameters(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [n, t] of this.ownParameters) out.push([prefix + n, t]);
    for (const [n, m] of this.children) out.push(...m.namedParameters(`${prefix}${n}.`));
    return out;
  }

  /** Every trainable tensor, depth first (what an optimizer takes). */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Every buffer, depth first, with dotted names (e.g. BatchNorm's running statistics). */
  namedBuffers(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [n, t] of this.ownBuffers) out.push([prefix + n, t]);
    for (const [n, m] of this.children) out.push(...m.namedBuffers(`${prefix}${n}.`));
    return out;
  }

  /** Switch this module and all children to training (true) or evaluation (false) mode. */
  train(mode = true): this {
    this.isTraining = mode;
    for (const m of this.children.values()) m.train(mode);
    return this;
  }

  /** Switch this module and all children to evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Parameters and buffers by dotted name (the tensors themselves, not copies). */
  stateDict(): StateDict {
    const out: StateDict = Object.create(null) as StateDict;
    for (const [n, t] of this.namedParameters()) out[n] = t;
    for (const [n, t] of this.namedBuffers()) out[n] = t;
    return out;
  }

  /**
   * Copy values from `state` into this module's tensors (their storage is kept, so optimizers
   * keep their references). With strict (default) every key must match and none may be missing.
   * Every shape is checked before anything is copied: a failed load leaves the module unchanged.
   */
  loadStateDict(state: StateDict, strict = true): void {
    const own = this.stateDict();
    const keys = Object.keys(state);
    if (strict) {
      const missing = Object.keys(own).filter((k) => !(k in state));
      const extra = keys.filter((k) => !(k in own));
      if (missing.length || extra.length) {
        throw new ValueError(
          `loadStateDict: keys differ (missing: ${listForMessage(missing) || "none"}; unexpected: ${listForMessage(extra) || "none"})`,
        );
      }
    }
    const pairs = keys.filter((k) => k in own).map((k) => [own[k], state[k], k] as const);
    for (const [target, value, k] of pairs) {
      if (!sameShape(target.shape, value.shape)) {
        throw new ShapeError(
          `loadStateDict: "${k}" has shape ${fmtShape(value.shape)} but the model expects ${fmtShape(target.shape)}`,
        );
      }
    }
    for (const [target, value] of pairs) target.data.set(value.data);
  }

  /** Number of trainable scalars. */
  parameterCount(): number {
    return this.parameters().reduce((s, t) => s + t.size, 0);
  }

  /** The layers and their parameter counts as a table (nn.summary(model, inputShape) adds shapes). */
  toString(): string {
    return summary(this);
  }
}
