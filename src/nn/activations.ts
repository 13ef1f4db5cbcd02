// Activation layers: Module wrappers around the functions in src/activations/ (formulas and
// derivatives are documented there), with PyTorch's class names and defaults, plus camelCase
// factories (nn.relu(), nn.leakyRelu({ negativeSlope: 0.2 })). No parameters, no buffers.
import * as act from "../activations/index.js";
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";

function finite(layer: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ValueError(`${layer}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

/** y = σ(x) = 1/(1 + e^(−x)). Shape: any → same. */
export class Sigmoid extends Module {
  readonly typeName = "Sigmoid";
  forward(x: Tensor): Tensor {
    return act.sigmoid(x);
  }
}

/** y = tanh x. Shape: any → same. */
export class Tanh extends Module {
  readonly typeName = "Tanh";
  forward(x: Tensor): Tensor {
    return act.tanh(x);
  }
}

/** y = max(0, x). Shape: any → same. */
export class ReLU extends Module {
  readonly typeName = "ReLU";
  forward(x: Tensor): Tensor {
    return act.relu(x);
  }
}

export interface LeakyReLUOptions {
  /** Slope for x ≤ 0 (default 0.01). */
  negativeSlope?: number;
}

/** y = x if x > 0 else negativeSlope·x (default 0.01). Shape: any → same. */
export class LeakyReLU extends Module {
  readonly typeName = "LeakyReLU";
  readonly negativeSlope: number;
  constructor(options: LeakyReLUOptions = {}) {
    super();
    this.negativeSlope = finite("LeakyReLU", "negativeSlope", options.negativeSlope ?? 0.01);
  }
  forward(x: Tensor): Tensor {
    return act.leakyRelu(x, this.negativeSlope);
  }
  override config(): Required<LeakyReLUOptions> {
    return { negativeSlope: this.negativeSlope };
  }
}

export interface ELUOptions {
  /** Value approached for x → −∞ is −alpha (default 1). */
  alpha?: number;
}

/** y = x if x > 0 else α(eˣ − 1), default α = 1. Shape: any → same. */
export class ELU extends Module {
  readonly typeName = "ELU";
  readonly alpha: number;
  constructor(options: ELUOptions = {}) {
    super();
    this.alpha = finite("ELU", "alpha", options.alpha ?? 1);
  }
  forward(x: Tensor): Tensor {
    return act.elu(x, this.alpha);
  }
  override config(): Required<ELUOptions> {
    return { alpha: this.alpha };
  }
}

/** y = λ·(x if x > 0 else α(eˣ − 1)), PyTorch's fixed α, λ. Shape: any → same. */
export class SELU extends Module {
  readonly typeName = "SELU";
  forward(x: Tensor): Tensor {
    return act.selu(x);
  }
}

export interface GELUOptions {
  /** "none" (default): x·Φ(x) with erf; "tanh": the tanh approximation. */
  approximate?: "none" | "tanh";
}

/** y = x·Φ(x) (or its tanh approximation). Shape: any → same. */
export class GELU extends Module {
  readonly typeName = "GELU";
  readonly approximate: "none" | "tanh";
  constructor(options: GELUOptions = {}) {
    super();
    const a = options.approximate ?? "none";
    if (a !== "none" && a !== "tanh")
      throw new ValueError(`GELU: approximate must be "none" or "tanh", got ${String(a)}`);
    this.approximate = a;
  }
  forward(x: Tensor): Tensor {
    return act.gelu(x, this.approximate);
  }
  override config(): Required<GELUOptions> {
    return { approximate: this.approximate };
  }
}

export interface SoftplusOptions {
  /** Sharpness β > 0 (default 1). */
  beta?: number;
  /** Above βx > threshold the output is x (default 20). */
  threshold?: number;
}

/** y = (1/β) ln(1 + e^(βx)), linear above the threshold. Shape: any → same. */
export class Softplus extends Module {
  readonly typeName = "Softplus";
  readonly beta: number;
  readonly threshold: number;
  constructor(options: SoftplusOptions = {}) {
    super();
    this.beta = finite("Softplus", "beta", options.beta ?? 1);
    if (this.beta <= 0) throw new ValueError(`Softplus: beta must be positive, got ${this.beta}`);
    this.threshold = finite("Softplus", "threshold", options.threshold ?? 20);
  }
  forward(x: Tensor): Tensor {
    return act.softplus(x, this.beta, this.threshold);
  }
  override config(): Required<SoftplusOptions> {
    return { beta: this.beta, threshold: this.threshold };
  }
}

/** y = x / (1 + |x|). Shape: any → same. */
export class Softsign extends Module {
  readonly typeName = "Softsign";
  forward(x: Tensor): Tensor {
    return act.softsign(x);
  }
}

/** y = x·σ(x) (swish). Shape: any → same. */
export class SiLU extends Module {
  readonly typeName = "SiLU";
  forward(x: Tensor): Tensor {
    return act.silu(x);
  }
}

/** y = x·tanh(ln(1 + eˣ)). Shape: any → same. */
export class Mish extends Module {
  readonly typeName = "Mish";
  forward(x: Tensor): Tensor {
    return act.mish(x);
  }
}

/** y = clamp(x/6 + ½, 0, 1). Shape: any → same. */
export class Hardsigmoid extends Module {
  readonly typeName = "Hardsigmoid";
  forward(x: Tensor): Tensor {
    return act.hardSigmoid(x);
  }
}

export interface HardtanhOptions {
  /** Lower clamp (default −1). */
  minVal?: number;
  /** Upper clamp (default 1); must exceed minVal. */
  maxVal?: number;
}

/** y = clamp(x, minVal, maxVal), defaults −1, 1. Shape: any → same. */
export class Hardtanh extends Module {
  readonly typeName = "Hardtanh";
  readonly minVal: number;
  readonly maxVal: number;
  constructor(options: HardtanhOptions = {}) {
    super();
    this.minVal = finite("Hardtanh", "minVal", options.minVal ?? -1);
    this.maxVal = finite("Hardtanh", "maxVal", options.maxVal ?? 1);
    if (!(this.minVal < this.maxVal))
      throw new ValueError(`Hardtanh: minVal (${this.minVal}) must be < maxVal (${this.maxVal})`);
  }
  forward(x: Tensor): Tensor {
    return act.hardTanh(x, this.minVal, this.maxVal);
  }
  override config(): Required<HardtanhOptions> {
    return { minVal: this.minVal, maxVal: this.maxVal };
  }
}

/** y = min(max(0, x), 6). Shape: any → same. */
export class ReLU6 extends Module {
  readonly typeName = "ReLU6";
  forward(x: Tensor): Tensor {
    return act.relu6(x);
  }
}

/** y = x (returns its input). Shape: any → same. */
export class Identity extends Module {
  readonly typeName = "Identity";
  forward(x: Tensor): Tensor {
    return act.linear(x);
  }
}

/** y = 1 if x ≥ 0 else 0 (Heaviside; zero gradient, see activations.step). Shape: any → same. */
export class Step extends Module {
  readonly typeName = "Step";
  forward(x: Tensor): Tensor {
    return act.step(x);
  }
}

export interface SoftmaxOptions {
  /** Axis along which outputs sum to 1 (default −1, the last; PyTorch calls it dim). */
  axis?: number;
}

function axisOption(layer: string, axis: unknown): number {
  if (typeof axis !== "number" || !Number.isInteger(axis))
    throw new ValueError(`${layer}: axis must be an integer, got ${String(axis)}`);
  return axis;
}

/** y_k = e^(x_k) / Σ_j e^(x_j) along `axis` (default −1). Shape: any → same. */
export class Softmax extends Module {
  readonly typeName = "Softmax";
  readonly axis: number;
  constructor(options: SoftmaxOptions = {}) {
    super();
    this.axis = axisOption("Softmax", options.axis ?? -1);
  }
  forward(x: Tensor): Tensor {
    return act.softmax(x, this.axis);
  }
  override config(): Required<SoftmaxOptions> {
    return { axis: this.axis };
  }
}

/** y_k = x_k − log Σ_j e^(x_j) along `axis` (default −1). Shape: any → same. */
export class LogSoftmax extends Module {
  readonly typeName = "LogSoftmax";
  readonly axis: number;
  constructor(options: SoftmaxOptions = {}) {
    super();
    this.axis = axisOption("LogSoftmax", options.axis ?? -1);
  }
  forward(x: Tensor): Tensor {
    return act.logSoftmax(x, this.axis);
  }
  override config(): Required<SoftmaxOptions> {
    return { axis: this.axis };
  }
}

// ---- camelCase factories (nn.relu() = new ReLU()) ----

export const sigmoid = (): Sigmoid => new Sigmoid();
export const tanh = (): Tanh => new Tanh();
export const relu = (): ReLU => new ReLU();
export const leakyRelu = (options?: LeakyReLUOptions): LeakyReLU => new LeakyReLU(options);
export const elu = (options?: ELUOptions): ELU => new ELU(options);
export const selu = (): SELU => new SELU();
export const gelu = (options?: GELUOptions): GELU => new GELU(options);
export const softplus = (options?: SoftplusOptions): Softplus => new Softplus(options);
export const softsign = (): Softsign => new Softsign();
export const silu = (): SiLU => new SiLU();
export const mish = (): Mish => new Mish();
export const hardSigmoid = (): Hardsigmoid => new Hardsigmoid();
export const hardTanh = (options?: HardtanhOptions): Hardtanh => new Hardtanh(options);
export const relu6 = (): ReLU6 => new ReLU6();
export const identity = (): Identity => new Identity();
export const step = (): Step => new Step();
export const softmax = (options?: SoftmaxOptions): Softmax => new Softmax(options);
export const logSoftmax = (options?: SoftmaxOptions): LogSoftmax => new LogSoftmax(options);

/** Activation layer classes by typeName, for rebuilding a model from its file. */
export const activationLayers = {
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
} as const;

const BY_ACTIVATION_NAME: Record<act.ActivationName, () => Module> = {
  sigmoid,
  tanh,
  relu,
  leakyRelu: () => leakyRelu(),
  elu: () => elu(),
  selu,
  gelu: () => gelu(),
  softplus: () => softplus(),
  softsign,
  silu,
  mish,
  hardSigmoid,
  hardTanh: () => hardTanh(),
  relu6,
  step,
  linear: identity,
  softmax: () => softmax(),
  logSoftmax: () => logSoftmax(),
};

/**
 * The layer for an activation name of the `activations` namespace (or an alias such as "swish"),
 * with default options: nn.activation("relu") → new ReLU(). Unknown name → ValueError.
 */
export function activation(name: string): Module {
  return BY_ACTIVATION_NAME[act.resolveName(name)]();
}
