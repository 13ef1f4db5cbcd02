// Adadelta (Zeiler, 2012), as torch.optim.Adadelta: the step size is the ratio of running RMS
// values of past updates and past gradients, scaled by lr (1 by default).
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkLr, checkNonNegative, checkUnit, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link Adadelta}, with PyTorch's names; `adadelta()` takes any subset (the rest default).
 */
export type AdadeltaOptions = {
  /** η, scales the delta (1 = the paper's rule). */
  lr: number;
  /** ρ, decay rate of both running averages. */
  rho: number;
  /** ε, inside both square roots. */
  eps: number;
  /** λ, coupled L2 penalty. */
  weightDecay: number;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

const ADADELTA_DEFAULTS: AdadeltaOptions = {
  lr: 1,
  rho: 0.9,
  eps: 1e-6,
  weightDecay: 0,
  maximize: false,
};

/**
 * Adadelta (PyTorch's formulation; v₀ = u₀ = 0):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0
 *   v ← ρv + (1 − ρ)g²
 *   Δθ = √(u + ε) / √(v + ε) · g
 *   u ← ρu + (1 − ρ)Δθ²
 *   θ ← θ − η·Δθ
 *
 * Defaults: lr 1, rho 0.9, eps 1e-6, weightDecay 0, maximize false. State: `v`, `u`.
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<AdadeltaOptions> = {}) {
    super("Adadelta", params, resolveOptions("Adadelta", ADADELTA_DEFAULTS, options));
  }

  protected checkHyper(h: AdadeltaOptions): void {
    checkLr("Adadelta", h.lr);
    checkUnit("Adadelta", "rho", h.rho);
    checkNonNegative("Adadelta", "eps", h.eps);
    checkNonNegative("Adadelta", "weightDecay", h.weightDecay);
  }

  protected bufferNames(): readonly string[] {
    return ["v", "u"];
  }

  protected requiredBuffers(): readonly string[] {
    return ["v", "u"];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: AdadeltaOptions): void {
    const { lr, rho, eps, weightDecay: lambda } = h;
    const v = bufferOf(s, "v", theta);
    const u = bufferOf(s, "u", theta);
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      v[i] = rho * v[i] + (1 - rho) * g * g;
      const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps)) * g;
      u[i] = rho * u[i] + (1 - rho) * delta * delta;
      theta[i] -= lr * delta;
    }
  }
}

/** Factory: `optim.adadelta(model.parameters())`. */
export function adadelta(
  params: Iterable<Tensor>,
  options: Partial<AdadeltaOptions> = {},
): Adadelta {
  return new Adadelta(params, options);
}
