// Offset-aware matrix kernels for the fused Linear stack (src/ops/linear-stack.ts),
// register-blocked: two rows × four units a pass, so each loaded value is used two or four times.
// They agree with the reference matmul (matmul.ts) up to the order of additions, and exist
// because the Backend interface takes no array offsets. dispatch.ts sends large layers to the
// active backend's matmul instead.
import type { Storage } from "../../tensor/dtype.js";

/**
 * Z = A·Wᵀ + b (a Linear layer's net input), rows of A from `aOff`, Z written from `zOff`.
 *   A: [N, D]   W: [H, D]   b: [H] or null   →  Z: [N, H]
 * Each dot product is summed in order over D in a JS number and stored, then the bias added
 * (two roundings, as matmul followed by add in the generic path). Two rows × four units a pass.
 */
export function linearForwardJs(
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
  const H4 = H - (H % 4);
  let n = 0;
  for (; n + 1 < N; n += 2) {
    const a0 = aOff + n * D;
    const a1 = a0 + D;
    const z0 = zOff + n * H;
    const z1 = z0 + H;
    let j = 0;
    for (; j < H4; j += 4) {
      const w0 = j * D;
      const w1 = w0 + D;
      const w2 = w1 + D;
      const w3 = w2 + D;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let p = 0; p < D; p++) {
        const u = a[a0 + p];
        const v = a[a1 + p];
        const x0 = W[w0 + p];
        const x1 = W[w1 + p];
        const x2 = W[w2 + p];
        const x3 = W[w3 + p];
        s00 += u * x0;
        s01 += u * x1;
        s02 += u * x2;
        s03 += u * x3;
        s10 += v * x0;
        s11 += v * x1;
        s12 += v * x2;
        s13 += v * x3;
      }
      z[z0 + j] = s00;
      z[z0 + j + 1] = s01;
      z[z0 + j + 2] = s02;
      z[z0 + j + 3] = s03;
      z[z1 + j] = s10;
      z[z1 + j + 1] = s11;
      z[z1 + j + 2] = s12;
      z[z1 + j + 3] = s13;
    }
    for (; j < H; j++) {
      const wj = j * D;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0; p < D; p++) {
        const x = W[wj + p];
        s0 += a[a0 + p] * x;
        s1 += a[a1 + p] * x;
      }
      z[z0 + j] = s0;
      z[z1 + j] = s1;
    }
    if (b !== null) {
      for (let k = 0; k < H; k++) {
        z[z0 + k] += b[k];
        z[z1 + k] += b[k];
      }
    }
  }
  if (n < N) forwardRow(a, aOff + n * D, W, b, z, zOff + n * H, D, H);
}

/** One row of linearForward: z[j] = Σ_p a[p]·W[j, p] (+ b[j]), four units a pass. */
function forwardRow(
  a: Storage,
  ai: number,
  W: Storage,
  b: Storage | null,
  z: Storage,
  zi: number,
  D: number,
  H: number,
): void {
  const H4 = H - (H % 4);
  let j = 0;
  for (; j < H4; j += 4) {
    const w0 = j * D;
    const w1 = w0 + D;
    const w2 = w1 + D;
    const w3 = w2 + D;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let p = 0; p < D; p++) {
      const v = a[ai + p];
      s0 += v * W[w0 + p];
      s1 += v * W[w1 + p];
      s2 += v * W[w2 + p];
      s3 += v * W[w3 + p];
    }
    z[zi + j] = s0;
    z[zi + j + 1] = s1;
    z[zi + j + 2] = s2;
    z[zi + j + 3] = s3;
  }
  for (; j < H; j++) {
    const wj = j * D;
    let s = 0;
    for (let p = 0; p < D; p++) s += a[ai + p] * W[wj + p];
    z[zi + j] = s;
  }
  if (b !== null) for (let k = 0; k < H; k++) z[zi + k] += b[k];
}

/**
 * dW = dZᵀ·A  and  db = Σ_n dZ[n, :] (both overwritten; either may be null).
 *   dZ: [N, H]   A: [N, D] (from aOff)   →  dW: [H, D]   db: [H]
 * dW[j, :] = Σ_n dZ[n, j]·A[n, :]: two units j × four samples n a pass.
 */
export function linearParamGradsJs(
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
    let j = 0;
    for (; j + 1 < H; j += 2) weightRows2(dZ, a, aOff, dW, j, N, D, H);
    if (j < H) weightRow(dZ, a, aOff, dW, j, N, D, H);
  }
  if (db !== null) {
    for (let j = 0; j < H; j++) db[j] = dZ[j];
    for (let n = 1; n < N; n++) {
      const zi = n * H;
      for (let j = 0; j < H; j++) db[j] += dZ[zi + j];
    }
  }
}

/** dW[j, :] and dW[j + 1, :] = Σ_n dZ[n, j or j + 1]·A[n, :] (overwritten). */
function weightRows2(
  dZ: Storage,
  a: Storage,
  aOff: number,
  dW: Storage,
  j: number,
  N: number,
  D: number,
  H: number,
): void {
  const wj = j * D;
  const wk = wj + D;
  const N4 = N - (N % 4);
  let n = 0;
  if (N4 === 0) {
    // fewer than four samples: the first one assigns (no zero fill)
    const g = dZ[j];
    const h = dZ[j + 1];
    for (let p = 0; p < D; p++) {
      const u = a[aOff + p];
      dW[wj + p] = g * u;
      dW[wk + p] = h * u;
    }
    n = 1;
  } else {
    for (let p = 0; p < D; p++) {
      dW[wj + p] = 0;
      dW[wk + p] = 0;
    }
  }
  for (; n < N4; n += 4) {
    const g0 = dZ[n * H + j];
    const g1 = dZ[(n + 1) * H + j];
    const g2 = dZ[(n + 2) * H + j];
    const g3 = dZ[(n + 3) * H + j];
    const h0 = dZ[n * H + j + 1];
    const h1 = dZ[(n + 1) * H + j + 1];
    const h2 = dZ[(n + 2) * H + j + 1];
    const h3 = dZ[(n + 3) * H + j + 1];
    const a0 = aOff + n * D;
    const a1 = a0 + D;
    const a2 = a1 + D;
    const a3 = a2 + D;
    for (let p = 0; p < D; p++) {
      const u0 = a[a0 + p];
      const u1 = a[a1 + p];
      const u2 = a[a2 + p];
      const u3 = a[a3 + p];
      dW[wj + p] += g0 * u0 + g1 * u1 + g2 * u2 + g3 * u3;
      dW[wk + p] += h0 * u0 + h1 * u1 + h2 * u2 + h3 * u3;
    }
  }
  for (; n < N; n++) {
    const g = dZ[n * H + j];
    const h = dZ[n * H + j + 1];
    const ai = aOff + n * D;
    for (let p = 0; p < D; p++) {
      const u = a[ai + p];
      dW[wj + p] += g * u;
      dW[wk + p] += h * u;
    }
  }
}

/** dW[j, :] = Σ_n dZ[n, j]·A[n, :] (overwritten), four samples a pass. */
function weightRow(
  dZ: Storage,
  a: Storage,
  aOff: number,
  dW: Storage,
  j: number,
  N: number,
  D: number,
  H: number,
): void {
  const wj = j * D;
  const N4 = N - (N % 4);
  let n = 0;
  if (N4 === 0) {
    const g = dZ[j];
    for (let p = 0; p < D; p++) dW[wj + p] = g * a[aOff + p];
    n = 1;
  } else {
    for (let p = 0; p < D; p++) dW[wj + p] = 0;
  }
  for (; n < N4; n += 4) {
    const g0 = dZ[n * H + j];
    const g1 = dZ[(n + 1) * H + j];
    const g2 = dZ[(n + 2) * H + j];
    const g3 = dZ[(n + 3) * H + j];
    const a0 = aOff + n * D;
    const a1 = a0 + D;
    const a2 = a1 + D;
    const a3 = a2 + D;
    for (let p = 0; p < D; p++) {
      dW[wj + p] += g0 * a[a0 + p] + g1 * a[a1 + p] + g2 * a[a2 + p] + g3 * a[a3 + p];
    }
  }
  for (; n < N; n++) {
    const g = dZ[n * H + j];
    const ai = aOff + n * D;
    for (let p = 0; p < D; p++) dW[wj + p] += g * a[ai + p];
  }
}

/**
 * dA = dZ·W  (overwritten).   dZ: [N, H]   W: [H, D]   →  dA: [N, D]
 * dA[n, :] = Σ_j dZ[n, j]·W[j, :]: two samples × four units a pass.
 */
export function linearInputGradJs(
  dZ: Storage,
  W: Storage,
  dA: Storage,
  N: number,
  D: number,
  H: number,
): void {
  const H4 = H - (H % 4);
  let n = 0;
  for (; n + 1 < N; n += 2) {
    const c0 = n * D;
    const c1 = c0 + D;
    const z0 = n * H;
    const z1 = z0 + H;
    for (let p = 0; p < D; p++) {
      dA[c0 + p] = 0;
      dA[c1 + p] = 0;
    }
    let j = 0;
    for (; j < H4; j += 4) {
      const g0 = dZ[z0 + j];
      const g1 = dZ[z0 + j + 1];
      const g2 = dZ[z0 + j + 2];
      const g3 = dZ[z0 + j + 3];
      const h0 = dZ[z1 + j];
      const h1 = dZ[z1 + j + 1];
      const h2 = dZ[z1 + j + 2];
      const h3 = dZ[z1 + j + 3];
      const w0 = j * D;
      const w1 = w0 + D;
      const w2 = w1 + D;
      const w3 = w2 + D;
      for (let p = 0; p < D; p++) {
        const x0 = W[w0 + p];
        const x1 = W[w1 + p];
        const x2 = W[w2 + p];
        const x3 = W[w3 + p];
        dA[c0 + p] += g0 * x0 + g1 * x1 + g2 * x2 + g3 * x3;
        dA[c1 + p] += h0 * x0 + h1 * x1 + h2 * x2 + h3 * x3;
      }
    }
    for (; j < H; j++) {
      const g = dZ[z0 + j];
      const h = dZ[z1 + j];
      const wj = j * D;
      for (let p = 0; p < D; p++) {
        const x = W[wj + p];
        dA[c0 + p] += g * x;
        dA[c1 + p] += h * x;
      }
    }
  }
  if (n < N) inputGradRow(dZ, n * H, W, dA, n * D, D, H);
}

/** One row of linearInputGrad: dA[ci + p] = Σ_j dZ[zi + j]·W[j, p], four units a pass. */
function inputGradRow(
  dZ: Storage,
  zi: number,
  W: Storage,
  dA: Storage,
  ci: number,
  D: number,
  H: number,
): void {
  const H4 = H - (H % 4);
  for (let p = 0; p < D; p++) dA[ci + p] = 0;
  let j = 0;
  for (; j < H4; j += 4) {
    const g0 = dZ[zi + j];
    const g1 = dZ[zi + j + 1];
    const g2 = dZ[zi + j + 2];
    const g3 = dZ[zi + j + 3];
    const w0 = j * D;
    const w1 = w0 + D;
    const w2 = w1 + D;
    const w3 = w2 + D;
    for (let p = 0; p < D; p++) {
      dA[ci + p] += g0 * W[w0 + p] + g1 * W[w1 + p] + g2 * W[w2 + p] + g3 * W[w3 + p];
    }
  }
  for (; j < H; j++) {
    const g = dZ[zi + j];
    const wj = j * D;
    for (let p = 0; p < D; p++) dA[ci + p] += g * W[wj + p];
  }
}
