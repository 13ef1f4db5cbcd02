// RAdam (Liu et al., 2020), as torch.optim.RAdam: Adam whose adaptive step is switched on only
// once the variance of v̂ is tractable (ρₜ > 5) and then multiplied by a rectification term.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkBetas, checkLr, checkNonNegative, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link RAdam}, with PyTorch's names; `radam()` takes any subset (the rest default).
 */
export type RAdamOptions = {
  /** η */
  lr: number;
  /** [β₁, β₂] */
  betas: readonly [number, number];
  /** ε, added to √v. */
  eps: number;
  /** λ, coupled L2 penalty. */
  weightDecay: number;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

const RADAM_DEFAULTS: RAdamOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  maximize: false,
};

/**
 * RAdam (PyTorch's formulation; t = 1, 2, …; m₀ = v₀ = 0):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0
 *   m ← β₁m + (1 − β₁)g
 *   v ← β₂v + (1 − β₂)g²
 *   m̂ = m / (1 − β₁ᵗ)
 *   ρ∞ = 2/(1 − β₂) − 1
 *   ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
 *   ρₜ > 5:  r = √[(ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)]
 *            l = √(1 − β₂ᵗ) / (√v + ε)
 *            θ ← θ − η·m̂·l·r
 *   else:    θ ← θ − η·m̂                (un-adapted momentum SGD)
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, maximize false. State: `m`, `v`.
 */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<RAdamOptions> = {}) {
    super("RAdam", params, resolveOptions("RAdam", RADAM_DEFAULTS, options));
  }

  protected checkHyper(h: RAdamOptions): void {
    checkLr("RAdam", h.lr);
    checkBetas("RAdam", h.betas);
    checkNonNegative("RAdam", "eps", h.eps);
    checkNonNegative("RAdam", "weightDecay", h.weightDecay);
  }

  protected bufferNames(): readonly string[] {
    return ["m", "v"];
  }

  protected requiredBuffers(): readonly string[] {
    return ["m", "v"];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: RAdamOptions): void {
    const [beta1, beta2] = h.betas;
    const { lr, eps, weightDecay: lambda } = h;
    const t = s.step;
    const m = bufferOf(s, "m", theta);
    const v = bufferOf(s, "v", theta);
    const biasCorrection1 = 1 - beta1 ** t;
    const biasCorrection2 = 1 - beta2 ** t;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * t * beta2 ** t) / biasCorrection2;
    const rect =
      rhoT > 5
        ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
        : 0;
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      const mHat = m[i] / biasCorrection1;
      if (rhoT > 5) {
        const adaptiveLr = Math.sqrt(biasCorrection2) / (Math.sqrt(v[i]) + eps);
        theta[i] -= mHat * lr * adaptiveLr * rect;
      } else {
        theta[i] -= mHat * lr;
      }
    }
  }
}

/** Factory: `optim.radam(model.parameters())`. */
export function radam(params: Iterable<Tensor>, options: Partial<RAdamOptions> = {}): RAdam {
  return new RAdam(params, options);
}
