// The NaN/Inf guard: look at the loss and every gradient after backward() and before step(), and
// refuse to update when any of them is not finite; then look at the weights after the step, since
// finite gradients times a huge rate still overflow (sgd, lr 1e300). It checks, it does not
// repair (no skipping or zeroing of bad gradients); fit() restores the weights, see fit.ts.
import { NonFiniteError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

/** Where the first non-finite value was found. */
export interface NonFiniteReport {
  /** "weight": a parameter (or buffer) itself, found after the optimizer step. */
  where: "loss" | "gradient" | "weight";
  /** Name of the parameter whose gradient (or value, for "weight") holds it. */
  parameter?: string;
  /** Where = "weight": the parameter in words, "layer 0 (Linear) weight". */
  layer?: string;
  /** Flat (row-major) element index inside the loss, the gradient or the weight. */
  index: number;
  /** The value: NaN, Infinity or -Infinity. */
  value: number;
  /** Where = "weight": the 1-based epoch and batch of the step that produced it. */
  epoch?: number;
  batch?: number;
  /**
   * Where = "loss" or "gradient", when the caller could re-run the batch (fit does): the first
   * layer and op that produced a non-finite value (diagnostics.explainNaN).
   */
  origin?: NonFiniteOrigin;
}

/**
 * The first place a non-finite value appeared, found by re-running the failing batch.
 * "forward": the first leaf layer (in forward order) whose output is not finite although its
 * input is. "backward" (the forward was finite): the first graph node, in backward order, whose
 * gradient for one of its inputs is not finite although the gradient it received is.
 */
export interface NonFiniteOrigin {
  phase: "forward" | "backward";
  /** The layer in words: "layer 3 (Linear)", "layer 2.1 (Tanh)", "the loss", "the input batch". */
  layer: string;
  /** Dotted module path ("3", "2.1"); absent for the loss and the input. */
  path?: string;
  /** The op whose output (forward) or input gradient (backward) is the first non-finite one. */
  op?: string;
  /** Largest finite |value| of the layer's input and output (forward values). */
  inputMaxAbs: number;
  outputMaxAbs: number;
  /** Backward: largest |value| of the finite gradient the op received. */
  gradMaxAbs?: number;
  /** ‖θ‖₂ over the layer's own parameters (absent when it has none). */
  weightNorm?: number;
  /** The same norm at an earlier point the caller kept weights from, and that point in words. */
  weightNormBefore?: number;
  before?: string;
  /** One line: "layer 3 (Linear) forward: op matmul produced Infinity; …". */
  message: string;
}

/** NonFiniteError carrying the report; the message names the parameter and element. */
export class NonFiniteTrainingError extends NonFiniteError {
  /** "NonFiniteTrainingError", as `err.name` and stack traces show it. */
  override name = "NonFiniteTrainingError";
  readonly report: NonFiniteReport;

  /** `after` (optional) is appended: what state the caller left things in. */
  constructor(report: NonFiniteReport, context: string, after?: string) {
    const what =
      report.where === "loss"
        ? `loss`
        : report.where === "gradient"
          ? `gradient of parameter "${report.parameter}"`
          : `weight in ${report.layer ?? "parameter"} ("${report.parameter}") after the optimizer step`;
    const origin =
      report.origin === undefined ? "" : `; first non-finite: ${report.origin.message}`;
    const tail = after === undefined ? "" : `; ${after}`;
    super(
      `${context}: non-finite ${what}: ${report.value} at element ${report.index}${origin}${tail}`,
    );
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

/**
 * checkFinite, throwing NonFiniteTrainingError (a NonFiniteError) instead of returning a report.
 * `explain` (optional) runs only on failure; what it returns becomes the report's origin
 * (fit passes diagnostics.explainNaN on the failing batch).
 */
export function assertFinite(
  loss: Tensor | number,
  namedParams: Iterable<readonly [string, Tensor]>,
  context = "assertFinite",
  explain?: () => NonFiniteOrigin | null,
): void {
  const report = checkFinite(loss, namedParams);
  if (report === null) return;
  const origin = explain?.() ?? null;
  if (origin !== null) report.origin = origin;
  throw new NonFiniteTrainingError(report, context);
}

/**
 * null when every value of every tensor is finite; otherwise the first offender as a "weight"
 * report (parameter = its name). One pass over the data; meant for after optimizer.step().
 */
export function checkFiniteWeights(
  named: Iterable<readonly [string, Tensor]>,
): NonFiniteReport | null {
  for (const [name, t] of named) {
    const data = t.data;
    // x − x is 0 for finite x and NaN for NaN and ±Infinity: one subtraction per element
    let probe = 0;
    for (let i = 0; i < data.length; i++) probe += data[i] - data[i];
    if (probe === 0) continue;
    const i = firstNonFinite(data);
    return { where: "weight", parameter: name, index: i, value: data[i] };
  }
  return null;
}

/**
 * `optimizer.step()` only when the loss and all gradients are finite; otherwise throws
 * NonFiniteTrainingError before any weight or optimizer state is touched. `namedParams` defaults
 * to the optimizer's parameters named "params[0]", "params[1]", …; pass model.namedParameters()
 * for real names. Finite gradients with finite hyper-parameters can still overflow in extreme
 * cases (|θ| near the float maximum); this guard does not check the weights after the step
 * (fit does, with checkFiniteWeights).
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
