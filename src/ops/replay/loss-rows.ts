// The losses a captured step supports, as loops over the output rows that give the loss value and
// ∂L/∂output with the same roundings, in the same order, as the uncaptured ops (losses/mse.ts,
// bce.ts, cross-entropy.ts with their default "mean" reduction, and the autograd chain behind
// them): each intermediate the generic path stores in a tensor is stored here in an array of the
// same dtype, and sums go through the same kernels.sumAxis calls. Not here: other reductions,
// weights, label smoothing (those run uncaptured).
import { kernels } from "../../backend/index.js";
import { allocStorage, type DType, type Storage } from "../../tensor/dtype.js";

/** The loss names a step can be captured with. */
export const CAPTURED_LOSSES = ["mse", "bce", "crossEntropy"] as const;
export type CapturedLossName = (typeof CAPTURED_LOSSES)[number];

export function isCapturedLoss(name: unknown): name is CapturedLossName {
  return (CAPTURED_LOSSES as readonly unknown[]).includes(name);
}

/** PyTorch's clamps, as bce.ts: each log at −100, x(1 − x) in the gradient at 1e-12. */
const LOG_FLOOR = -100;
const GRAD_EPS = 1e-12;

/**
 * A loss over outputs [N, C]: `targets` checks and takes the targets, `run` returns the loss
 * value (what loss.item() gives) and writes ∂L/∂output into dOut.
 */
export class LossRows {
  /** Per-element (or per-row) losses, the row sums and the scalar, in the model's dtype. */
  private readonly l: Storage;
  private readonly rowSums: Storage;
  private readonly total: Storage;
  /** Softmax − onehot per row (crossEntropy). */
  private readonly rowGrad: Storage;
  private readonly classes: Int32Array;
  /** c = 1/n rounded to the dtype: the "mean" factor (n = N·C, or N for crossEntropy). */
  private readonly c: number;
  private y: Storage | null = null;

  constructor(
    readonly name: CapturedLossName,
    readonly N: number,
    readonly C: number,
    readonly dtype: DType,
  ) {
    const perElement = name === "crossEntropy" ? N : N * C;
    this.l = allocStorage(dtype, perElement);
    this.rowSums = allocStorage(dtype, N);
    this.total = allocStorage(dtype, 1);
    this.rowGrad = allocStorage(dtype, name === "crossEntropy" ? N * C : 0);
    this.classes = new Int32Array(name === "crossEntropy" ? N : 0);
    const c = allocStorage(dtype, 1);
    c[0] = 1 / perElement;
    this.c = c[0];
  }

  /**
   * Take the targets for the next run: mse and bce N·C values of the model's dtype; crossEntropy
   * N class indices. False when the uncaptured loss would treat them otherwise (null, a length
   * that differs, an index that is not an integer in [0, C), e.g. ignoreIndex): the caller falls
   * back and gets the uncaptured answer or error.
   */
  targets(y: Storage | null): boolean {
    if (y === null) return false;
    if (this.name !== "crossEntropy") {
      if (y.length !== this.N * this.C) return false;
      this.y = y;
      return true;
    }
    if (y.length !== this.N) return false;
    for (let n = 0; n < this.N; n++) {
      const v = y[n];
      if (!(Number.isInteger(v) && v >= 0 && v < this.C)) return false;
      this.classes[n] = v;
    }
    return true;
  }

  /** Loss value and dOut = ∂L/∂out; NaN-free inputs outside bce's [0, 1] return null (fall back). */
  run(out: Storage, dOut: Storage): number | null {
    switch (this.name) {
      case "mse":
        return this.mse(out, this.y!, dOut);
      case "bce":
        return this.bce(out, this.y!, dOut);
      case "crossEntropy":
        return this.crossEntropy(out, dOut);
    }
  }

  /** mean of l: Σ over the class axis, then over rows (sumAll's axis order), times c. */
  private meanOfElements(): number {
    kernels.sumAxis(this.l, this.rowSums, this.N, this.C, 1);
    kernels.sumAxis(this.rowSums, this.total, 1, this.N, 1);
    this.total[0] *= this.c;
    return this.total[0];
  }

  /**
   *   d = x − y,  l = d²,  L = c·Σ l
   *   ∂L/∂x = (c·d)·2   (mean's backward c, then square's dY·x·2, each product stored)
   */
  private mse(x: Storage, y: Storage, dOut: Storage): number {
    const { l, c } = this;
    for (let i = 0; i < l.length; i++) {
      dOut[i] = x[i] - y[i]; // d, stored as sub's output is
      l[i] = dOut[i] * dOut[i];
    }
    const value = this.meanOfElements();
    for (let i = 0; i < l.length; i++) {
      dOut[i] = c * dOut[i];
      dOut[i] *= 2;
    }
    return value;
  }

  /**
   *   l = −(y·max(ln x, −100) + (1 − y)·max(ln(1 − x), −100)),  L = c·Σ l
   *   ∂L/∂x = c·(x − y) / max(x(1 − x), 1e-12)
   * An x outside [0, 1] (NaN included) returns null: bce's ValueError comes from the fallback.
   */
  private bce(x: Storage, y: Storage, dOut: Storage): number | null {
    const { l, c } = this;
    for (let i = 0; i < l.length; i++) {
      const p = x[i];
      if (!(p >= 0 && p <= 1)) return null;
      const t = y[i];
      l[i] = -(
        t * Math.max(Math.log(p), LOG_FLOOR) +
        (1 - t) * Math.max(Math.log1p(-p), LOG_FLOOR)
      );
    }
    const value = this.meanOfElements();
    for (let i = 0; i < l.length; i++) {
      const p = x[i];
      dOut[i] = (c * (p - y[i])) / Math.max(p * (1 - p), GRAD_EPS);
    }
    return value;
  }

  /**
   * crossEntropyRows gives l_n = −log softmax(x_n)[y_n] and g = softmax(x_n) − onehot(y_n);
   *   L = (Σ_n l_n) / N,   ∂L/∂x_n = (1/N)·g_n   (div's dY/N, then the rows' dY·g)
   */
  private crossEntropy(x: Storage, dOut: Storage): number {
    const { l, N, C, rowGrad, total } = this;
    kernels.crossEntropyRows(x, this.classes, l, rowGrad, N, C);
    kernels.sumAxis(l, total, 1, N, 1);
    total[0] = total[0] / N;
    const value = total[0];
    total[0] = 1 / N;
    const g = total[0];
    for (let i = 0; i < N * C; i++) dOut[i] = g * rowGrad[i];
    return value;
  }
}
