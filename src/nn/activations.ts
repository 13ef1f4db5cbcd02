// Activation layers: Module wrappers around the rows of src/activations/ (formulas and
// derivatives are documented there), with PyTorch's class names and defaults, plus camelCase
// factories (nn.relu(), nn.leakyRelu({ negativeSlope: 0.2 })). No parameters, no buffers, except
// PReLU's learnt slope (its own file, prelu.ts). Each class names its row; the table of layer classes, nn.activation(name) and the fused
// kernel of a layer (activationKernelOf) are derived from the rows. A row without a class of
// its own here gets a generated one (named by its `layer` column), so it can be saved and loaded.
import type { ActivationKind } from "../ops/linear-stack.js";
import * as act from "../activations/index.js";
import {
  linearActivation,
  sigmoidActivation,
  stepActivation,
  tanhActivation,
} from "../activations/classic.js";
import {
  hardSigmoidActivation,
  hardSwishActivation,
  hardTanhActivation,
} from "../activations/hard.js";
import {
  celuActivation,
  eluActivation,
  leakyReluActivation,
  relu6Activation,
  reluActivation,
  seluActivation,
} from "../activations/rectifiers.js";
import {
  geluActivation,
  mishActivation,
  siluActivation,
  softplusActivation,
  softsignActivation,
} from "../activations/smooth.js";
import { logSoftmaxActivation, softmaxActivation } from "../activations/softmax.js";
import type { ActivationDescriptor, ActivationOptions } from "../activations/descriptor.js";
import type { Tensor } from "../tensor/tensor.js";
import { readPlainOptions, type LayerConfig } from "./config.js";
import { Module, type LayerClass } from "./module.js";
import { PReLU, type PReLUOptions } from "./prelu.js";

export { PReLU, type PReLUOptions } from "./prelu.js";

/** An activation layer class: built from its options, tied to its row. */
export interface ActivationLayerClass extends LayerClass {
  new (options?: Record<string, unknown>): Module;
  /** The row in src/activations/ this layer applies. */
  readonly activation: act.AnyActivation;
}

/**
 * The row's defaults overridden by the given options (undefined/null keep the default), checked
 * by the row with messages that start with `who`. Keys the row does not know are dropped.
 */
function optionsFor<O extends ActivationOptions>(
  row: ActivationDescriptor<string, O>,
  given: object,
  who: string,
): O {
  const out = { ...row.defaults } as O;
  const values = given as Partial<Record<keyof O, unknown>>;
  for (const key of Object.keys(out) as (keyof O)[]) {
    if (values[key] !== undefined && values[key] !== null) out[key] = values[key] as O[keyof O];
  }
  row.check?.(out, who);
  return out;
}

/** Base of the activation layers: the registry's static side (type name, fromConfig). */
abstract class ActivationLayer extends Module {
  /** Type name in model files, taken from the activation's descriptor row ("ReLU", "GELU", …). */
  static get typeName(): string {
    return (this as unknown as ActivationLayerClass).activation.layer;
  }

  /** new Layer(options) from a file's config (plain numbers, booleans and short strings). */
  static fromConfig(config: LayerConfig): Module {
    const cls = this as unknown as ActivationLayerClass;
    return new cls(readPlainOptions(config, cls.typeName));
  }
}

/** y = σ(x) = 1/(1 + e^(−x)). Shape: any → same. */
export class Sigmoid extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = sigmoidActivation;
  readonly typeName = "Sigmoid";
  forward(x: Tensor): Tensor {
    return act.sigmoid(x);
  }
}

/** y = tanh x. Shape: any → same. */
export class Tanh extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = tanhActivation;
  readonly typeName = "Tanh";
  forward(x: Tensor): Tensor {
    return act.tanh(x);
  }
}

/** y = max(0, x). Shape: any → same. */
export class ReLU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = reluActivation;
  readonly typeName = "ReLU";
  forward(x: Tensor): Tensor {
    return act.relu(x);
  }
}

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUOptions {
  /** Slope for x ≤ 0 (default 0.01). */
  negativeSlope?: number;
}

/** y = x if x > 0 else negativeSlope·x (default 0.01). Shape: any → same. */
export class LeakyReLU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = leakyReluActivation;
  readonly typeName = "LeakyReLU";
  /** Slope for x ≤ 0. */
  readonly negativeSlope: number;
  constructor(options: LeakyReLUOptions = {}) {
    super();
    ({ negativeSlope: this.negativeSlope } = optionsFor(
      LeakyReLU.activation,
      options,
      "LeakyReLU",
    ));
  }
  forward(x: Tensor): Tensor {
    return act.leakyRelu(x, this.negativeSlope);
  }
  override config(): Required<LeakyReLUOptions> {
    return { negativeSlope: this.negativeSlope };
  }
}

/** Options of {@link ELU}. */
export interface ELUOptions {
  /** Value approached for x → −∞ is −alpha (default 1). */
  alpha?: number;
}

/** y = x if x > 0 else α(eˣ − 1), default α = 1. Shape: any → same. */
export class ELU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = eluActivation;
  readonly typeName = "ELU";
  /** α: the output approaches −α as x → −∞. */
  readonly alpha: number;
  constructor(options: ELUOptions = {}) {
    super();
    ({ alpha: this.alpha } = optionsFor(ELU.activation, options, "ELU"));
  }
  forward(x: Tensor): Tensor {
    return act.elu(x, this.alpha);
  }
  override config(): Required<ELUOptions> {
    return { alpha: this.alpha };
  }
}

/** Options of {@link CELU}. */
export interface CELUOptions {
  /** Value approached for x → −∞ is −alpha (default 1; must not be 0). */
  alpha?: number;
}

/** y = x if x > 0 else α(e^(x/α) − 1), default α = 1. Shape: any → same. */
export class CELU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = celuActivation;
  readonly typeName = "CELU";
  /** α: the output approaches −α as x → −∞. */
  readonly alpha: number;
  constructor(options: CELUOptions = {}) {
    super();
    ({ alpha: this.alpha } = optionsFor(CELU.activation, options, "CELU"));
  }
  forward(x: Tensor): Tensor {
    return act.celu(x, this.alpha);
  }
  override config(): Required<CELUOptions> {
    return { alpha: this.alpha };
  }
}

/** y = λ·(x if x > 0 else α(eˣ − 1)), PyTorch's fixed α, λ. Shape: any → same. */
export class SELU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = seluActivation;
  readonly typeName = "SELU";
  forward(x: Tensor): Tensor {
    return act.selu(x);
  }
}

/** Options of {@link GELU}. */
export interface GELUOptions {
  /** "none" (default): x·Φ(x) with erf; "tanh": the tanh approximation. */
  approximate?: "none" | "tanh";
}

/** y = x·Φ(x) (or its tanh approximation). Shape: any → same. */
export class GELU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = geluActivation;
  readonly typeName = "GELU";
  /** "none": x·Φ(x) with erf; "tanh": the tanh approximation. */
  readonly approximate: "none" | "tanh";
  constructor(options: GELUOptions = {}) {
    super();
    ({ approximate: this.approximate } = optionsFor(GELU.activation, options, "GELU"));
  }
  forward(x: Tensor): Tensor {
    return act.gelu(x, this.approximate);
  }
  override config(): Required<GELUOptions> {
    return { approximate: this.approximate };
  }
}

/** Options of {@link Softplus}. */
export interface SoftplusOptions {
  /** Sharpness β > 0 (default 1). */
  beta?: number;
  /** Above βx > threshold the output is x (default 20). */
  threshold?: number;
}

/** y = (1/β) ln(1 + e^(βx)), linear above the threshold. Shape: any → same. */
export class Softplus extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = softplusActivation;
  readonly typeName = "Softplus";
  /** Sharpness β of (1/β) ln(1 + e^(βx)). */
  readonly beta: number;
  /** Above βx > threshold the output is x. */
  readonly threshold: number;
  constructor(options: SoftplusOptions = {}) {
    super();
    ({ beta: this.beta, threshold: this.threshold } = optionsFor(
      Softplus.activation,
      options,
      "Softplus",
    ));
  }
  forward(x: Tensor): Tensor {
    return act.softplus(x, this.beta, this.threshold);
  }
  override config(): Required<SoftplusOptions> {
    return { beta: this.beta, threshold: this.threshold };
  }
}

/** y = x / (1 + |x|). Shape: any → same. */
export class Softsign extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = softsignActivation;
  readonly typeName = "Softsign";
  forward(x: Tensor): Tensor {
    return act.softsign(x);
  }
}

/** y = x·σ(x) (swish). Shape: any → same. */
export class SiLU extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = siluActivation;
  readonly typeName = "SiLU";
  forward(x: Tensor): Tensor {
    return act.silu(x);
  }
}

/** y = x·tanh(ln(1 + eˣ)). Shape: any → same. */
export class Mish extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = mishActivation;
  readonly typeName = "Mish";
  forward(x: Tensor): Tensor {
    return act.mish(x);
  }
}

/** y = clamp(x/6 + ½, 0, 1). Shape: any → same. */
export class Hardsigmoid extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = hardSigmoidActivation;
  readonly typeName = "Hardsigmoid";
  forward(x: Tensor): Tensor {
    return act.hardSigmoid(x);
  }
}

/** y = x·clamp(x/6 + ½, 0, 1) = x·relu6(x + 3)/6. Shape: any → same. */
export class Hardswish extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = hardSwishActivation;
  readonly typeName = "Hardswish";
  forward(x: Tensor): Tensor {
    return act.hardSwish(x);
  }
}

/** Options of {@link Hardtanh}. */
export interface HardtanhOptions {
  /** Lower clamp (default −1). */
  minVal?: number;
  /** Upper clamp (default 1); must exceed minVal. */
  maxVal?: number;
}

/** y = clamp(x, minVal, maxVal), defaults −1, 1. Shape: any → same. */
export class Hardtanh extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = hardTanhActivation;
  readonly typeName = "Hardtanh";
  /** Lower clamp. */
  readonly minVal: number;
  /** Upper clamp. */
  readonly maxVal: number;
  constructor(options: HardtanhOptions = {}) {
    super();
    ({ minVal: this.minVal, maxVal: this.maxVal } = optionsFor(
      Hardtanh.activation,
      options,
      "Hardtanh",
    ));
  }
  forward(x: Tensor): Tensor {
    return act.hardTanh(x, this.minVal, this.maxVal);
  }
  override config(): Required<HardtanhOptions> {
    return { minVal: this.minVal, maxVal: this.maxVal };
  }
}

/** y = min(max(0, x), 6). Shape: any → same. */
export class ReLU6 extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = relu6Activation;
  readonly typeName = "ReLU6";
  forward(x: Tensor): Tensor {
    return act.relu6(x);
  }
}

/** y = x (returns its input). Shape: any → same. */
export class Identity extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = linearActivation;
  readonly typeName = "Identity";
  forward(x: Tensor): Tensor {
    return act.linear(x);
  }
}

/** y = 1 if x ≥ 0 else 0 (Heaviside; zero gradient, see activations.step). Shape: any → same. */
export class Step extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = stepActivation;
  readonly typeName = "Step";
  forward(x: Tensor): Tensor {
    return act.step(x);
  }
}

/** Options of {@link Softmax} and {@link LogSoftmax}. */
export interface SoftmaxOptions {
  /** Axis along which outputs sum to 1 (default −1, the last; PyTorch calls it dim). */
  axis?: number;
}

/** y_k = e^(x_k) / Σ_j e^(x_j) along `axis` (default −1). Shape: any → same. */
export class Softmax extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = softmaxActivation;
  readonly typeName = "Softmax";
  /** Axis along which the outputs are normalised. */
  readonly axis: number;
  constructor(options: SoftmaxOptions = {}) {
    super();
    ({ axis: this.axis } = optionsFor(Softmax.activation, options, "Softmax"));
  }
  forward(x: Tensor): Tensor {
    return act.softmax(x, this.axis);
  }
  override config(): Required<SoftmaxOptions> {
    return { axis: this.axis };
  }
}

/** y_k = x_k − log Σ_j e^(x_j) along `axis` (default −1). Shape: any → same. */
export class LogSoftmax extends ActivationLayer {
  /** The activation's descriptor row: formula, defaults, properties, kernel. */
  static readonly activation = logSoftmaxActivation;
  readonly typeName = "LogSoftmax";
  /** Axis along which the outputs are normalised. */
  readonly axis: number;
  constructor(options: SoftmaxOptions = {}) {
    super();
    ({ axis: this.axis } = optionsFor(LogSoftmax.activation, options, "LogSoftmax"));
  }
  forward(x: Tensor): Tensor {
    return act.logSoftmax(x, this.axis);
  }
  override config(): Required<SoftmaxOptions> {
    return { axis: this.axis };
  }
}

// ---- camelCase factories (nn.relu() = new ReLU()) ----

/** A {@link Sigmoid} layer: y = σ(x) = 1/(1 + e^(−x)). */
export const sigmoid = (): Sigmoid => new Sigmoid();
/** A {@link Tanh} layer: y = tanh x. */
export const tanh = (): Tanh => new Tanh();
/** A {@link ReLU} layer: y = max(0, x). */
export const relu = (): ReLU => new ReLU();
/** A {@link LeakyReLU} layer: y = x if x > 0 else negativeSlope·x. */
export const leakyRelu = (options?: LeakyReLUOptions): LeakyReLU => new LeakyReLU(options);
/** An {@link ELU} layer: y = x if x > 0 else α(eˣ − 1). */
export const elu = (options?: ELUOptions): ELU => new ELU(options);
/** A {@link SELU} layer: y = λ·(x if x > 0 else α(eˣ − 1)), PyTorch's fixed α, λ. */
export const selu = (): SELU => new SELU();
/** A {@link GELU} layer: y = x·Φ(x), or its tanh approximation. */
export const gelu = (options?: GELUOptions): GELU => new GELU(options);
/** A {@link Softplus} layer: y = (1/β) ln(1 + e^(βx)). */
export const softplus = (options?: SoftplusOptions): Softplus => new Softplus(options);
/** A {@link Softsign} layer: y = x / (1 + |x|). */
export const softsign = (): Softsign => new Softsign();
/** A {@link SiLU} layer: y = x·σ(x). */
export const silu = (): SiLU => new SiLU();
/** A {@link Mish} layer: y = x·tanh(ln(1 + eˣ)). */
export const mish = (): Mish => new Mish();
/** A {@link Hardsigmoid} layer: y = clamp(x/6 + ½, 0, 1). */
export const hardSigmoid = (): Hardsigmoid => new Hardsigmoid();
/** A {@link Hardtanh} layer: y = clamp(x, minVal, maxVal). */
export const hardTanh = (options?: HardtanhOptions): Hardtanh => new Hardtanh(options);
/** A {@link ReLU6} layer: y = min(max(0, x), 6). */
export const relu6 = (): ReLU6 => new ReLU6();
/** An {@link Identity} layer: y = x. */
export const identity = (): Identity => new Identity();
/** A {@link Step} layer: y = 1 if x ≥ 0 else 0 (zero gradient). */
export const step = (): Step => new Step();
/** A {@link Softmax} layer: y_k = e^(x_k) / Σ_j e^(x_j) along `axis`. */
export const softmax = (options?: SoftmaxOptions): Softmax => new Softmax(options);
/** A {@link LogSoftmax} layer: y_k = x_k − log Σ_j e^(x_j) along `axis`. */
export const logSoftmax = (options?: SoftmaxOptions): LogSoftmax => new LogSoftmax(options);
/** A {@link Hardswish} layer: y = x·clamp(x/6 + ½, 0, 1). */
export const hardSwish = (): Hardswish => new Hardswish();
/** A {@link CELU} layer: y = x if x > 0 else α(e^(x/α) − 1). */
export const celu = (options?: CELUOptions): CELU => new CELU(options);
/** A {@link PReLU} layer: y = x if x > 0 else a·x, with a learned slope a. */
export const prelu = (options?: PReLUOptions): PReLU => new PReLU(options);

/** The classes written out above (typed options and properties), by their row's layer name. */
const WRITTEN_OUT: readonly ActivationLayerClass[] = [
  Sigmoid,
  Tanh,
  ReLU,
  LeakyReLU,
  ELU,
  SELU,
  GELU,
  Softplus,
  Softsign,
  SiLU,
  Mish,
  Hardsigmoid,
  Hardtanh,
  ReLU6,
  Identity,
  Step,
  Softmax,
  LogSoftmax,
  Hardswish,
  CELU,
  PReLU,
] as unknown as readonly ActivationLayerClass[];

/** A layer class for a row that has none written out: options from the row, named by `layer`. */
function generatedLayerClass(row: act.AnyActivation): ActivationLayerClass {
  class Generated extends ActivationLayer {
    /** The activation's descriptor row: formula, defaults, properties, kernel. */
    static readonly activation = row;
    readonly typeName = row.layer;
    readonly options: ActivationOptions;
    constructor(options: Record<string, unknown> = {}) {
      super();
      this.options = optionsFor(row, options, row.layer);
    }
    forward(x: Tensor): Tensor {
      return row.apply(x, this.options);
    }
    override config(): ActivationOptions {
      return { ...this.options };
    }
  }
  Object.defineProperty(Generated, "name", { value: row.layer });
  return Generated as unknown as ActivationLayerClass;
}

/** Activation layer classes by typeName (one per row), for rebuilding a model from its file. */
export const activationLayers: Readonly<Record<string, ActivationLayerClass>> = Object.freeze(
  Object.fromEntries(
    act.allActivations().map((row) => {
      const cls = WRITTEN_OUT.find((c) => c.activation === row) ?? generatedLayerClass(row);
      return [row.layer, cls] as const;
    }),
  ),
);

const ROW_OF_CLASS = new Map<unknown, act.AnyActivation>(
  Object.values(activationLayers).map((cls) => [cls, cls.activation]),
);

/**
 * The layer for an activation name of the `activations` namespace (or an alias such as "swish"),
 * with default options: nn.activation("relu") → new ReLU(). Unknown name → ValueError.
 */
export function activation(name: string): Module {
  return new activationLayers[act.descriptorOf(name).layer]();
}

/**
 * The backend kernel a layer stands for, or null when the fused path cannot run it: the row's
 * `kernel` column (leakyRelu with the layer's negativeSlope), for an instance of exactly the
 * row's class whose forward is the class's own — a subclass, or a forward replaced on the
 * instance, may compute something else, so it gets null.
 */
export function activationKernelOf(m: Module): { kind: ActivationKind; slope: number } | null {
  const row = ROW_OF_CLASS.get(m.constructor);
  if (row === undefined || row.kernel === null) return null;
  const cls = m.constructor as ActivationLayerClass;
  if (m.forward !== (cls.prototype as Module).forward) return null;
  const options = m.config() as ActivationOptions;
  return { kind: row.kernel.kind, slope: row.kernel.slope?.(options) ?? 0 };
}
