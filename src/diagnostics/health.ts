// healthCheck(): turns gradientFlow's records into plain warnings with the likely remedy, as data.
// It reads numbers only; it does not look at the model or change the run.
import type { FlowRecord, LayerFlow } from "./gradient-flow.js";

/** The problems {@link healthCheck} recognises in gradient-flow records. */
export type HealthKind = "vanishing" | "exploding" | "dead-relu" | "saturated";

/** One problem {@link healthCheck} found: its kind, layer, measurement and epoch. */
export interface HealthWarning {
  kind: HealthKind;
  /** The layer it is about ("layer 0 (Linear)"). */
  layer: string;
  /** One line: what was measured. */
  message: string;
  /** What usually fixes it. */
  remedy: string;
  /** The 1-based epoch of the first record that showed it. */
  epoch: number;
}

/** Thresholds of {@link healthCheck}. */
export interface HealthOptions {
  /** Vanishing when ‖∂L/∂W‖ of the first layer < vanishingRatio × the last layer's. Default 1e-4. */
  vanishingRatio?: number;
  /** Exploding when a layer's ‖∂L/∂W‖ grew ≥ explodingGrowth× within explodingWindow records. */
  explodingGrowth?: number;
  /**
   * Number of records the growth is measured over (default 10; explodingGrowth defaults to 1e3).
   */
  explodingWindow?: number;
  /** Dead when at least this fraction of a ReLU layer's units is 0 on every sample row. */
  deadFraction?: number;
  /** Saturated when at least this fraction of a layer's activations sit in the flat tails. */
  saturatedFraction?: number;
}

const DEFAULTS: Required<HealthOptions> = {
  vanishingRatio: 1e-4,
  explodingGrowth: 1e3,
  explodingWindow: 10,
  deadFraction: 0.5,
  saturatedFraction: 0.9,
};

/**
 * Warnings from gradientFlow records, each (kind, layer) once — at the first record showing it.
 * The rules, per record (defaults in parentheses):
 *
 *   vanishing  ‖∂L/∂W₁‖ < r·‖∂L/∂W_L‖ for the first and last Linear layers (r = 1e-4, ≥ 3 layers):
 *              the signal that reaches the first layer is too small for it to learn.
 *   exploding  some layer's ‖∂L/∂W‖ is ≥ g× its smallest value over the previous w records, and
 *              ≥ 1 (g = 1e3, w = 10), or it is not finite.
 *   dead-relu  ≥ d of a layer's units output 0 on every sample row (d = 0.5).
 *   saturated  ≥ s of a layer's activations are in the flat tails, |f′| ≲ 0.02 (s = 0.9). Not 0.5:
 *              a trained net uses tanh as a switch — the default `myelin train` spirals run
 *              (98 % test accuracy) ends with 71 % of its last hidden layer saturated.
 */
export function healthCheck(
  records: readonly FlowRecord[],
  options: HealthOptions = {},
): HealthWarning[] {
  const o = { ...DEFAULTS, ...options };
  const warnings: HealthWarning[] = [];
  const seen = new Set<string>();
  const add = (w: HealthWarning | null): void => {
    if (w === null || seen.has(`${w.kind} ${w.layer}`)) return;
    seen.add(`${w.kind} ${w.layer}`);
    warnings.push(w);
  };
  records.forEach((record, r) => {
    add(vanishing(record, o.vanishingRatio));
    for (const w of exploding(records, r, o)) add(w);
    for (const layer of record.layers) {
      add(dead(layer, record.epoch, o.deadFraction));
      add(saturated(layer, record.epoch, o.saturatedFraction));
    }
  });
  return warnings;
}

function vanishing(record: FlowRecord, ratio: number): HealthWarning | null {
  const { layers } = record;
  if (layers.length < 3) return null;
  const first = layers[0];
  const last = layers[layers.length - 1];
  if (!(last.gradNorm > 0) || !(first.gradNorm < ratio * last.gradNorm)) return null;
  return {
    kind: "vanishing",
    layer: first.layer,
    message: `${first.layer}'s gradients are ${sci(first.gradNorm / last.gradNorm)} of ${last.layer}'s: vanishing`,
    remedy: "try ReLU, batch norm or He initialization",
    epoch: record.epoch,
  };
}

function exploding(
  records: readonly FlowRecord[],
  r: number,
  o: Required<HealthOptions>,
): HealthWarning[] {
  const record = records[r];
  const window = records.slice(Math.max(0, r - o.explodingWindow), r);
  const out: HealthWarning[] = [];
  record.layers.forEach((layer, k) => {
    const earlier = window.map((w) => w.layers[k]?.gradNorm).filter((g) => g > 0);
    const smallest = Math.min(...earlier);
    const remedy = "try --clip-norm or a lower learning rate";
    if (!Number.isFinite(layer.gradNorm)) {
      const message = `${layer.layer}'s gradient norm is ${layer.gradNorm}: exploding`;
      out.push({ kind: "exploding", layer: layer.layer, message, remedy, epoch: record.epoch });
    } else if (
      earlier.length > 0 &&
      layer.gradNorm >= 1 &&
      layer.gradNorm >= o.explodingGrowth * smallest
    ) {
      const steps = record.step - window[0].step;
      const message = `${layer.layer}'s gradient norm grew ${sci(layer.gradNorm / smallest)}× in ${steps} steps: exploding`;
      out.push({ kind: "exploding", layer: layer.layer, message, remedy, epoch: record.epoch });
    }
  });
  return out;
}

function dead(layer: LayerFlow, epoch: number, fraction: number): HealthWarning | null {
  if (layer.dead === null || layer.dead < fraction || !/ReLU/i.test(layer.activation ?? "")) {
    return null;
  }
  return {
    kind: "dead-relu",
    layer: layer.layer,
    message: `${percent(layer.dead)} of ${layer.layer}'s ${layer.activation}s never fire on the sample`,
    remedy: "try a lower learning rate, LeakyReLU or He initialization",
    epoch,
  };
}

function saturated(layer: LayerFlow, epoch: number, fraction: number): HealthWarning | null {
  if (layer.saturated === null || layer.saturated < fraction) return null;
  return {
    kind: "saturated",
    layer: layer.layer,
    message: `${percent(layer.saturated)} of ${layer.layer}'s ${layer.activation} outputs are saturated (|f′| ≲ 0.02)`,
    remedy: "try smaller initial weights (Xavier), standardized inputs, batch norm or ReLU",
    epoch,
  };
}

function sci(v: number): string {
  return v >= 0.01 && v < 1000 ? v.toPrecision(2) : v.toExponential(0);
}

function percent(v: number): string {
  return `${Math.round(v * 100)}%`;
}
