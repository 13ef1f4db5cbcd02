// Weight initialisers (torch.nn.init): each fills a tensor IN PLACE from a seeded Random and
// returns it. They write `data` directly, outside autograd, so call them on leaf parameters only.
// Not here: orthogonal/sparse/truncated-normal initialisers.
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { globalRandom, type Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";

/** Where random initialisers draw from; the global generator (see seed()) by default. */
export interface InitOptions {
  /** Generator for the random values. Default: the global generator (see seed()). */
  generator?: Random;
}

/** Non-linearities known to calculateGain (camelCase; PyTorch's "leaky_relu" also accepted). */
export type Nonlinearity =
  | "linear"
  | "identity"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leakyRelu"
  | "leaky_relu"
  | "selu";

/** Which fan scales a Kaiming initialiser: fanIn keeps forward variance, fanOut backward. */
export type FanMode = "fanIn" | "fanOut";

/**
 * Recommended gain for a non-linearity (torch.nn.init.calculate_gain):
 *
 *   linear, identity, conv*, sigmoid   1
 *   tanh                               5/3
 *   relu                               √2
 *   leakyRelu                          √(2 / (1 + slope²)),  slope = param ?? 0.01
 *   selu                               3/4
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "identity":
    case "conv1d":
    case "conv2d":
    case "conv3d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu":
    case "leaky_relu": {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) {
        throw new ValueError(`calculateGain: negative slope ${slope} is not a finite number`);
      }
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new ValueError(
        `calculateGain: unsupported nonlinearity ${JSON.stringify(nonlinearity as unknown)}`,
      );
  }
}

/**
 * Fan-in and fan-out of a weight shape [out, in, *k]:
 *   fanIn = in · Πk,  fanOut = out · Πk   (Linear weight [out, in]: fanIn = in, fanOut = out).
 * Throws ShapeError for fewer than 2 dims (as PyTorch).
 */
export function fanInAndFanOut(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    throw new ShapeError(
      `fanInAndFanOut: fan in and fan out need a tensor with at least 2 dims, got ${fmtShape(shape)}`,
    );
  }
  const receptive = shape.slice(2).reduce((p, d) => p * d, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/** Fill with 0. */
export function zeros(t: Tensor): Tensor {
  t.data.fill(0);
  return t;
}

/** Fill with 1. */
export function ones(t: Tensor): Tensor {
  t.data.fill(1);
  return t;
}

/** Fill with `value`. */
export function constant(t: Tensor, value: number): Tensor {
  t.data.fill(value);
  return t;
}

/** w ~ U(a, b), a ≤ b (defaults a = 0, b = 1). */
export function uniform(t: Tensor, a = 0, b = 1, options: InitOptions = {}): Tensor {
  if (!(Number.isFinite(a) && Number.isFinite(b) && a <= b)) {
    throw new ValueError(`init.uniform: need finite a ≤ b, got a = ${a}, b = ${b}`);
  }
  const g = options.generator ?? globalRandom;
  for (let i = 0; i < t.size; i++) t.data[i] = a + (b - a) * g.uniform();
  return t;
}

/** w ~ N(mean, std²) (defaults mean = 0, std = 1). */
export function normal(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
    throw new ValueError(
      `init.normal: need finite mean and std ≥ 0, got mean = ${mean}, std = ${std}`,
    );
  }
  const g = options.generator ?? globalRandom;
  for (let i = 0; i < t.size; i++) t.data[i] = mean + std * g.normal();
  return t;
}

export interface XavierOptions extends InitOptions {
  /** Scale factor (default 1); see calculateGain. */
  gain?: number;
}

/** Glorot & Bengio (2010): std = gain · √(2 / (fanIn + fanOut)). */
function xavierStd(t: Tensor, gain: number): number {
  const { fanIn, fanOut } = fanInAndFanOut(t.shape);
  return gain * Math.sqrt(2 / (fanIn + fanOut));
}

/** w ~ U(−a, a),  a = gain · √(6 / (fanIn + fanOut))  (= √3 · std). */
export function xavierUniform(t: Tensor, options: XavierOptions = {}): Tensor {
  const a = Math.sqrt(3) * xavierStd(t, options.gain ?? 1);
  return uniform(t, -a, a, options);
}

/** w ~ N(0, std²),  std = gain · √(2 / (fanIn + fanOut)). */
export function xavierNormal(t: Tensor, options: XavierOptions = {}): Tensor {
  return normal(t, 0, xavierStd(t, options.gain ?? 1), options);
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky ReLU that follows (default 0; only used for leakyRelu). */
  a?: number;
  /** "fanIn" (default) preserves the forward variance, "fanOut" the backward one. */
  mode?: FanMode;
  /** Default "leakyRelu" (as PyTorch); with a = 0 its gain is √2, the ReLU gain. */
  nonlinearity?: Nonlinearity;
}

/** He et al. (2015): std = gain / √fan,  gain = calculateGain(nonlinearity, a). */
function kaimingStd(t: Tensor, options: KaimingOptions): number {
  const mode = options.mode ?? "fanIn";
  if (mode !== "fanIn" && mode !== "fanOut") {
    throw new ValueError(`kaiming: mode must be "fanIn" or "fanOut", got ${JSON.stringify(mode)}`);
  }
  const { fanIn, fanOut } = fanInAndFanOut(t.shape);
  const fan = mode === "fanIn" ? fanIn : fanOut;
  const gain = calculateGain(options.nonlinearity ?? "leakyRelu", options.a ?? 0);
  return gain / Math.sqrt(fan);
}

/** w ~ U(−bound, bound),  bound = gain · √(3 / fan)  (= √3 · std). */
export function kaimingUniform(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, options);
  return uniform(t, -bound, bound, options);
}

/** w ~ N(0, std²),  std = gain / √fan. */
export function kaimingNormal(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal(t, 0, kaimingStd(t, options), options);
}

/** LeCun: w ~ U(−a, a),  a = √(3 / fanIn)  (std = 1/√fanIn; Kaiming with gain 1). */
export function lecunUniform(t: Tensor, options: InitOptions = {}): Tensor {
  const a = Math.sqrt(3 / fanInAndFanOut(t.shape).fanIn);
  return uniform(t, -a, a, options);
}

/**
 * LeCun: w ~ N(0, 1/fanIn). A plain normal; Keras's lecun_normal truncates at 2σ and
 * rescales, this one does not.
 */
export function lecunNormal(t: Tensor, options: InitOptions = {}): Tensor {
  return normal(t, 0, 1 / Math.sqrt(fanInAndFanOut(t.shape).fanIn), options);
}

/** Glorot uniform is {@link xavierUniform} (aliases: Glorot is Xavier, He is Kaiming). */
export const glorotUniform = xavierUniform;
/** Glorot normal is {@link xavierNormal}. */
export const glorotNormal = xavierNormal;
/** He uniform is {@link kaimingUniform}. */
export const heUniform = kaimingUniform;
/** He normal is {@link kaimingNormal}. */
export const heNormal = kaimingNormal;
