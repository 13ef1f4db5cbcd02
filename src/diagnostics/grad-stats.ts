// Gradient flow and activation health per layer: the numbers that make vanishing and exploding
// gradients, saturated units and dead ReLUs visible (the playground plots them per layer).
import { noGrad } from "../autograd/no-grad.js";
import type { Module } from "../nn/module.js";
import type { Tensor } from "../tensor/tensor.js";

/** One parameter's gradient at a glance, as {@link gradientNorms} returns it per parameter. */
export interface ParameterGradStats {
  name: string;
  shape: readonly number[];
  /** ‖∂L/∂θ‖₂ (0 when the parameter has no gradient yet). */
  gradNorm: number;
  /** ‖θ‖₂ */
  weightNorm: number;
  /** ‖∂L/∂θ‖₂ / ‖θ‖₂: the relative size of a plain gradient step (0 when ‖θ‖ = 0). */
  ratio: number;
  /** Any NaN or ±Infinity in the gradient. */
  nonFinite: boolean;
}

function norm2(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i] * data[i];
  return Math.sqrt(s);
}

/**
 * Per-parameter gradient norms after a backward pass, in parameter order:
 * in a deep sigmoid net the first layers' norms are orders of magnitude below the last ones'
 * (vanishing); in an exploding net they grow toward the input.
 */
export function gradientNorms(model: Module): ParameterGradStats[] {
  return model.namedParameters().map(([name, p]) => {
    const g = p.grad?.data;
    const gradNorm = g ? norm2(g) : 0;
    const weightNorm = norm2(p.data);
    return {
      name,
      shape: p.shape,
      gradNorm,
      weightNorm,
      ratio: weightNorm === 0 ? 0 : gradNorm / weightNorm,
      nonFinite: g ? !Number.isFinite(gradNorm) : false,
    };
  });
}

/** Output statistics of one layer of a Sequential on a batch, from {@link activationStats}. */
export interface LayerActivationStats {
  /** Position in the Sequential and the layer's type. */
  index: number;
  type: string;
  mean: number;
  std: number;
  /**
   * Fraction of outputs in the flat tails of a saturating activation: |y| > 0.99·bound for
   * tanh/softsign/hardtanh (bound 1), y < 0.01 or y > 0.99 for sigmoid/hardsigmoid; 0 otherwise.
   */
  saturated: number;
  /** Units (columns) that are exactly 0 for every sample of the batch: dead ReLUs. */
  deadUnits: number;
  units: number;
}

const SYMMETRIC = new Set(["Tanh", "Softsign", "Hardtanh"]);
const UNIT_INTERVAL = new Set(["Sigmoid", "Hardsigmoid"]);

/**
 * Run x through a Sequential-like model layer by layer (no gradients, current mode) and report
 * the distribution of each layer's output. x: [N, D].
 */
export function activationStats(model: Module, x: Tensor): LayerActivationStats[] {
  const layers = model.namedChildren().map(([, m]) => m);
  const stats: LayerActivationStats[] = [];
  noGrad(() => {
    let h = x;
    layers.forEach((layer, index) => {
      h = layer.forward(h);
      stats.push(describe(h, index, layer.typeName));
    });
  });
  return stats;
}

function describe(y: Tensor, index: number, type: string): LayerActivationStats {
  const d = y.data;
  const n = y.shape[0] ?? 1;
  const units = n === 0 ? 0 : d.length / n;
  let sum = 0;
  let sq = 0;
  let saturated = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    sum += v;
    sq += v * v;
    if (SYMMETRIC.has(type) && Math.abs(v) > 0.99) saturated++;
    else if (UNIT_INTERVAL.has(type) && (v < 0.01 || v > 0.99)) saturated++;
  }
  let deadUnits = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let r = 0; r < n && !alive; r++) alive = d[r * units + u] !== 0;
    if (!alive) deadUnits++;
  }
  const count = Math.max(d.length, 1);
  const mean = sum / count;
  return {
    index,
    type,
    mean,
    std: Math.sqrt(Math.max(sq / count - mean * mean, 0)),
    saturated: saturated / count,
    deadUnits,
    units,
  };
}
