// AdamW (Loshchilov & Hutter, 2019): Adam with weight decay decoupled from the gradient, as
// torch.optim.AdamW. Only the decay step differs from Adam; the moments come from adamUpdate.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { ADAM_DEFAULTS, adamUpdate, checkAdamHyper, type AdamOptions } from "./adam.js";
import { Optimizer, type ParamState } from "./optimizer.js";
import { resolveOptions } from "./validate.js";

/** Hyperparameters of {@link AdamW}: Adam's; `weightDecay` is applied decoupled, θ ← θ − ηλθ. */
export type AdamWOptions = AdamOptions;

const ADAMW_DEFAULTS: AdamWOptions = { ...ADAM_DEFAULTS, weightDecay: 1e-2 };

/**
 * AdamW (PyTorch's formulation; t = 1, 2, …):
 *
 *   g ← −g                          if maximize
 *   θ ← θ·(1 − ηλ)                  decoupled decay, before the Adam step
 *   m ← β₁m + (1 − β₁)g
 *   v ← β₂v + (1 − β₂)g²
 *   m̂ = m / (1 − β₁ᵗ)
 *   v̂ = v / (1 − β₂ᵗ);   amsgrad: vMax ← max(vMax, v), v̂ = vMax / (1 − β₂ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 1e-2, amsgrad false, maximize false.
 * State: `m`, `v`, and `vMax` with amsgrad.
 */
export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<AdamWOptions> = {}) {
    super("AdamW", params, resolveOptions("AdamW", ADAMW_DEFAULTS, options));
  }

  protected checkHyper(h: AdamWOptions): void {
    checkAdamHyper("AdamW", h);
  }

  protected bufferNames(): readonly string[] {
    return ["m", "v", "vMax"];
  }

  protected requiredBuffers(h: AdamWOptions): readonly string[] {
    return h.amsgrad ? ["m", "v", "vMax"] : ["m", "v"];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: AdamWOptions): void {
    const decay = 1 - h.lr * h.weightDecay;
    for (let i = 0; i < theta.length; i++) theta[i] *= decay;
    const sign = h.maximize ? -1 : 1;
    adamUpdate(theta, grad, sign, 0, s, h);
  }
}

/** Factory: `optim.adamw(model.parameters(), { lr: 1e-3, weightDecay: 1e-2 })`. */
export function adamw(params: Iterable<Tensor>, options: Partial<AdamWOptions> = {}): AdamW {
  return new AdamW(params, options);
}
