// Stochastic gradient descent with optional momentum, Nesterov momentum, weight decay and
// maximize, as torch.optim.SGD. The simplest update rule; the others build on the same base.
import type { Storage } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { Optimizer, bufferOf, type ParamState } from "./optimizer.js";
import { checkLr, checkNonNegative, resolveOptions } from "./validate.js";
import { ValueError } from "../errors.js";

/**
 * Hyperparameters of {@link SGD}, with PyTorch's names; `sgd()` takes any subset (the rest default).
 */
export type SGDOptions = {
  /** η. PyTorch ≥ 2.2 default 1e-3 (older versions required it). */
  lr: number;
  /** μ, momentum factor. */
  momentum: number;
  /** τ, dampening for momentum. */
  dampening: number;
  /** Nesterov momentum: step along g + μ·b instead of b (needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** λ, L2 penalty added to the gradient (coupled). */
  weightDecay: number;
  /** Ascend instead of descend. */
  maximize: boolean;
};

const SGD_DEFAULTS: SGDOptions = {
  lr: 1e-3,
  momentum: 0,
  dampening: 0,
  nesterov: false,
  weightDecay: 0,
  maximize: false,
};

/**
 * SGD (PyTorch's formulation; step t = 1, 2, …):
 *
 *   g ← −g                    if maximize
 *   g ← g + λθ                if λ ≠ 0
 *   if μ ≠ 0:
 *     b ← g                   at t = 1
 *     b ← μb + (1 − τ)g       at t > 1
 *     g ← g + μb              if nesterov, else g ← b
 *   θ ← θ − ηg
 *
 * Defaults: lr 1e-3, momentum 0, dampening 0, nesterov false, weightDecay 0, maximize false.
 * nesterov needs momentum > 0 and dampening = 0. State: `momentumBuffer` (b), once μ ≠ 0.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Iterable<Tensor>, options: Partial<SGDOptions> = {}) {
    super("SGD", params, resolveOptions("SGD", SGD_DEFAULTS, options));
  }

  protected checkHyper(h: SGDOptions): void {
    checkLr("SGD", h.lr);
    checkNonNegative("SGD", "momentum", h.momentum);
    checkNonNegative("SGD", "weightDecay", h.weightDecay);
    if (!Number.isFinite(h.dampening)) {
      throw new ValueError(`SGD: invalid dampening=${h.dampening}; need a finite number`);
    }
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new ValueError(
        `SGD: nesterov requires momentum > 0 and dampening = 0, got momentum=${h.momentum}, dampening=${h.dampening}`,
      );
    }
  }

  protected bufferNames(): readonly string[] {
    return ["momentumBuffer"];
  }

  protected requiredBuffers(h: SGDOptions): readonly string[] {
    return h.momentum !== 0 ? ["momentumBuffer"] : [];
  }

  protected update(theta: Storage, grad: Storage, s: ParamState, h: SGDOptions): void {
    const { lr, momentum: mu, dampening: tau, weightDecay: lambda } = h;
    if (mu === 0 && lambda === 0 && !h.maximize) {
      // plain SGD, θ ← θ − ηg: the same arithmetic as below without the per-element branches
      for (let i = 0; i < theta.length; i++) theta[i] -= lr * grad[i];
      return;
    }
    const isNew = s.buffers.momentumBuffer === undefined;
    const b = mu !== 0 ? bufferOf(s, "momentumBuffer", theta) : null;
    for (let i = 0; i < theta.length; i++) {
      let g = h.maximize ? -grad[i] : grad[i];
      if (lambda !== 0) g += lambda * theta[i];
      if (b !== null) {
        // PyTorch starts the buffer at the first gradient, not at zero
        b[i] = isNew ? g : mu * b[i] + (1 - tau) * g;
        g = h.nesterov ? g + mu * b[i] : b[i];
      }
      theta[i] -= lr * g;
    }
  }
}

/** Factory: `optim.sgd(model.parameters(), { lr: 0.1, momentum: 0.9 })`. */
export function sgd(params: Iterable<Tensor>, options: Partial<SGDOptions> = {}): SGD {
  return new SGD(params, options);
}
