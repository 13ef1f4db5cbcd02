// Offset-aware matrix kernels for the fused Linear stack, register-blocked by 4 (four outputs or
// four rank-1 updates per pass, so each loaded value is used four times). The reference
// backend's kernel (src/backend/js/matmul.ts) is the oracle: these agree with it up to the
// order of float additions. They exist because that interface takes no array offsets.
// When another backend is active (wasm), the products go to it instead, through array views.
import { getBackend } from "../../backend/registry.js";
import type { Storage } from "../../tensor/dtype.js";

/**
 * Products of fewer multiply-adds stay in these kernels whatever the backend: below this, a
 * call into wasm (copies included) loses to them (measured with bench/micro/w1.ts --wasm: batch-1
 * layers of 256 multiply-adds ran faster here, the 4096 of a 16×16×16 layer faster in wasm).
 */
const MIN_BACKEND_WORK = 1024;

/** The active backend when it is not the js one and the product is large enough, else null. */
function otherBackend(work: number) {
  if (work < MIN_BACKEND_WORK) return null;
  const backend = getBackend();
  return backend.name === "js" ? null : backend;
}

/** x[off, off + n) as an array of its own (a view; no copy). */
function view(x: Storage, off: number, n: number): Storage {
  return off === 0 && x.length === n ? x : x.subarray(off, off + n);
}

/**
 * Z = A·Wᵀ + b (a Linear layer's net input), rows of A from `aOff`, Z written from `zOff`.
 *   A: [N, D]   W: [H, D]   b: [H] or null   →  Z: [N, H]
 * Each dot product is summed in order over D in a JS number and stored, then the bias added
 * (two roundings, as matmul followed by add in the generic path).
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
  const backend = otherBackend(N * D * H);
  if (backend !== null) {
    backend.matmul(view(a, aOff, N * D), W, view(z, zOff, N * H), N, D, H, false, true);
    if (b !== null) {
      for (let n = 0; n < N; n++) for (let k = 0; k < H; k++) z[zOff + n * H + k] += b[k];
    }
    return;
  }
  const H4 = H - (H % 4);
  for (let n = 0; n < N; n++) {
    const ai = aOff + n * D;
    const zi = zOff + n * H;
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
}

/**
 * dW = dZᵀ·A  and  db = Σ_n dZ[n, :] (both overwritten; either may be null).
 *   dZ: [N, H]   A: [N, D] (from aOff)   →  dW: [H, D]   db: [H]
 * dW[j, :] = Σ_n dZ[n, j]·A[n, :], four samples n per pass.
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
  const backend = otherBackend(N * D * H);
  if (dW !== null && backend !== null) {
    backend.matmul(dZ, view(a, aOff, N * D), dW, H, N, D, true, false);
  } else if (dW !== null) {
    const N4 = N - (N % 4);
    for (let j = 0; j < H; j++) {
      const wj = j * D;
      let n = 0;
      if (N4 === 0) {
        // fewer than 4 samples: the first one assigns, the rest add
        const g = dZ[j];
        for (let p = 0; p < D; p++) dW[wj + p] = g * a[aOff + p];
        n = 1;
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
        const first = n === 0;
        for (let p = 0; p < D; p++) {
          const t = g0 * a[a0 + p] + g1 * a[a1 + p] + g2 * a[a2 + p] + g3 * a[a3 + p];
          dW[wj + p] = first ? t : dW[wj + p] + t;
        }
      }
      for (; n < N; n++) {
        const g = dZ[n * H + j];
        const ai = aOff + n * D;
        for (let p = 0; p < D; p++) dW[wj + p] += g * a[ai + p];
      }
    }
  }
  if (db !== null) {
    for (let j = 0; j < H; j++) db[j] = dZ[j];
    for (let n = 1; n < N; n++) {
      const zi = n * H;
      for (let j = 0; j < H; j++) db[j] += dZ[zi + j];
    }
  }
}

/**
 * dA = dZ·W  (overwritten).   dZ: [N, H]   W: [H, D]   →  dA: [N, D]
 * dA[n, :] = Σ_j dZ[n, j]·W[j, :], four units j per pass.
 */
export function linearInputGrad(
  dZ: Storage,
  W: Storage,
  dA: Storage,
  N: number,
  D: number,
  H: number,
): void {
  const backend = otherBackend(N * D * H);
  if (backend !== null) {
    backend.matmul(dZ, W, dA, N, H, D, false, false);
    return;
  }
  const H4 = H - (H % 4);
  for (let n = 0; n < N; n++) {
    const ci = n * D;
    const zi = n * H;
    let j = 0;
    if (H4 === 0) for (let p = 0; p < D; p++) dA[ci + p] = 0;
    for (; j < H4; j += 4) {
      const g0 = dZ[zi + j];
      const g1 = dZ[zi + j + 1];
      const g2 = dZ[zi + j + 2];
      const g3 = dZ[zi + j + 3];
      const w0 = j * D;
      const w1 = w0 + D;
      const w2 = w1 + D;
      const w3 = w2 + D;
      const first = j === 0;
      for (let p = 0; p < D; p++) {
        const t = g0 * W[w0 + p] + g1 * W[w1 + p] + g2 * W[w2 + p] + g3 * W[w3 + p];
        dA[ci + p] = first ? t : dA[ci + p] + t;
      }
    }
    for (; j < H; j++) {
      const g = dZ[zi + j];
      const wj = j * D;
      for (let p = 0; p < D; p++) dA[ci + p] += g * W[wj + p];
    }
  }
}
