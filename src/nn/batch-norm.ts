// Batch normalisation over a batch of feature vectors (torch.nn.BatchNorm1d). On its own it is
// built from tensor ops, so autograd supplies the backward; right after an nn.Linear in a
// Sequential it runs inside the fused Linear stack instead (src/ops/batch-norm-rows.ts: the same
// formulas as loops, the backward written out). Not here: 2-D/3-D (image) batch norm, layer norm.
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { noGrad } from "../autograd/no-grad.js";
import { checkDType, type DType } from "../tensor/dtype.js";
import { ones, zeros } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { readBoolean, readCount, readNumber, type LayerConfig } from "./config.js";
import { Module } from "./module.js";

/** Options of {@link BatchNorm1d}. */
export interface BatchNormOptions {
  /** ε added to the variance for stability (default 1e-5). */
  eps?: number;
  /** Running-statistics factor (default 0.1); null = cumulative average 1/numBatchesTracked. */
  momentum?: number | null;
  /** Learn γ (weight, ones) and β (bias, zeros) (default true). */
  affine?: boolean;
  /** Keep running mean/var for eval mode (default true); false = batch statistics always. */
  trackRunningStats?: boolean;
  /** Parameter and running-statistics dtype (default "float32"). */
  dtype?: DType;
}

/**
 * Batch normalisation, per channel c over the batch (and length) axes.
 *
 *   Shape     X: [N, C] or [N, C, L]  →  Y: same shape
 *   train     μ_c = mean(x_·c),  σ²_c = mean((x_·c − μ_c)²)      (biased variance)
 *             x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β
 *             running_mean ← (1 − m)·running_mean + m·μ
 *             running_var  ← (1 − m)·running_var  + m·σ²·n/(n − 1)   (unbiased, n = N·L)
 *   eval      y = γ·(x − running_mean) / √(running_var + ε) + β
 *   backward  dx̂ = dY·γ;  dx = (1/(n·√(σ²+ε)))·(n·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂))   (train mode)
 *             dγ = Σ dY·x̂,  dβ = Σ dY
 * Defaults as PyTorch: eps 1e-5, momentum 0.1, affine, trackRunningStats. Training on a batch
 * with a single value per channel (n = 1) throws ValueError, as PyTorch does. numBatchesTracked
 * is a float64 scalar buffer (PyTorch's is an int64).
 */
export class BatchNorm1d extends Module {
  static readonly typeName = "BatchNorm1d";
  /**
   * Stored in the layer's dtype, in declaration order (a loader reads the dtype from these);
   * numBatchesTracked is always float64 and not listed.
   */
  static readonly dtypeState = ["weight", "bias", "runningMean", "runningVar"] as const;
  readonly typeName = BatchNorm1d.typeName;
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  /** γ: [C] or null without affine. */
  readonly weight: Tensor | null = null;
  /** β: [C] or null without affine. */
  readonly bias: Tensor | null = null;
  /** Buffers (null without trackRunningStats). */
  readonly runningMean: Tensor | null = null;
  readonly runningVar: Tensor | null = null;
  readonly numBatchesTracked: Tensor | null = null;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures <= 0) {
      throw new ValueError(
        `BatchNorm1d: numFeatures must be a positive integer, got ${numFeatures}`,
      );
    }
    const eps = options.eps ?? 1e-5;
    const momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (!(eps >= 0 && Number.isFinite(eps))) {
      throw new ValueError(`BatchNorm1d: eps must be finite and ≥ 0, got ${eps}`);
    }
    if (momentum !== null && !(momentum >= 0 && momentum <= 1)) {
      throw new ValueError(`BatchNorm1d: momentum must be in [0, 1] or null, got ${momentum}`);
    }
    const dtype = checkDType(options.dtype ?? "float32", "BatchNorm1d");
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    if (this.affine) {
      this.weight = this.registerParameter("weight", ones([numFeatures], { dtype }));
      this.bias = this.registerParameter("bias", zeros([numFeatures], { dtype }));
    }
    if (this.trackRunningStats) {
      this.runningMean = this.registerBuffer("runningMean", zeros([numFeatures], { dtype }));
      this.runningVar = this.registerBuffer("runningVar", ones([numFeatures], { dtype }));
      this.numBatchesTracked = this.registerBuffer(
        "numBatchesTracked",
        zeros([], { dtype: "float64" }),
      );
    }
  }

  forward(x: Tensor): Tensor {
    const C = this.numFeatures;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== C) {
      throw new ShapeError(
        `BatchNorm1d(${C}): expected input [N, ${C}] or [N, ${C}, L], got ${fmtShape(x.shape)}`,
      );
    }
    const axes = x.ndim === 2 ? [0] : [0, 2]; // reduce over everything but the channel axis
    const perChannel = x.ndim === 2 ? [1, C] : [1, C, 1]; // γ, β, μ, σ² broadcast as this
    const n = x.ndim === 2 ? x.shape[0] : x.shape[0] * x.shape[2];
    const useBatchStats = this.isTraining || this.runningMean === null;

    let xHat: Tensor;
    if (useBatchStats) {
      if (n <= 1) {
        throw new ValueError(
          `BatchNorm1d: expected more than 1 value per channel when training, got input size ${fmtShape(x.shape)}`,
        );
      }
      const mu = x.mean(axes, true); // [1, C(, 1)]
      const xc = x.sub(mu);
      const variance = xc.square().mean(axes, true); // biased: divide by n
      xHat = xc.div(variance.add(this.eps).sqrt());
      if (this.isTraining && this.runningMean !== null) this.updateRunningStats(mu, variance, n);
    } else {
      const rm = this.runningMean.reshape(perChannel);
      const rv = this.runningVar!.reshape(perChannel);
      xHat = x.sub(rm).div(rv.add(this.eps).sqrt());
    }
    // backward comes from autograd through sub, square, mean, add, sqrt, div, mul
    if (this.weight === null || this.bias === null) return xHat;
    return xHat.mul(this.weight.reshape(perChannel)).add(this.bias.reshape(perChannel));
  }

  /** running ← (1 − m)·running + m·batch, with the unbiased variance σ²·n/(n − 1). */
  private updateRunningStats(mu: Tensor, variance: Tensor, n: number): void {
    noGrad(() => {
      const count = this.numBatchesTracked!;
      count.data[0] += 1;
      const m = this.momentum ?? 1 / count.data[0];
      const rm = this.runningMean!.data;
      const rv = this.runningVar!.data;
      for (let c = 0; c < this.numFeatures; c++) {
        rm[c] = (1 - m) * rm[c] + m * mu.data[c];
        rv[c] = (1 - m) * rv[c] + m * ((variance.data[c] * n) / (n - 1));
      }
    });
  }

  /** Numbers a config's state holds: γ, β with affine; running mean, var and the count. */
  static elements(config: LayerConfig): number {
    const { numFeatures: C, affine, trackRunningStats } = BatchNorm1d.readConfig(config);
    return (affine ? 2 * C : 0) + (trackRunningStats ? 2 * C + 1 : 0);
  }

  /** Rebuild from a model file's config (numFeatures in [1, 2²⁴], finite eps, momentum or null). */
  static fromConfig(config: LayerConfig, _children: Module[], dtype?: DType): BatchNorm1d {
    const { numFeatures, ...options } = BatchNorm1d.readConfig(config);
    return new BatchNorm1d(numFeatures, { ...options, dtype });
  }

  private static readConfig(config: LayerConfig) {
    const type = "BatchNorm1d";
    return {
      numFeatures: readCount(config, "numFeatures", type),
      eps: readNumber(config, "eps", type, 1e-5),
      // null = cumulative average (PyTorch's momentum=None), kept as null
      momentum: config.momentum === null ? null : readNumber(config, "momentum", type, 0.1),
      affine: readBoolean(config, "affine", type, true),
      trackRunningStats: readBoolean(config, "trackRunningStats", type, true),
    };
  }

  override config(): Record<string, unknown> {
    return {
      numFeatures: this.numFeatures,
      eps: this.eps,
      momentum: this.momentum,
      affine: this.affine,
      trackRunningStats: this.trackRunningStats,
    };
  }
}
