// RMSprop (Hinton's lecture 6e; centered variant of Graves, 2013), as torch.optim.RMSprop:
// divide the gradient by a running root-mean-square of recent gradients.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkLr, checkNonNegative, checkUnit, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link RMSprop}, with PyTorch's names; `rmsprop()` takes any subset (the rest default).
 */
export type RMSpropOptions = {
  /** η */
  lr: number;
  /** α, smoothing constant of the squared-gradient average. */
  alpha: number;
  /** ε, added to the root mean square. */
  eps: number;
  /** λ, coupled L2 penalty. */
  weightDecay: number;
  /** μ, momentum factor. */
  momentum: number;
  /** Normalise by an estimate of the variance instead of the raw second moment. */
  centered: boolean;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

const RMSPROP_DEFAULTS: RMSpropOptions = {
  lr: 1e-2,
  alpha: 0.99,
  eps: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
  maximize: false,
};

/**
 * RMSprop (PyTorch's formulation; v₀ = gAvg₀ = b₀ = 0):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0
 *   v ← αv + (1 − α)g²
 *   centered:  gAvg ← α·gAvg + (1 − α)g,   denom = √(v − gAvg²) + ε
 *   otherwise: denom = √v + ε
 *   μ > 0:  b ← μb + g/denom,  θ ← θ − ηb
 *   μ = 0:  θ ← θ − η·g/denom
 *
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false, maximize false.
 * State: `v`, plus `gAvg` (centered) and `b` (momentum > 0).
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<RMSpropOptions> = {}) {
    super("RMSprop", params, resolveOptions("RMSprop", RMSPROP_DEFAULTS, options));
  }

  protected checkHyper(h: RMSpropOptions): void {
    checkLr("RMSprop", h.lr);
    checkUnit("RMSprop", "alpha", h.alpha);
    checkNonNegative("RMSprop", "eps", h.eps);
    checkNonNegative("RMSprop", "weightDecay", h.weightDecay);
    checkNonNegative("RMSprop", "momentum", h.momentum);
  }

  protected bufferNames(): readonly string[] {
    return ["v", "gAvg", "b"];
  }

  protected requiredBuffers(h: RMSpropOptions): readonly string[] {
    return ["v", ...(h.centered ? ["gAvg"] : []), ...(h.momentum > 0 ? ["b"] : [])];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: RMSpropOptions): void {
    const { lr, alpha, eps, weightDecay: lambda, momentum: mu } = h;
    const v = bufferOf(s, "v", theta);
    const gAvg = h.centered ? bufferOf(s, "gAvg", theta) : null;
    const b = mu > 0 ? bufferOf(s, "b", theta) : null;
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      v[i] = alpha * v[i] + (1 - alpha) * g * g;
      let denom: number;
      if (gAvg !== null) {
        gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
        denom = Math.sqrt(v[i] - gAvg[i] * gAvg[i]) + eps;
      } else {
        denom = Math.sqrt(v[i]) + eps;
      }
      if (b !== null) {
        b[i] = mu * b[i] + g / denom;
        theta[i] -= lr * b[i];
      } else {
        theta[i] -= (lr * g) / denom;
      }
    }
  }
}

/** Factory: `optim.rmsprop(model.parameters(), { lr: 1e-3, momentum: 0.9 })`. */
export function rmsprop(params: Iterable<Tensor>, options: Partial<RMSpropOptions> = {}): RMSprop {
  return new RMSprop(params, options);
}
