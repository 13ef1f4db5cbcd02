// Adagrad (Duchi, Hazan & Singer, 2011), as torch.optim.Adagrad: per-coordinate step sizes that
// shrink with the sum of all past squared gradients.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkLr, checkNonNegative, resolveOptions } from "./validate.js";

/**
 * Hyperparameters of {@link Adagrad}, with PyTorch's names; `adagrad()` takes any subset (the rest default).
 */
export type AdagradOptions = {
  /** η */
  lr: number;
  /** Learning-rate decay: ηₜ = η / (1 + (t − 1)·lrDecay). */
  lrDecay: number;
  /** λ, coupled L2 penalty. */
  weightDecay: number;
  /** Starting value of the squared-gradient sum. */
  initialAccumulatorValue: number;
  /** ε, added to the root of the sum. */
  eps: number;
  /** Ascend instead of descend: the update uses −g (PyTorch's maximize). */
  maximize: boolean;
};

const ADAGRAD_DEFAULTS: AdagradOptions = {
  lr: 1e-2,
  lrDecay: 0,
  weightDecay: 0,
  initialAccumulatorValue: 0,
  eps: 1e-10,
  maximize: false,
};

/**
 * Adagrad (PyTorch's formulation; t = 1, 2, …; sum₀ = initialAccumulatorValue):
 *
 *   g ← −g                          if maximize
 *   g ← g + λθ                      if λ ≠ 0
 *   ηₜ = η / (1 + (t − 1)·lrDecay)
 *   sum ← sum + g²
 *   θ ← θ − ηₜ·g / (√sum + ε)
 *
 * Defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10, maximize false.
 * State: `sum`.
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<AdagradOptions> = {}) {
    super("Adagrad", params, resolveOptions("Adagrad", ADAGRAD_DEFAULTS, options));
  }

  protected checkHyper(h: AdagradOptions): void {
    checkLr("Adagrad", h.lr);
    checkNonNegative("Adagrad", "lrDecay", h.lrDecay);
    checkNonNegative("Adagrad", "weightDecay", h.weightDecay);
    checkNonNegative("Adagrad", "initialAccumulatorValue", h.initialAccumulatorValue);
    checkNonNegative("Adagrad", "eps", h.eps);
  }

  protected bufferNames(): readonly string[] {
    return ["sum"];
  }

  protected requiredBuffers(): readonly string[] {
    return ["sum"];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: AdagradOptions): void {
    const { lr, lrDecay, eps, weightDecay: lambda } = h;
    const sum = bufferOf(s, "sum", theta, h.initialAccumulatorValue);
    const etaT = lr / (1 + (s.step - 1) * lrDecay);
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      sum[i] += g * g;
      theta[i] -= (etaT * g) / (Math.sqrt(sum[i]) + eps);
    }
  }
}

/** Factory: `optim.adagrad(model.parameters(), { lr: 0.1 })`. */
export function adagrad(params: Iterable<Tensor>, options: Partial<AdagradOptions> = {}): Adagrad {
  return new Adagrad(params, options);
}
