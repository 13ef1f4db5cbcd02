// Batch normalisation of a fused stack's [N, H] rows, forward and backward as plain loops (the
// numbers BatchNorm1d's op-by-op path computes, in one pass each). Used by linear-stack.ts between
// a layer's product and its activation. Not here: the module, its options and [N, C, L] inputs
// (src/nn/batch-norm.ts), which run op by op.
import { ValueError } from "../errors.js";
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

/** What the stack reads from a BatchNorm1d at each call (the module satisfies it as it is). */
export interface StackNorm {
  readonly numFeatures: number;
  readonly eps: number;
  /** null: cumulative average 1/numBatchesTracked. */
  readonly momentum: number | null;
  readonly isTraining: boolean;
  /** γ, β: [H] or null without affine. */
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  /** Buffers: [H], [H], [] (null without trackRunningStats). */
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  readonly numBatchesTracked: Tensor | null;
}

/** Batch statistics in training mode, or without running statistics to use. */
export function usesBatchStats(norm: StackNorm): boolean {
  return norm.isTraining || norm.runningMean === null;
}

/** Column sums in float64, reused across calls (the kernels run synchronously). */
let colA = new Float64Array(0);
let colB = new Float64Array(0);
let colC = new Float64Array(0);
function columns(H: number): [Float64Array, Float64Array, Float64Array] {
  if (colA.length < H) [colA, colB, colC] = [1, 2, 3].map(() => new Float64Array(H));
  colA.fill(0, 0, H);
  colB.fill(0, 0, H);
  return [colA, colB, colC];
}

/**
 * In place on Z [N, H] (rows at zOff): Z ← γ·x̂ + β, writing x̂ at xHatOff (when xHat is given)
 * and 1/√(σ² + ε) per column at invStdOut[sOff..sOff+H) (when given).
 *   batch stats   μ_c = Σ_n z_nc / N,  σ²_c = Σ_n (z_nc − μ_c)² / N            (biased)
 *                 running_mean ← (1 − m)·running_mean + m·μ
 *                 running_var  ← (1 − m)·running_var + m·σ²·N/(N − 1)        (unbiased)
 *                 (only in training mode; m = momentum, or 1/numBatchesTracked when null)
 *   running stats μ = running_mean, σ² = running_var
 *   x̂ = (z − μ)·(σ² + ε)^(−1/2)
 * Training on N = 1 throws ValueError, as BatchNorm1d (and PyTorch) do.
 */
export function batchNormForward(
  norm: StackNorm,
  z: Storage,
  zOff: number,
  xHat: Storage | null,
  xHatOff: number,
  invStdOut: Storage | null,
  sOff: number,
  N: number,
  H: number,
): void {
  const [mu, variance, scratch] = columns(H);
  const invStd = invStdOut ?? scratch;
  if (usesBatchStats(norm)) {
    if (N <= 1) {
      throw new ValueError(
        `BatchNorm1d: expected more than 1 value per channel when training, got input size [${N}, ${H}]`,
      );
    }
    for (let n = 0; n < N; n++) {
      const row = zOff + n * H;
      for (let c = 0; c < H; c++) mu[c] += z[row + c];
    }
    for (let c = 0; c < H; c++) mu[c] /= N;
    for (let n = 0; n < N; n++) {
      const row = zOff + n * H;
      for (let c = 0; c < H; c++) {
        const d = z[row + c] - mu[c];
        variance[c] += d * d;
      }
    }
    for (let c = 0; c < H; c++) variance[c] /= N;
    if (norm.isTraining && norm.runningMean !== null) updateRunningStats(norm, mu, variance, N);
  } else {
    mu.set(norm.runningMean!.data.subarray(0, H));
    variance.set(norm.runningVar!.data.subarray(0, H));
  }
  for (let c = 0; c < H; c++) invStd[sOff + c] = 1 / Math.sqrt(variance[c] + norm.eps);
  const gamma = norm.weight === null ? null : norm.weight.data;
  const beta = norm.bias === null ? null : norm.bias.data;
  for (let n = 0; n < N; n++) {
    const row = zOff + n * H;
    const hatRow = xHatOff + n * H;
    for (let c = 0; c < H; c++) {
      const h = (z[row + c] - mu[c]) * invStd[sOff + c];
      if (xHat !== null) xHat[hatRow + c] = h;
      z[row + c] = gamma === null || beta === null ? h : gamma[c] * h + beta[c];
    }
  }
}

/** running ← (1 − m)·running + m·batch, with the unbiased variance σ²·N/(N − 1). */
function updateRunningStats(
  norm: StackNorm,
  mu: Float64Array,
  variance: Float64Array,
  N: number,
): void {
  const count = norm.numBatchesTracked!.data;
  count[0] += 1;
  const m = norm.momentum ?? 1 / count[0];
  const rm = norm.runningMean!.data;
  const rv = norm.runningVar!.data;
  for (let c = 0; c < norm.numFeatures; c++) {
    rm[c] = (1 - m) * rm[c] + m * mu[c];
    rv[c] = (1 - m) * rv[c] + m * ((variance[c] * N) / (N - 1));
  }
}

/**
 * In place on G = ∂L/∂ẑ [N, H] (rows at 0): G ← ∂L/∂z, with ẑ = γ·x̂ + β as batchNormForward
 * made it (x̂ at xHatOff, 1/σ at invStd[sOff..]); dGamma, dBeta (when given) get Σ_n G·x̂, Σ_n G.
 *   batch stats    ∂L/∂z = (γ/σ)·(G − mean_n(G) − x̂·mean_n(G·x̂))
 *                  (from x̂ = (z − μ)/σ with μ, σ functions of the column; PyTorch's formula)
 *   running stats  ∂L/∂z = (γ/σ)·G                     (μ, σ are constants)
 *   dγ = Σ_n G·x̂,  dβ = Σ_n G                            (γ = 1 without affine)
 */
export function batchNormBackward(
  norm: StackNorm,
  batchStats: boolean,
  g: Storage,
  xHat: Storage,
  xHatOff: number,
  invStd: Storage,
  sOff: number,
  N: number,
  H: number,
  dGamma: Storage | null,
  dBeta: Storage | null,
): void {
  const [sumG, sumGx, scale] = columns(H);
  for (let n = 0; n < N; n++) {
    const row = n * H;
    const hatRow = xHatOff + row;
    for (let c = 0; c < H; c++) {
      sumG[c] += g[row + c];
      sumGx[c] += g[row + c] * xHat[hatRow + c];
    }
  }
  if (dGamma !== null) for (let c = 0; c < H; c++) dGamma[c] = sumGx[c];
  if (dBeta !== null) for (let c = 0; c < H; c++) dBeta[c] = sumG[c];
  const gamma = norm.weight === null ? null : norm.weight.data;
  // scale_c = γ_c/σ_c, reusing sumG/sumGx as the column means of G and G·x̂ (batch stats)
  for (let c = 0; c < H; c++) {
    scale[c] = (gamma === null ? 1 : gamma[c]) * invStd[sOff + c];
    sumG[c] = batchStats ? sumG[c] / N : 0;
    sumGx[c] = batchStats ? sumGx[c] / N : 0;
  }
  for (let n = 0; n < N; n++) {
    const row = n * H;
    const hatRow = xHatOff + row;
    for (let c = 0; c < H; c++) {
      g[row + c] = scale[c] * (g[row + c] - sumG[c] - xHat[hatRow + c] * sumGx[c]);
    }
  }
}
