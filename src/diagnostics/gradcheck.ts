// The gradient checker: compares backprop's gradients with central finite differences
//   ∂L/∂x_i ≈ (L(x + h·e_i) − L(x − h·e_i)) / 2h
// in float64 (default) or float32. This is the "expensive" way the article describes (two forward
// passes per weight), kept to prove that the one-pass backward is right. The output y of fn is
// projected onto a fixed random tensor r (L = Σ y·r) so every output element is checked.
import { noGrad } from "../autograd/no-grad.js";
import { DTypeError, ValueError } from "../errors.js";
import { allocStorage, type DType } from "../tensor/dtype.js";
import { Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";

/** Options of {@link gradcheck}: precision, step h and tolerances, seed of the projection r. */
export interface GradcheckOptions {
  /**
   * The arithmetic the check runs in (default "float64"). "float64" requires float64 inputs.
   * "float32" copies the inputs (of either dtype) to float32 and checks the float32 kernels
   * themselves, with the defaults of FLOAT32_TOLERANCES. It resolves relative errors of about
   * 1e-2 where float64 resolves about 1e-6: prefer float64 to prove a formula, float32 to check
   * the code path a float32 model runs.
   */
  dtype?: DType;
  /** Finite-difference step h (default 1e-6; float32: 5e-3, scaled by max(1, |x_i|)). */
  eps?: number;
  /** Absolute tolerance (default 1e-5; float32: 1e-3). */
  atol?: number;
  /**
   * Relative tolerance (default 1e-3; float32: 1e-2). An element passes when
   * |a − n| ≤ atol + rtol·|n| + noise·ε·S / (x₊ − x₋) (the last term: see FLOAT32_TOLERANCES).
   */
  rtol?: number;
  /** Multiple of L's rounding error ε·S allowed on top, over the step (default 0; float32: 8). */
  noise?: number;
  /** Seed of the projection tensor r (default 0). */
  seed?: number;
}

/** The defaults of the float64 check: h = 1e-6 leaves a truncation error h²·f‴/6 ≈ 1e-13. */
export const FLOAT64_TOLERANCES = Object.freeze({ eps: 1e-6, atol: 1e-5, rtol: 1e-3, noise: 0 });

/** float32's machine epsilon 2⁻²³: the spacing of float32 numbers at 1. */
const FLOAT32_EPSILON = 2 ** -23;

/**
 * The defaults of the float32 check, and why. Every float32 value carries a relative rounding
 * error of about ε = 2⁻²³ ≈ 1.2e-7, so the difference quotient has two error terms:
 *   rounding    ≈ ε·S / 2h         S = Σ|y·r|, the scale of L = Σ y·r (grows as h shrinks)
 *   truncation  ≈ h²·|L‴| / 6      (grows as h grows)
 * Their sum is smallest near h = ε^(1/3) ≈ 4.9e-3 (Numerical Recipes §5.7), hence eps = 5e-3:
 * each term is then about 2e-5 of the scale of L and its derivatives.
 * - noise = 8: the rounding term follows S, not the gradient (a sum-reduced loss over 1000
 *   elements has S ≈ 1e4, so ε·S/2h ≈ 0.1 whatever the gradient), so it is allowed explicitly,
 *   as noise·ε·S / (x₊ − x₋). The measured worst is 1.3 times ε·S / (x₊ − x₋).
 * - rtol = 1e-2, atol = 1e-3: what is left is rounding that S does not show — the terms of a
 *   reduction that cancel (Σ tanh x over 4000 elements: error 1e-3 on gradients of about 0.5),
 *   the analytic gradient's own float32 rounding, and the truncation term. Measured share of
 *   the allowed error used by the worst element: every activation ≤ 1 %, every loss ≤ 4 %,
 *   sums over 1000–2000 elements ≤ 12 % (the float32 tests in src/diagnostics/,
 *   src/activations/ and test/losses/), so a correct op passes with a margin of ×8 and a
 *   derivative wrong by a few percent fails. It cannot see slips under about 1 %; float64 can.
 * Two more float32 measures:
 * - the step scales with the input, h·max(1, |x_i|), because float32's spacing does (at
 *   |x| = 1000 it is 6e-5, and an absolute h = 5e-3 would be 80 ulps);
 * - the step actually taken is read back from the float32 input (x ± h is rounded when stored),
 *   so the quotient divides by the true step x₊ − x₋, not by 2h.
 * Keep samples more than h·max(1, |x|) from a kink, and inputs to a few thousand elements.
 * Strong curvature needs a smaller step: y ln y at y = 0.01 has a truncation error h²/(6y²) of
 * 4 % at h = 5e-3 (klDiv's target gradient is checked at h = 5e-4).
 */
export const FLOAT32_TOLERANCES = Object.freeze({ eps: 5e-3, atol: 1e-3, rtol: 1e-2, noise: 8 });

/** The element with the largest relative error: which input, which element, a and n. */
export interface GradcheckWorst {
  input: number;
  index: number;
  analytic: number;
  numeric: number;
}

/** What {@link gradcheck} found: `ok`, the largest errors, and the worst element. */
export interface GradcheckReport {
  ok: boolean;
  /** max |a − n| over all checked elements */
  maxAbsError: number;
  /** max |a − n| / max(|a|, |n|, 1e-8) */
  maxRelError: number;
  /** max |a − n| / (atol + rtol·|n|): the share of the tolerance used (ok ⇔ ≤ 1). */
  toleranceUsed: number;
  /** The element with the largest tolerance violation (or the largest error when all pass). */
  worst: GradcheckWorst | null;
  checked: number;
}

/**
 * Check the gradients of `fn` with respect to every input tensor.
 * Inputs must be float64 (use `.to("float64")`) unless `dtype: "float32"` is given; they are
 * copied, so the originals are untouched.
 *
 *   const r = gradcheck((a, b) => a.mul(b).sum(), [tensor([1, 2], f64), tensor([3, 4], f64)]);
 *   r.ok  // true
 *   gradcheck((x) => x.tanh(), [tensor([0.5, -1])], { dtype: "float32" }).ok  // true
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckReport {
  const dtype = options.dtype ?? "float64";
  if (dtype !== "float64" && dtype !== "float32") {
    throw new DTypeError(`gradcheck: dtype ${String(dtype)} is not "float64" or "float32"`);
  }
  const defaults = dtype === "float32" ? FLOAT32_TOLERANCES : FLOAT64_TOLERANCES;
  const eps = options.eps ?? defaults.eps;
  const atol = options.atol ?? defaults.atol;
  const rtol = options.rtol ?? defaults.rtol;
  const noise = options.noise ?? defaults.noise;
  inputs.forEach((t, i) => {
    if (dtype === "float64" && t.dtype !== "float64") {
      throw new DTypeError(
        `gradcheck: input ${i} is ${t.dtype}; finite differences need float64 (use .to("float64")) or the float32 mode ({ dtype: "float32" })`,
      );
    }
  });
  const xs = inputs.map((t) => {
    const copy = allocStorage(dtype, t.size);
    copy.set(t.data);
    return new Tensor(copy, t.shape.slice(), true);
  });
  const y0 = fn(...xs);
  if (!(y0 instanceof Tensor)) throw new ValueError("gradcheck: fn must return a Tensor");
  const rng = new Random(options.seed ?? 0);
  // r is stored in y's dtype, so the backward pass and the projection see the same numbers
  const r = allocStorage(y0.dtype, y0.size).map(() => 0.5 + rng.uniform());
  const project = (y: Tensor): number => {
    let s = 0;
    for (let i = 0; i < y.size; i++) s += y.data[i] * r[i];
    return s;
  };
  // S = Σ|y·r|, the scale of L: its rounding error in float32 is about ε·S
  let scale = 0;
  for (let i = 0; i < y0.size; i++) scale += Math.abs(y0.data[i] * r[i]);
  const roundingOfL = noise * (dtype === "float32" ? FLOAT32_EPSILON : Number.EPSILON) * scale;

  // analytic: one backward pass with upstream gradient r
  if (y0.requiresGrad) y0.backward(new Tensor(r.slice(), y0.shape));
  const analytic = xs.map((x) => (x.grad ? x.grad.data : new Float64Array(x.size)));

  const report: GradcheckReport = {
    ok: true,
    maxAbsError: 0,
    maxRelError: 0,
    toleranceUsed: 0,
    worst: null,
    checked: 0,
  };
  let worstExcess = -Infinity;
  noGrad(() => {
    xs.forEach((x, k) => {
      for (let i = 0; i < x.size; i++) {
        const saved = x.data[i];
        const h = dtype === "float32" ? eps * Math.max(1, Math.abs(saved)) : eps;
        x.data[i] = saved + h;
        const xPlus = x.data[i]; // read back: float32 storage rounds x + h
        const plus = project(fn(...xs));
        x.data[i] = saved - h;
        const xMinus = x.data[i];
        const minus = project(fn(...xs));
        x.data[i] = saved;
        const numeric = (plus - minus) / (xPlus - xMinus);
        const a = analytic[k][i];
        const absErr = Math.abs(a - numeric);
        const relErr = absErr / Math.max(Math.abs(a), Math.abs(numeric), 1e-8);
        const allowed = atol + rtol * Math.abs(numeric) + roundingOfL / (xPlus - xMinus);
        const excess = Number.isNaN(absErr) ? Infinity : absErr - allowed;
        report.checked++;
        report.maxAbsError = Math.max(report.maxAbsError, Number.isNaN(absErr) ? Infinity : absErr);
        report.maxRelError = Math.max(report.maxRelError, Number.isNaN(relErr) ? Infinity : relErr);
        report.toleranceUsed = Math.max(
          report.toleranceUsed,
          excess === Infinity ? Infinity : absErr / allowed,
        );
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
