// Adam (Kingma & Ba, 2015) with optional AMSGrad, coupled L2 weight decay and maximize, as
// torch.optim.Adam. The decoupled variant is AdamW (adamw.ts), which reuses `adamUpdate`.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkBetas, checkLr, checkNonNegative, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link Adam}, with PyTorch's names; `adam()` takes any subset (the rest default).
 */
export type AdamOptions = {
  /** η */
  lr: number;
  /** (β₁, β₂) as [β₁, β₂]: decay rates of the first and second moment averages. */
  betas: readonly [number, number];
  /** ε, added to √v̂ for numerical stability. */
  eps: number;
  /** λ, L2 penalty added to the gradient (coupled; see AdamW for decoupled). */
  weightDecay: number;
  /** Use the running maximum of v̂ (Reddi et al., 2018). */
  amsgrad: boolean;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

export const ADAM_DEFAULTS: AdamOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  maximize: false,
};

/** Range checks shared by Adam and AdamW. */
export function checkAdamHyper(name: string, h: AdamOptions): void {
  checkLr(name, h.lr);
  checkBetas(name, h.betas);
  checkNonNegative(name, "eps", h.eps);
  checkNonNegative(name, "weightDecay", h.weightDecay);
}

/**
 * The Adam moment update and parameter step on the final gradient g_i = sign·grad_i + λθ_i
 * (sign −1 for maximize; λ the coupled L2 factor, 0 for none and for AdamW, which decays θ
 * itself first); see Adam's doc comment for the formulas. One plain loop: no per-element call.
 */
export function adamUpdate(
  theta: Storage,
  grad: Storage,
  sign: 1 | -1,
  lambda: number,
  s: ParamState,
  h: AdamOptions,
): void {
  const [beta1, beta2] = h.betas;
  const { lr, eps } = h;
  const t = s.step;
  const m = bufferOf(s, "m", theta);
  const v = bufferOf(s, "v", theta);
  const vMax = h.amsgrad ? bufferOf(s, "vMax", theta) : null;
  const biasCorrection1 = 1 - beta1 ** t;
  const biasCorrection2 = 1 - beta2 ** t;
  for (let i = 0; i < theta.length; i++) {
    // as PyTorch, the decay term is only added when λ ≠ 0 (so an infinite θ does not give 0·∞)
    const gi = lambda === 0 ? sign * grad[i] : sign * grad[i] + lambda * theta[i];
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    if (vMax !== null) vMax[i] = Math.max(vMax[i], v[i]);
    const mHat = m[i] / biasCorrection1;
    const vHat = (vMax !== null ? vMax[i] : v[i]) / biasCorrection2;
    theta[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
  }
}

/**
 * Adam (PyTorch's formulation; t = 1, 2, … counts this parameter's updates; m₀ = v₀ = 0):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0 (coupled L2)
 *   m ← β₁m + (1 − β₁)g
 *   v ← β₂v + (1 − β₂)g²
 *   m̂ = m / (1 − β₁ᵗ)
 *   v̂ = v / (1 − β₂ᵗ);   amsgrad: vMax ← max(vMax, v), v̂ = vMax / (1 − β₂ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, amsgrad false, maximize false.
 * State: `m`, `v`, and `vMax` with amsgrad.
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamOptions> = {}) {
    super("Adam", params, resolveOptions("Adam", ADAM_DEFAULTS, options));
  }

  protected checkHyper(h: AdamOptions): void {
    checkAdamHyper("Adam", h);
  }

  protected bufferNames(): readonly string[] {
    return ["m", "v", "vMax"];
  }

  protected requiredBuffers(h: AdamOptions): readonly string[] {
    return h.amsgrad ? ["m", "v", "vMax"] : ["m", "v"];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: AdamOptions): void {
    adamUpdate(theta, grad, h.maximize ? -1 : 1, h.weightDecay, s, h);
  }
}

/** Factory: `optim.adam(model.parameters(), { lr: 1e-2 })`. */
export function adam(params: Iterable<Tensor>, options: Partial<AdamOptions> = {}): Adam {
  return new Adam(params, options);
}
