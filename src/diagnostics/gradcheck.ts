// The gradient checker: compares backprop's gradients with central finite differences
//   ∂L/∂x_i ≈ (L(x + h·e_i) − L(x − h·e_i)) / 2h
// in float64. This is the "expensive" way the article describes (two forward passes per weight),
// kept to prove that the one-pass backward is right. The output y of fn is projected onto a fixed
// random tensor r (L = Σ y·r) so every output element is checked, not only their sum.
import { noGrad } from "../autograd/no-grad.js";
import { DTypeError, ValueError } from "../errors.js";
import { Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";

export interface GradcheckOptions {
  /** Finite-difference step h (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). An element passes when |a − n| ≤ atol + rtol·|n|. */
  rtol?: number;
  /** Seed of the projection tensor r (default 0). */
  seed?: number;
}

export interface GradcheckWorst {
  input: number;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradcheckReport {
  ok: boolean;
  /** max |a − n| over all checked elements */
  maxAbsError: number;
  /** max |a − n| / max(|a|, |n|, 1e-8) */
  maxRelError: number;
  /** The element with the largest tolerance violation (or the largest error when all pass). */
  worst: GradcheckWorst | null;
  checked: number;
}

/**
 * Check the gradients of `fn` with respect to every input tensor.
 * Inputs must be float64 (use `.to("float64")`); they are copied, so the originals are untouched.
 *
 *   const r = gradcheck((a, b) => a.mul(b).sum(), [tensor([1, 2], f64), tensor([3, 4], f64)]);
 *   r.ok  // true
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckReport {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  inputs.forEach((t, i) => {
    if (t.dtype !== "float64") {
      throw new DTypeError(
        `gradcheck: input ${i} is ${t.dtype}; finite differences need float64 (use .to("float64"))`,
      );
    }
  });
  const xs = inputs.map((t) => new Tensor(t.data.slice(), t.shape.slice(), true));
  const y0 = fn(...xs);
  if (!(y0 instanceof Tensor)) throw new ValueError("gradcheck: fn must return a Tensor");
  const rng = new Random(options.seed ?? 0);
  const r = new Float64Array(y0.size).map(() => 0.5 + rng.uniform());
  const project = (y: Tensor): number => {
    let s = 0;
    for (let i = 0; i < y.size; i++) s += y.data[i] * r[i];
    return s;
  };

  // analytic: one backward pass with upstream gradient r
  if (y0.requiresGrad) y0.backward(new Tensor(Float64Array.from(r), y0.shape));
  const analytic = xs.map((x) => (x.grad ? x.grad.data : new Float64Array(x.size)));

  const report: GradcheckReport = {
    ok: true,
    maxAbsError: 0,
    maxRelError: 0,
    worst: null,
    checked: 0,
  };
  let worstExcess = -Infinity;
  noGrad(() => {
    xs.forEach((x, k) => {
      for (let i = 0; i < x.size; i++) {
        const saved = x.data[i];
        x.data[i] = saved + eps;
        const plus = project(fn(...xs));
        x.data[i] = saved - eps;
        const minus = project(fn(...xs));
        x.data[i] = saved;
        const numeric = (plus - minus) / (2 * eps);
        const a = analytic[k][i];
        const absErr = Math.abs(a - numeric);
        const relErr = absErr / Math.max(Math.abs(a), Math.abs(numeric), 1e-8);
        const excess = Number.isNaN(absErr) ? Infinity : absErr - (atol + rtol * Math.abs(numeric));
        report.checked++;
        report.maxAbsError = Math.max(report.maxAbsError, Number.isNaN(absErr) ? Infinity : absErr);
        report.maxRelError = Math.max(report.maxRelError, Number.isNaN(relErr) ? Infinity : relErr);
        if (excess > 0) report.ok = false;
        if (excess > worstExcess) {
          worstExcess = excess;
          report.worst = { input: k, index: i, analytic: a, numeric };
        }
      }
    });
  });
  return report;
}
