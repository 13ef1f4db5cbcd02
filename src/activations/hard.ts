// Piecewise-linear "hard" versions of sigmoid and tanh: cheap, bounded, with kinks where the
// linear middle meets the flat ends. Gradients are 0 at the kinks, as in PyTorch.
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { activationOp } from "./define.js";

/**
 * Hard sigmoid (torch.nn.functional.hardsigmoid).
 *   f(x) = 0 if x ≤ −3;  1 if x ≥ 3;  x/6 + ½ otherwise      range [0, 1]
 *   f′(x) = 1/6 if −3 < x < 3, else 0
 * (PyTorch 1.13's float64 backward uses the float32-rounded 1/6; this uses 1/6 exactly.)
 * Shape: any → same.
 */
export const hardSigmoid = activationOp(
  "hardSigmoid",
  (v) => (v <= -3 ? 0 : v >= 3 ? 1 : v / 6 + 0.5),
  (v) => (v > -3 && v < 3 ? 1 / 6 : 0),
);

/**
 * Hard tanh (torch.nn.functional.hardtanh), defaults minVal = −1, maxVal = 1.
 *   f(x) = min(max(x, minVal), maxVal)                range [minVal, maxVal]
 *   f′(x) = 1 if minVal < x < maxVal, else 0          (0 at the kinks, as PyTorch)
 * Throws ValueError unless minVal < maxVal (both finite numbers).
 * Shape: any → same.
 */
export function hardTanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  if (!Number.isFinite(minVal) || !Number.isFinite(maxVal) || !(minVal < maxVal)) {
    throw new ValueError(
      `hardTanh: need finite minVal < maxVal, got minVal=${String(minVal)}, maxVal=${String(maxVal)}`,
    );
  }
  const op = activationOp(
    "hardTanh",
    (v) => (v <= minVal ? minVal : v >= maxVal ? maxVal : v),
    (v) => (v > minVal && v < maxVal ? 1 : 0),
  );
  return op(x);
}
