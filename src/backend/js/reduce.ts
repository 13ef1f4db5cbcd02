// Reference reduction loops. A tensor reduced along one axis is viewed as [outer, n, inner].
import type { Storage } from "../../tensor/dtype.js";

/** out[o, i] = Σ_k x[o, k, i] */
export function sumAxis(x: Storage, out: Storage, outer: number, n: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    const ob = o * inner;
    for (let i = 0; i < inner; i++) out[ob + i] = 0;
    for (let k = 0; k < n; k++) {
      const row = base + k * inner;
      for (let i = 0; i < inner; i++) out[ob + i] += x[row + i];
    }
  }
}

/**
 * Arg-extreme along the axis: out[o, i] = index k of the max (sign = 1) or min (sign = −1)
 * of x[o, k, i]; the first index wins ties; NaN wins over numbers (propagates, as PyTorch).
 */
export function argExtremeAxis(
  x: Storage,
  out: Storage,
  outer: number,
  n: number,
  inner: number,
  sign: 1 | -1,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = 0;
      let bestV = x[base];
      for (let k = 1; k < n && bestV === bestV; k++) {
        const v = x[base + k * inner];
        if (v !== v || sign * (v - bestV) > 0) {
          best = k;
          bestV = v;
        }
      }
      out[o * inner + i] = best;
    }
  }
}
