// The gradient-flow warnings of the page: the library's diagnostics.healthCheck run on the worker's
// per-epoch records, with the remedy worded for the page's controls (healthCheck names the CLI's
// --clip-norm flag). Pure numbers in, sentences out; no DOM here, so Node tests can call it.
import { diagnostics, type worker } from "../../../src/index.js";

/** The per-epoch numbers healthCheck reads; a worker.EpochRecord has them all. */
export type GradientRecord = Pick<worker.EpochRecord, "epoch" | "steps" | "gradNorms">;

export interface FlowWarning {
  kind: "vanishing" | "exploding";
  /** The layer named by the page's layer names ("Linear 1"). */
  layer: string;
  /** The 1-based epoch of the first record that showed it. */
  epoch: number;
  /** One plain sentence: what was measured, then what to try. */
  text: string;
}

/** What to try, in the page's words (its controls are activation, batch norm, init, lr, clipping). */
export const REMEDIES = {
  vanishing: "Try ReLU, batch norm, or He init.",
  exploding: "Lower the learning rate or turn on clipping.",
} as const;

/**
 * EpochRecord → the FlowRecord shape healthCheck reads. The worker records one mean ‖∂L/∂W‖₂ per
 * Linear layer and epoch, so each epoch is one record (step = optimizer steps so far); the
 * per-step fields healthCheck does not use for these two rules (update ratio, saturation, dead
 * units) are not measured by the worker and are left empty (NaN / null), which healthCheck skips.
 */
export function toFlowRecords(
  records: readonly GradientRecord[],
  layerNames: readonly string[],
): diagnostics.FlowRecord[] {
  return records.map((r) => ({
    epoch: r.epoch,
    batch: 0,
    step: r.steps,
    layers: r.gradNorms.map((gradNorm, k) => ({
      layer: layerNames[k] ?? `Linear ${k + 1}`,
      index: k,
      gradNorm,
      weightNorm: NaN,
      updateRatio: NaN,
      saturated: null,
      dead: null,
      activation: null,
    })),
  }));
}

/**
 * The library's rules, at its defaults (diagnostics.healthCheck):
 *   vanishing  ‖∂L/∂W₁‖ < 1e-4 · ‖∂L/∂W_L‖ (first vs last Linear, ≥ 3 Linear layers)
 *   exploding  a layer's ‖∂L/∂W‖ ≥ 1 and ≥ 1e3 × its smallest over the previous 10 records,
 *              or not finite
 * Each (kind, layer) once, at the first epoch showing it.
 */
export function flowWarnings(
  records: readonly GradientRecord[],
  layerNames: readonly string[],
): FlowWarning[] {
  const warnings: FlowWarning[] = [];
  for (const w of diagnostics.healthCheck(toFlowRecords(records, layerNames))) {
    if (w.kind !== "vanishing" && w.kind !== "exploding") continue;
    warnings.push({
      kind: w.kind,
      layer: w.layer,
      epoch: w.epoch,
      text: `${sentence(w.kind, w.message)} ${REMEDIES[w.kind]}`,
    });
  }
  return warnings;
}

function sentence(kind: FlowWarning["kind"], measured: string): string {
  const what =
    kind === "vanishing"
      ? "Gradients vanish: the first layer gets almost no learning signal"
      : "Gradients explode: updates grow out of control";
  return `${what} (${measured}).`;
}
