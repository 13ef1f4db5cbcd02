// Reference matrix product: C = op(A)·op(B), op(X) ∈ {X, Xᵀ}, without materialising transposes.
// Loop order i-p-j keeps the inner loop contiguous in B and C for the common (no-transpose) case.
import type { Storage } from "../../tensor/dtype.js";

export function matmulJs(
  a: Storage,
  b: Storage,
  c: Storage,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  c.fill(0, 0, m * n);
  // No skipping of zero factors: IEEE 0·∞ = NaN and 0·NaN = NaN must reach C (the NaN guard relies
  // on non-finite inputs showing up in gradients).
  if (!transB) {
    // C[i, :] += op(A)[i, p] · B[p, :]
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
    return;
  }
  // B stored [n, k]: C[i, j] = Σ_p op(A)[i, p] · B[j, p] (dot products of contiguous rows)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      const bj = j * k;
      if (transA) for (let p = 0; p < k; p++) s += a[p * m + i] * b[bj + p];
      else {
        const ai = i * k;
        for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      }
      c[i * n + j] = s;
    }
  }
}
