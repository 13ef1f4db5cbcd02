// NAdam (Dozat, 2016), as torch.optim.NAdam: Adam with Nesterov momentum and the momentum-decay
// schedule μₜ. Follows PyTorch ≥ 2.0, whose μ-product for t + 1 is ∏ᵢ₌₁ᵗ⁺¹ μᵢ (PyTorch 1.13's
// single-tensor path multiplied μₜ in twice; its foreach path and later versions do not).
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkBetas, checkLr, checkNonNegative, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link NAdam}, with PyTorch's names; `nadam()` takes any subset (the rest default).
 */
export type NAdamOptions = {
  /** η */
  lr: number;
  /** [β₁, β₂] */
  betas: readonly [number, number];
  /** ε, added to √v̂. */
  eps: number;
  /** λ, coupled L2 penalty. */
  weightDecay: number;
  /** ψ in μₜ = β₁(1 − ½·0.96^(tψ)). */
  momentumDecay: number;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

const NADAM_DEFAULTS: NAdamOptions = {
  lr: 2e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  momentumDecay: 4e-3,
  maximize: false,
};

/**
 * NAdam (PyTorch's formulation; t = 1, 2, …; m₀ = v₀ = 0, muProduct₀ = 1):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0
 *   μₜ   = β₁(1 − ½·0.96^(tψ)),   μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ))
 *   muProduct ← muProduct·μₜ                   (= ∏ᵢ₌₁ᵗ μᵢ)
 *   m ← β₁m + (1 − β₁)g
 *   v ← β₂v + (1 − β₂)g²
 *   v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η(1 − μₜ)/(1 − muProduct) · g/(√v̂ + ε)
 *         − η·μₜ₊₁/(1 − muProduct·μₜ₊₁) · m/(√v̂ + ε)
 *
 * Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, momentumDecay 4e-3, maximize false.
 * State: `m`, `v`, scalar `muProduct`.
 */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<NAdamOptions> = {}) {
    super("NAdam", params, resolveOptions("NAdam", NADAM_DEFAULTS, options));
  }

  protected checkHyper(h: NAdamOptions): void {
    checkLr("NAdam", h.lr);
    checkBetas("NAdam", h.betas);
    checkNonNegative("NAdam", "eps", h.eps);
    checkNonNegative("NAdam", "weightDecay", h.weightDecay);
    checkNonNegative("NAdam", "momentumDecay", h.momentumDecay);
  }

  protected bufferNames(): readonly string[] {
    return ["m", "v"];
  }

  protected requiredBuffers(): readonly string[] {
    return ["m", "v"];
  }

  protected override initialScalars(): Record<string, number> {
    return { muProduct: 1 };
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: NAdamOptions): void {
    const [beta1, beta2] = h.betas;
    const { lr, eps, weightDecay: lambda, momentumDecay: psi } = h;
    const t = s.step;
    const m = bufferOf(s, "m", theta);
    const v = bufferOf(s, "v", theta);
    const mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi));
    const muProduct = s.scalars.muProduct * mu;
    s.scalars.muProduct = muProduct;
    const muProductNext = muProduct * muNext;
    const biasCorrection2 = 1 - beta2 ** t;
    const gradStep = (lr * (1 - mu)) / (1 - muProduct);
    const momentumStep = (lr * muNext) / (1 - muProductNext);
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      const vHat = v[i] / biasCorrection2;
      const denom = Math.sqrt(vHat) + eps;
      theta[i] -= (gradStep * g) / denom + (momentumStep * m[i]) / denom;
    }
  }
}

/** Factory: `optim.nadam(model.parameters())`. */
export function nadam(params: Iterable<Tensor>, options: Partial<NAdamOptions> = {}): NAdam {
  return new NAdam(params, options);
}
