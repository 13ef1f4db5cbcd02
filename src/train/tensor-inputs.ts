// The guard in front of fit / evaluate / predict: their data must be tensors. Plain arrays (the
// brain.js / Keras habit: fit(model, [[0, 0], [0, 1]], [0, 1])) are refused with a ValueError that
// shows the right call, instead of failing somewhere inside on a missing .shape.
import { ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";

/** train.fit(model, { x: tensor(x), y: tensor(y) }, { loss: "…" }), with the loss given if any. */
function rightCall(who: "fit" | "evaluate", options: unknown): string {
  const loss = (options as { loss?: unknown } | null)?.loss;
  const shown = typeof loss === "string" ? JSON.stringify(loss) : '"crossEntropy"';
  return `train.${who}(model, { x: tensor(x), y: tensor(y) }, { loss: ${shown} }) — x [N, D] float32 rows; y [N] class indices (crossEntropy) or [N, K] targets (mse, bce)`;
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return "a plain array";
  if (v === null) return "null";
  return typeof v === "object" ? "an object that is not a Tensor" : `a ${typeof v}`;
}

/**
 * Throws ValueError unless `data` is { x: Tensor, y: Tensor }. `options` is the caller's third
 * argument, used only to show the loss in the right call (fit(model, xs, ys) puts ys there).
 */
export function checkTensorData(who: "fit" | "evaluate", data: unknown, options: unknown): void {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new ValueError(
      `${who}: expected the data as { x, y } tensors, got ${kindOf(data)}; call ${rightCall(who, options)}`,
    );
  }
  for (const key of ["x", "y"] as const) {
    const v = (data as Record<string, unknown>)[key];
    if (v === undefined) {
      throw new ValueError(`${who}: ${key} is missing; call ${rightCall(who, options)}`);
    }
    if (!(v instanceof Tensor)) {
      throw new ValueError(`${who}: ${key} is ${kindOf(v)}; call ${rightCall(who, options)}`);
    }
  }
}

/** Throws ValueError unless x is a Tensor (predict's input). */
export function checkTensorInput(who: string, x: unknown): void {
  if (!(x instanceof Tensor)) {
    throw new ValueError(`${who}: x is ${kindOf(x)}; call ${who}(model, tensor(x)) with x [N, D]`);
  }
}
