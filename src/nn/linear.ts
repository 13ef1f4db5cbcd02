// Linear (fully connected, "dense") layer: y = x·Wᵀ + b. Written as ops, so autograd supplies the
// backward. Not here: the activation that usually follows (see activations.ts).
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { matmulT } from "../ops/matmul.js";
import { checkDType, type DType } from "../tensor/dtype.js";
import { zeros } from "../tensor/create.js";
import type { Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { readBoolean, readCount, type LayerConfig } from "./config.js";
import { kaimingUniform, uniform } from "./init.js";
import { Module } from "./module.js";

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias b (default true). */
  bias?: boolean;
  /** Parameter dtype (default "float32"). */
  dtype?: DType;
  /** Generator for the initial weights; the global one (see seed()) by default. */
  generator?: Random;
}

/**
 * Applies an affine map to the last dimension (torch.nn.Linear).
 *
 *   forward   Y = X·Wᵀ + b          X: [N, D]  W: [H, D]  b: [H]  →  Y: [N, H]
 *   backward  dX = dY·W             [N, H]·[H, D] → [N, D]
 *             dW = dYᵀ·X            [H, N]·[N, D] → [H, D]
 *             db = Σ_n dY[n, :]     → [H]
 * (the article's net_j = Σ_i w_ji x_i + w_j0, with W[j, i] = w_ji and b[j] = w_j0.)
 * Inputs may also be [D] → [H], or [*, D] → [*, H] with any leading dims.
 *
 * Initialisation (PyTorch's default): W by kaimingUniform with a = √5, which works out to
 * W ~ U(−1/√D, 1/√D); b ~ U(−1/√D, 1/√D) too. (0 bound when D = 0.)
 *
 *   const layer = new Linear(2, 16);   // W: [16, 2], b: [16]
 *   layer.forward(tensor([[1, 2]]));   // [1, 16]
 */
export class Linear extends Module {
  static readonly typeName = "Linear";
  /** Stored in the layer's dtype, in declaration order (a loader reads the dtype from these). */
  static readonly dtypeState = ["weight", "bias"] as const;
  readonly typeName = Linear.typeName;
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** W: [outFeatures, inFeatures]. */
  readonly weight: Tensor;
  /** b: [outFeatures], or null without bias. */
  readonly bias: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, v] of [
      ["inFeatures", inFeatures],
      ["outFeatures", outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) {
        throw new ValueError(`Linear: ${name} must be a non-negative integer, got ${v}`);
      }
    }
    const dtype = checkDType(options.dtype ?? "float32", "Linear");
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const generator = options.generator;
    this.weight = this.registerParameter("weight", zeros([outFeatures, inFeatures], { dtype }));
    kaimingUniform(this.weight, { a: Math.sqrt(5), generator });
    if (options.bias ?? true) {
      const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
      this.bias = this.registerParameter("bias", zeros([outFeatures], { dtype }));
      uniform(this.bias, -bound, bound, { generator });
    } else {
      this.bias = null;
    }
  }

  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ShapeError(
        `Linear(${this.inFeatures} → ${this.outFeatures}): input shape ${fmtShape(x.shape)} does not fit weight ${fmtShape(this.weight.shape)}; the last input dim must be ${this.inFeatures}`,
      );
    }
    const X = x.ndim === 1 ? x.reshape([1, this.inFeatures]) : x; // [D] → [1, D]
    let y = matmulT(X, this.weight, false, true); // [N, D]·[D, H] → [N, H], Wᵀ never materialised
    if (this.bias !== null) y = y.add(this.bias); // b broadcasts over N
    return x.ndim === 1 ? y.reshape([this.outFeatures]) : y;
  }

  override config(): Record<string, unknown> {
    return { inFeatures: this.inFeatures, outFeatures: this.outFeatures, bias: this.bias !== null };
  }

  /** Numbers a config's W and b hold: H·D (+ H with bias). */
  static elements(config: LayerConfig): number {
    const { inFeatures, outFeatures, bias } = Linear.readConfig(config);
    return inFeatures * outFeatures + (bias ? outFeatures : 0);
  }

  /** Rebuild from a model file's config (features in [1, 2²⁴], bias true/false). */
  static fromConfig(config: LayerConfig, _children: Module[], dtype?: DType): Linear {
    const { inFeatures, outFeatures, bias } = Linear.readConfig(config);
    return new Linear(inFeatures, outFeatures, { bias, dtype });
  }

  private static readConfig(config: LayerConfig) {
    return {
      inFeatures: readCount(config, "inFeatures", "Linear"),
      outFeatures: readCount(config, "outFeatures", "Linear"),
      bias: readBoolean(config, "bias", "Linear", true),
    };
  }
}
