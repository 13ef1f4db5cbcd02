// Weight penalties added to the loss: L1 (lasso) and L2 (ridge), as differentiable tensors so
// autograd supplies their gradients. Not weight decay inside an optimizer (see the note on l2).
import { ValueError } from "../errors.js";
import { zeros } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";

function checkLambda(fn: string, lambda: number): void {
  if (!(Number.isFinite(lambda) && lambda >= 0)) {
    throw new ValueError(`${fn}: lambda must be a finite number ≥ 0, got ${lambda}`);
  }
}

function penalty(params: Iterable<Tensor>, term: (w: Tensor) => Tensor): Tensor {
  let total: Tensor | null = null;
  for (const w of params) {
    const t = term(w).sum();
    total = total === null ? t : total.add(t);
  }
  return total ?? zeros([]);
}

/**
 * L1 penalty:  R(w) = λ Σ |w|  over every element of every tensor in `params`.
 * ∂R/∂w = λ·sign(w)  (0 at w = 0, as PyTorch's abs). Returns a scalar tensor to add to the loss;
 * float64 if any parameter is float64. Default λ = 0.01 (as Keras' l1()); no parameters → 0.
 * backward comes from autograd through abs, sum, mul.
 */
export function l1(params: Iterable<Tensor>, lambda = 0.01): Tensor {
  checkLambda("l1", lambda);
  return penalty(params, (w) => w.abs()).mul(lambda);
}

/**
 * L2 penalty:  R(w) = λ Σ w²  (no ½), so ∂R/∂w = 2λw.  Default λ = 0.01 (as Keras' l2()).
 *
 * Relation to weight decay: SGD's `weightDecay: d` adds d·w to the gradient, which equals adding
 * (d/2)·Σw² to the loss, i.e. `l2(params, d / 2)`. (For Adam the two coincide in the same way;
 * AdamW's decoupled decay has no loss-penalty equivalent.) backward comes from autograd through
 * square, sum, mul.
 */
export function l2(params: Iterable<Tensor>, lambda = 0.01): Tensor {
  checkLambda("l2", lambda);
  return penalty(params, (w) => w.square()).mul(lambda);
}
