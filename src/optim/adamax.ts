// Adamax (Kingma & Ba, 2015, §7.1), as torch.optim.Adamax: Adam with the second moment
// replaced by an exponentially weighted infinity norm of past gradients.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkBetas, checkLr, checkNonNegative, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link Adamax}, with PyTorch's names; `adamax()` takes any subset (the rest default).
 */
export type AdamaxOptions = {
  /** η */
  lr: number;
  /** (β₁, β₂) as [β₁, β₂]: decay of the first moment and of the infinity norm. */
  betas: readonly [number, number];
  /** ε, added to |g| inside the max. */
  eps: number;
  /** λ, coupled L2 penalty. */
  weightDecay: number;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

const ADAMAX_DEFAULTS: AdamaxOptions = {
  lr: 2e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  maximize: false,
};

/**
 * Adamax (PyTorch's formulation; t = 1, 2, …; m₀ = u₀ = 0):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0
 *   m ← β₁m + (1 − β₁)g
 *   u ← max(β₂u, |g| + ε)
 *   θ ← θ − η/(1 − β₁ᵗ) · m/u
 *
 * Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, maximize false. State: `m`, `u`.
 */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamaxOptions> = {}) {
    super("Adamax", params, resolveOptions("Adamax", ADAMAX_DEFAULTS, options));
  }

  protected checkHyper(h: AdamaxOptions): void {
    checkLr("Adamax", h.lr);
    checkBetas("Adamax", h.betas);
    checkNonNegative("Adamax", "eps", h.eps);
    checkNonNegative("Adamax", "weightDecay", h.weightDecay);
  }

  protected bufferNames(): readonly string[] {
    return ["m", "u"];
  }

  protected requiredBuffers(): readonly string[] {
    return ["m", "u"];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: AdamaxOptions): void {
    const [beta1, beta2] = h.betas;
    const { lr, eps, weightDecay: lambda } = h;
    const m = bufferOf(s, "m", theta);
    const u = bufferOf(s, "u", theta);
    const etaT = lr / (1 - beta1 ** s.step);
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      u[i] = Math.max(beta2 * u[i], Math.abs(g) + eps);
      theta[i] -= (etaT * m[i]) / u[i];
    }
  }
}

/** Factory: `optim.adamax(model.parameters())`. */
export function adamax(params: Iterable<Tensor>, options: Partial<AdamaxOptions> = {}): Adamax {
  return new Adamax(params, options);
}
