// The NaN/Inf guard: look at the loss and every gradient after backward() and before step(), and
// refuse to update when any of them is not finite, so weights are never overwritten with NaN.
// It checks, it does not repair (no skipping or zeroing of bad gradients).
import { NonFiniteError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

/** Where the first non-finite value was found. */
export interface NonFiniteReport {
  where: "loss" | "gradient";
  /** Name of the parameter whose gradient holds it (where = "gradient"). */
  parameter?: string;
  /** Flat (row-major) element index inside the loss or the gradient. */
  index: number;
  /** The value: NaN, Infinity or -Infinity. */
  value: number;
}

/** NonFiniteError carrying the report; the message names the parameter and element. */
export class NonFiniteTrainingError extends NonFiniteError {
  override name = "NonFiniteTrainingError";
  readonly report: NonFiniteReport;

  constructor(report: NonFiniteReport, context: string) {
    const what = report.where === "loss" ? `loss` : `gradient of parameter "${report.parameter}"`;
    super(`${context}: non-finite ${what}: ${report.value} at element ${report.index}`);
    this.report = report;
  }
}

function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/**
 * null when the loss and every existing gradient are finite; otherwise the first offender:
 * the loss first, then the parameters in the order given. Parameters with grad null are skipped.
 */
export function checkFinite(
  loss: Tensor | number,
  namedParams: Iterable<readonly [string, Tensor]>,
): NonFiniteReport | null {
  const lossData = typeof loss === "number" ? [loss] : loss.data;
  const k = firstNonFinite(lossData);
  if (k >= 0) return { where: "loss", index: k, value: lossData[k] };
  for (const [name, p] of namedParams) {
    if (p.grad === null) continue;
    const i = firstNonFinite(p.grad.data);
    if (i >= 0) return { where: "gradient", parameter: name, index: i, value: p.grad.data[i] };
  }
  return null;
}

/** checkFinite, throwing NonFiniteTrainingError (a NonFiniteError) instead of returning a report. */
export function assertFinite(
  loss: Tensor | number,
  namedParams: Iterable<readonly [string, Tensor]>,
  context = "assertFinite",
): void {
  const report = checkFinite(loss, namedParams);
  if (report !== null) throw new NonFiniteTrainingError(report, context);
}

/**
 * `optimizer.step()` only when the loss and all gradients are finite; otherwise throws
 * NonFiniteTrainingError before any weight or optimizer state is touched. `namedParams` defaults
 * to the optimizer's parameters named "params[0]", "params[1]", …; pass model.namedParameters()
 * for real names. Finite gradients with finite hyper-parameters can still overflow in extreme
 * cases (|θ| near the float maximum); this guard does not check the weights after the step.
 */
export function guardedStep(
  optimizer: { step(): void; readonly params: readonly Tensor[] },
  loss: Tensor | number,
  namedParams?: Iterable<readonly [string, Tensor]>,
): void {
  const named = namedParams ?? optimizer.params.map((p, i) => [`params[${i}]`, p] as const);
  assertFinite(loss, named, "guardedStep");
  optimizer.step();
}
