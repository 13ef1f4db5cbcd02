// Offset-aware matrix kernels for the fused Linear stack. Each mirrors the loop order of the
// reference backend (src/backend/js/matmul.ts), so a fused step rounds exactly as the generic
// path on the js backend; they exist only because that interface takes no array offsets.
// Not here: large products, which go to the active backend (see linear-stack.ts).
import type { Storage } from "../../tensor/dtype.js";

/**
 * Z = A·Wᵀ + b (a Linear layer's net input), rows of A from `aOff`, Z written from `zOff`.
 *   A: [N, D]   W: [H, D]   b: [H] or null   →  Z: [N, H]
 * Each dot product is summed in a JS number, stored, then the bias added (two roundings, as
 * matmul followed by add).
 */
export function linearForward(
  a: Storage,
  aOff: number,
  W: Storage,
  b: Storage | null,
  z: Storage,
  zOff: number,
  N: number,
  D: number,
  H: number,
): void {
  for (let n = 0; n < N; n++) {
    const ai = aOff + n * D;
    const zi = zOff + n * H;
    for (let j = 0; j < H; j++) {
      const wj = j * D;
      let s = 0;
      for (let p = 0; p < D; p++) s += a[ai + p] * W[wj + p];
      z[zi + j] = s;
    }
    if (b !== null) for (let j = 0; j < H; j++) z[zi + j] += b[j];
  }
}

/**
 * dW = dZᵀ·A  and  db = Σ_n dZ[n, :] (both overwritten; db may be null).
 *   dZ: [N, H]   A: [N, D] (from aOff)   →  dW: [H, D]   db: [H]
 * Accumulates in the output arrays in the reference kernel's order (i-p-j; zero dZ skipped).
 */
export function linearParamGrads(
  dZ: Storage,
  a: Storage,
  aOff: number,
  dW: Storage | null,
  db: Storage | null,
  N: number,
  D: number,
  H: number,
): void {
  if (dW !== null) {
    dW.fill(0);
    for (let j = 0; j < H; j++) {
      const wj = j * D;
      for (let n = 0; n < N; n++) {
        const g = dZ[n * H + j];
        if (g === 0) continue;
        const ai = aOff + n * D;
        for (let p = 0; p < D; p++) dW[wj + p] += g * a[ai + p];
      }
    }
  }
  if (db !== null) {
    db.fill(0);
    for (let n = 0; n < N; n++) {
      const zi = n * H;
      for (let j = 0; j < H; j++) db[j] += dZ[zi + j];
    }
  }
}

/**
 * dA = dZ·W  (overwritten).   dZ: [N, H]   W: [H, D]   →  dA: [N, D]
 * Reference order: for each row, dA[n, :] += dZ[n, j] · W[j, :], zero dZ skipped.
 */
export function linearInputGrad(
  dZ: Storage,
  W: Storage,
  dA: Storage,
  N: number,
  D: number,
  H: number,
): void {
  dA.fill(0, 0, N * D);
  for (let n = 0; n < N; n++) {
    const ci = n * D;
    for (let j = 0; j < H; j++) {
      const g = dZ[n * H + j];
      if (g === 0) continue;
      const wj = j * D;
      for (let p = 0; p < D; p++) dA[ci + p] += g * W[wj + p];
    }
  }
}
