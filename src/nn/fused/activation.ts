// The elementwise activations a fused Linear stack can run inline: their forward f and the
// derivative rule of backward, each with the same formula as the generic op it replaces
// (src/ops/unary.ts, src/activations/). Any other activation makes the stack fall back.
import { WASM_MIN_SIZE } from "../../backend/auto.js";
import type { ActivationKind } from "../../backend/backend.js";
import { activateRange } from "../../backend/js/activation.js";
import { getBackend } from "../../backend/registry.js";
import type { Storage } from "../../tensor/dtype.js";

export { tanhF32 } from "../../backend/js/activation.js";
/** Activation kinds the fused kernels know; "identity" covers nn.Identity and a bare Linear. */
export type { ActivationKind };

/** The smallest of the backend thresholds: below it, no lookup by kind at all. */
const MIN_BACKEND_SIZE = Math.min(...Object.values(WASM_MIN_SIZE.biasActivation));

export interface FusedActivation {
  kind: ActivationKind;
  /** LeakyReLU's negative slope (0 for the others). */
  slope: number;
}

/**
 * y[yOff + i] = f(z[zOff + i]) for i in [0, n) (z and y may be the same array and offset); the
 * loops are the js backend's reference ones (src/backend/js/activation.ts), or the active
 * backend's biasActivation kernel when it is not js and n reaches its measured threshold:
 *   tanh     y = tanh z (float32 results: tanhF32, within half an ulp of Math.tanh)
 *   sigmoid  y = 1/(1 + e^(−z)) for z ≥ 0, e^z/(1 + e^z) otherwise (e^(−z) never overflows)
 *   relu     y = max(0, z) (NaN stays NaN)
 *   leaky    y = z if z > 0, else slope·z
 */
export function activateForward(
  act: FusedActivation,
  z: Storage,
  zOff: number,
  y: Storage,
  yOff: number,
  n: number,
): void {
  // size checked first: below it no view is made and the backend is not consulted
  if (n >= MIN_BACKEND_SIZE && n >= WASM_MIN_SIZE.biasActivation[act.kind]) {
    const backend = getBackend();
    if (backend.name !== "js") {
      const zv = z.subarray(zOff, zOff + n);
      backend.biasActivation(zv, null, y.subarray(yOff, yOff + n), 1, n, act.kind, act.slope);
      return;
    }
  }
  activateRange(act.kind, act.slope, z, zOff, y, yOff, n);
}

/**
 * dZ[i] = dY[i] · f′(z) for i in [0, n), from the saved input z (at zOff) and output y (at yOff):
 *   tanh     f′ = 1 − y²          sigmoid  f′ = y(1 − y)
 *   relu     f′ = [z > 0]         leaky    f′ = 1 if z > 0, else slope        identity  f′ = 1
 * dY and dZ may be the same array (in place).
 */
export function activateBackward(
  act: FusedActivation,
  dY: Storage,
  z: Storage,
  zOff: number,
  y: Storage,
  yOff: number,
  dZ: Storage,
  n: number,
): void {
  switch (act.kind) {
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
    case "leakyRelu": {
      const s = act.slope;
      for (let i = 0; i < n; i++) dZ[i] = z[zOff + i] > 0 ? dY[i] : dY[i] * s;
      return;
    }
  }
}
