// Gradient clipping, applied between backward() and step(): rescale all gradients together so
// their joint norm is at most maxNorm, or clamp each element. Parameters without a grad are skipped.
import { NonFiniteError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

/** Options of {@link clipGradNorm}: the norm's order and whether a non-finite norm throws. */
export interface ClipGradNormOptions {
  /**
   * Default true: a NaN/±Inf total norm throws NonFiniteError naming the first parameter index
   * (and element) with a non-finite gradient, and leaves every gradient untouched. false: return
   * the non-finite norm and still leave the gradients untouched. (PyTorch's default,
   * error_if_nonfinite=False, multiplies the gradients by a NaN or 0 factor instead; we never do.)
   */
  errorIfNonfinite?: boolean;
}

/**
 * Clip gradients by their joint p-norm, in place.
 *
 *   total = ‖(g₁, …, gₖ)‖ₚ = (Σⱼ Σᵢ |gⱼᵢ|ᵖ)^(1/p)      p = ∞: maxⱼᵢ |gⱼᵢ|
 *   c = min(1, maxNorm / (total + 1e-6))
 *   gⱼ ← c·gⱼ
 *
 * As PyTorch, the factor is applied whenever c < 1, so a total within 1e-6 of maxNorm is scaled
 * very slightly. normType: any p ≥ 1 (1, 2 = default, Infinity). Sums run in float64 after dividing
 * by the largest |g| so large gradients do not overflow. Returns the total norm before clipping.
 */
export function clipGradNorm(
  params: Iterable<Tensor>,
  maxNorm: number,
  normType = 2,
  options: ClipGradNormOptions = {},
): number {
  if (!(maxNorm >= 0 && Number.isFinite(maxNorm))) {
    throw new ValueError(`clipGradNorm: maxNorm must be a finite number ≥ 0, got ${maxNorm}`);
  }
  if (!(normType >= 1)) {
    throw new ValueError(`clipGradNorm: normType must be ≥ 1 or Infinity, got ${normType}`);
  }
  const grads = [...params].map((p) => p.grad);
  const total = totalNorm(grads, normType, options.errorIfNonfinite ?? true);
  if (!Number.isFinite(total)) return total;
  const c = Math.min(1, maxNorm / (total + 1e-6));
  if (c < 1) {
    for (const g of grads) {
      if (g === null) continue;
      const d = g.data;
      for (let i = 0; i < d.length; i++) d[i] *= c;
    }
  }
  return total;
}

function totalNorm(grads: (Tensor | null)[], p: number, errorIfNonfinite: boolean): number {
  let maxAbs = 0;
  for (let j = 0; j < grads.length; j++) {
    const g = grads[j];
    if (g === null) continue;
    const d = g.data;
    for (let i = 0; i < d.length; i++) {
      const a = Math.abs(d[i]);
      if (!Number.isFinite(a)) {
        if (errorIfNonfinite) {
          throw new NonFiniteError(
            `clipGradNorm: gradient of params[${j}] is ${d[i]} at element ${i}; the total norm is not finite (gradients left unchanged)`,
          );
        }
        return Number.isNaN(a) ? NaN : Infinity;
      }
      if (a > maxAbs) maxAbs = a;
    }
  }
  if (p === Infinity || maxAbs === 0) return maxAbs;
  // scale by max|g| so Σ|g|ᵖ cannot overflow: total = max|g|·(Σ(|g|/max|g|)ᵖ)^(1/p)
  let sum = 0;
  for (const g of grads) {
    if (g === null) continue;
    const d = g.data;
    for (let i = 0; i < d.length; i++) {
      const r = Math.abs(d[i]) / maxAbs;
      sum += p === 2 ? r * r : p === 1 ? r : r ** p;
    }
  }
  return maxAbs * (p === 2 ? Math.sqrt(sum) : p === 1 ? sum : sum ** (1 / p));
}

/**
 * Clamp every gradient element into [−clipValue, clipValue], in place:  g ← min(max(g, −c), c).
 * NaN stays NaN (as PyTorch's clamp). clipValue must be a finite number ≥ 0.
 */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue >= 0 && Number.isFinite(clipValue))) {
    throw new ValueError(`clipGradValue: clipValue must be a finite number ≥ 0, got ${clipValue}`);
  }
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    const d = g.data;
    for (let i = 0; i < d.length; i++) {
      if (d[i] > clipValue) d[i] = clipValue;
      else if (d[i] < -clipValue) d[i] = -clipValue;
    }
  }
}
