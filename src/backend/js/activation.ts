// Reference loops for activations and the maps the unary kernel offers, with array offsets (the
// fused Linear stack works inside one big array). Plain loops; the oracle for other backends.
import type { Storage } from "../../tensor/dtype.js";
import type { ActivationKind, UnaryKind } from "../backend.js";

const LN2_HI = 0.6931471803691238; // ln 2 split in two, so k·ln 2 is subtracted without error
const LN2_LO = 1.9082149292705877e-10;
/** 2^k for k in [−40, 23], indexed by k + 40. */
const POW2 = Float64Array.from({ length: 64 }, (_, k) => Math.pow(2, k - 40));

/**
 * tanh x for results stored in float32, ~1.7× faster than Math.tanh; relative error ≤ 3e-8
 * (half a float32 ulp), so after rounding it equals Math.tanh's float32 value or is 1 ulp away.
 *   |x| < 0.3:   tanh x = −m/(2 + m),  m = e^(−2|x|) − 1 by its Taylor series to degree 9
 *   |x| < 9.1:   tanh x = (1 − e)/(1 + e),  e = e^(−2|x|) = 2^k·e^q with |q| ≤ ln2/2, e^q by
 *                Taylor to degree 7 (error < 6e-9)
 *   otherwise:   ±1 (tanh 9.1 rounds to 1 in float32);  NaN stays NaN, ±0 stays ±0
 */
export function tanhF32(x: number): number {
  const a = Math.abs(x);
  let r: number;
  if (a < 0.3) {
    if (x === 0) return x;
    const t = -2 * a;
    const m =
      t *
      (1 +
        t *
          (1 / 2 +
            t *
              (1 / 6 +
                t *
                  (1 / 24 +
                    t *
                      (1 / 120 + t * (1 / 720 + t * (1 / 5040 + t * (1 / 40320 + t / 362880))))))));
    r = -m / (2 + m);
  } else if (a < 9.1) {
    const t = -2 * a;
    const k = Math.round(t * Math.LOG2E);
    const q = t - k * LN2_HI - k * LN2_LO;
    const eq =
      1 +
      q * (1 + q * (1 / 2 + q * (1 / 6 + q * (1 / 24 + q * (1 / 120 + q * (1 / 720 + q / 5040))))));
    const e = eq * POW2[k + 40];
    r = (1 - e) / (1 + e);
  } else {
    r = a === a ? 1 : NaN;
  }
  return x < 0 ? -r : r;
}

/**
 * y[yOff + i] = f(z[zOff + i]) for i in [0, n) (z and y may be the same array and offset):
 *   tanh     y = tanh z (float32 results: tanhF32, within half an ulp of Math.tanh)
 *   sigmoid  y = 1/(1 + e^(−z)) for z ≥ 0, e^z/(1 + e^z) otherwise (e^(−z) never overflows)
 *   relu     y = max(0, z) (NaN stays NaN)
 *   leaky    y = z if z > 0, else slope·z
 */
export function activateRange(
  kind: ActivationKind,
  slope: number,
  z: Storage,
  zOff: number,
  y: Storage,
  yOff: number,
  n: number,
): void {
  switch (kind) {
    case "identity":
      if (z !== y || zOff !== yOff) for (let i = 0; i < n; i++) y[yOff + i] = z[zOff + i];
      return;
    case "tanh":
      if (y instanceof Float32Array) for (let i = 0; i < n; i++) y[yOff + i] = tanhF32(z[zOff + i]);
      else for (let i = 0; i < n; i++) y[yOff + i] = Math.tanh(z[zOff + i]);
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const v = z[zOff + i];
        if (v >= 0) y[yOff + i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          y[yOff + i] = e / (1 + e);
        }
      }
      return;
    case "relu":
      for (let i = 0; i < n; i++) {
        const v = z[zOff + i];
        y[yOff + i] = v > 0 ? v : v === v ? 0 : v;
      }
      return;
    case "leakyRelu":
      for (let i = 0; i < n; i++) {
        const v = z[zOff + i];
        y[yOff + i] = v > 0 ? v : slope * v;
      }
      return;
  }
}

/** out[r, c] = f(x[r, c] + bias[c]): the sum is stored (rounded to out's type), then f applied. */
export function biasActivationJs(
  x: Storage,
  bias: Storage | null,
  out: Storage,
  rows: number,
  cols: number,
  act: ActivationKind,
  slope: number,
): void {
  const n = rows * cols;
  if (bias === null) {
    activateRange(act, slope, x, 0, out, 0, n);
    return;
  }
  for (let r = 0; r < n; r += cols) for (let c = 0; c < cols; c++) out[r + c] = x[r + c] + bias[c];
  activateRange(act, slope, out, 0, out, 0, n);
}

/** σ(v) = 1/(1 + e^(−v)), evaluated so that e^(−v) never overflows. */
function sigmoidScalar(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

/** max(0, v), NaN stays NaN. */
function reluScalar(v: number): number {
  return v > 0 ? v : v === v ? 0 : v;
}

/** out[i] = f(x[i]) with exp = Math.exp, tanh = Math.tanh, sigmoid and relu as above. */
export function unaryJs(kind: UnaryKind, x: Storage, out: Storage): void {
  const n = x.length;
  switch (kind) {
    case "exp":
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) out[i] = sigmoidScalar(x[i]);
      return;
    case "relu":
      for (let i = 0; i < n; i++) out[i] = reluScalar(x[i]);
      return;
  }
}

/**
 * dZ[i] = dY[i] · f′ for i in [0, n): the one derivative of each activation the kernels know,
 * used by the generic ops (src/ops/unary.ts) and the fused Linear stack alike. f′ comes from the
 * saved input z (at zOff) or output y (at yOff), whichever is cheaper and exact:
 *   tanh     f′ = 1 − y²          sigmoid  f′ = y(1 − y)
 *   relu     f′ = [z > 0]         leaky    f′ = 1 if z > 0, else slope        identity  f′ = 1
 * ([z > 0] is 0 at z = 0 and for NaN, as PyTorch; 0·dY keeps a NaN upstream gradient NaN.)
 * dY and dZ may be the same array (in place).
 */
export function activationGradRange(
  kind: ActivationKind,
  slope: number,
  dY: Storage,
  z: Storage,
  zOff: number,
  y: Storage,
  yOff: number,
  dZ: Storage,
  n: number,
): void {
  switch (kind) {
    case "identity":
      if (dZ !== dY) for (let i = 0; i < n; i++) dZ[i] = dY[i];
      return;
    case "tanh":
      for (let i = 0; i < n; i++) {
        const v = y[yOff + i];
        dZ[i] = dY[i] * (1 - v * v);
      }
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const v = y[yOff + i];
        dZ[i] = dY[i] * v * (1 - v);
      }
      return;
    case "relu":
      for (let i = 0; i < n; i++) dZ[i] = z[zOff + i] > 0 ? dY[i] : 0 * dY[i];
      return;
    case "leakyRelu":
      for (let i = 0; i < n; i++) dZ[i] = z[zOff + i] > 0 ? dY[i] : dY[i] * slope;
      return;
  }
}
