// gradientFlow(): a train.Callback that records, per Linear layer, how gradients and weights
// evolve during fit — the numbers healthCheck (health.ts) turns into warnings. It only reads the
// model; it never changes the run (same seed ⇒ same weights with or without it).
import { ValueError } from "../errors.js";
import type { Callback, TrainContext } from "../train/callback.js";
import type { Module } from "../nn/module.js";
import type { Tensor } from "../tensor/tensor.js";
import { activationStats, type LayerActivationStats } from "./grad-stats.js";

/** One Linear layer at one recorded step. JSON-able (non-finite numbers only if the guard is off). */
export interface LayerFlow {
  /** "layer 0 (Linear)": the position in the Sequential and the type. */
  layer: string;
  index: number;
  /** ‖∂L/∂W‖₂ of the weight matrix W, as the step used it (after clipping). Biases are left out. */
  gradNorm: number;
  /** ‖W‖₂ after the step. */
  weightNorm: number;
  /** ‖ΔW‖₂ / ‖W_before‖₂ over the step: ~1e-3 is healthy, ≫1e-2 too fast, ≪1e-5 stalled. */
  updateRatio: number;
  /**
   * Of the activation after this layer, on the fixed sample (null without a sample, or for the
   * output layer): the fraction of outputs in the flat tails where |f′| ≲ 0.02 (activationStats'
   * rule: |y| > 0.99 for tanh, y < 0.01 or y > 0.99 for sigmoid), and the fraction of units
   * that are 0 for every sample row (dead ReLUs).
   */
  saturated: number | null;
  dead: number | null;
  /** The activation's type ("Sigmoid", "ReLU"), or null. */
  activation: string | null;
}

/** What gradientFlow records at one step. */
export interface FlowRecord {
  /** 1-based epoch and batch, and the 1-based optimizer step counted over the run. */
  epoch: number;
  batch: number;
  step: number;
  layers: LayerFlow[];
}

/** Counts of all Linear weights in equal bins over [min, max]: at the start and the end of fit. */
export interface WeightHistogram {
  min: number;
  max: number;
  counts: number[];
}

/** Options of {@link gradientFlow}: how often to record, a sample batch, histogram bins. */
export interface GradientFlowOptions {
  /** Record every N optimizer steps. Default: once per epoch, at its last batch. */
  every?: number;
  /** A few training rows [N, D] on which to measure saturation and dead units (≤ 64 suffice). */
  sample?: Tensor;
  /** Bins of the weight histograms (default 30). */
  bins?: number;
}

/** The callback {@link gradientFlow} returns: pass it to fit, then read its records. */
export interface GradientFlowCallback extends Callback {
  readonly records: FlowRecord[];
  /** Histograms of every Linear weight when training began and when it ended (null until then). */
  readonly weightHistograms: { start: WeightHistogram | null; end: WeightHistogram | null };
}

interface LinearLayer {
  index: number;
  name: string;
  W: Tensor;
}

/**
 * Record per Linear layer: ‖∂L/∂W‖₂, ‖W‖₂, ‖ΔW‖₂/‖W‖₂ and (with a sample) saturation and dead
 * units. Hook: onBatchEnd runs after optimizer.step(), and the gradient stays in W.grad until the
 * next batch's zeroGrad, so the step's gradient is still there; W before the step is copied after
 * the previous step (or at the epoch's start) only when the coming step is one to record.
 *
 *   const flow = diagnostics.gradientFlow({ sample: x.slice(0, 0, 64) });
 *   await train.fit(model, { x, y }, { loss: "crossEntropy", callbacks: [flow] });
 *   diagnostics.healthCheck(flow.records);
 */
export function gradientFlow(options: GradientFlowOptions = {}): GradientFlowCallback {
  const every = options.every;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
    throw new ValueError(`gradientFlow: every must be a positive integer, got ${every}`);
  }
  const records: FlowRecord[] = [];
  const weightHistograms: GradientFlowCallback["weightHistograms"] = { start: null, end: null };
  let layers: LinearLayer[] = [];
  let before: Float32Array[] | null = null;
  let step = 0;
  let epoch = 0;
  const isRecorded = (s: number, batch: number, ctx: TrainContext): boolean =>
    every === undefined ? batch === ctx.batchesPerEpoch - 1 : s % every === 0;
  const snapshot = (): void => {
    before = layers.map((l) => Float32Array.from(l.W.data));
  };
  return {
    records,
    weightHistograms,
    onTrainBegin(ctx) {
      layers = linearLayers(ctx.model);
      weightHistograms.start = histogram(layers, options.bins ?? 30);
    },
    onEpochBegin(e, ctx) {
      epoch = e;
      if (isRecorded(step + 1, 0, ctx)) snapshot();
    },
    onBatchEnd(batch, _logs, ctx) {
      step++;
      if (isRecorded(step, batch, ctx) && before !== null) {
        records.push({
          epoch: epoch + 1,
          batch: batch + 1,
          step,
          layers: measure(ctx.model, layers, before, options.sample),
        });
        before = null;
      }
      if (isRecorded(step + 1, batch + 1, ctx)) snapshot();
    },
    onTrainEnd() {
      weightHistograms.end = histogram(layers, options.bins ?? 30);
    },
  };
}

/** The model's Linear layers, in order (a model that is not a Sequential counts as one layer). */
function linearLayers(model: Module): LinearLayer[] {
  const children = model.namedChildren().map(([, m]) => m);
  const modules = children.length > 0 ? children : [model];
  const out: LinearLayer[] = [];
  modules.forEach((m, index) => {
    const W = m.namedParameters().find(([n]) => n === "weight")?.[1];
    if (m.typeName === "Linear" && W) out.push({ index, name: `layer ${index} (Linear)`, W });
  });
  return out;
}

function measure(
  model: Module,
  layers: LinearLayer[],
  before: Float32Array[],
  sample: Tensor | undefined,
): LayerFlow[] {
  const acts = sample ? activationsOnSample(model, sample) : null;
  return layers.map((l, k) => {
    const act = acts ? activationAfter(acts, l.index, layers[k + 1]?.index) : null;
    const W0 = before[k];
    const g = l.W.grad?.data;
    return {
      layer: l.name,
      index: l.index,
      gradNorm: g ? norm2(g) : 0,
      weightNorm: norm2(l.W.data),
      updateRatio: distance(l.W.data, W0) / Math.max(norm2(W0), 1e-30),
      saturated: act ? act.saturated : null,
      dead: act ? act.deadUnits / Math.max(act.units, 1) : null,
      activation: act ? act.type : null,
    };
  });
}

/** activationStats in eval mode (dropout off, batch norm on running stats), mode restored. */
function activationsOnSample(model: Module, sample: Tensor): LayerActivationStats[] {
  const wasTraining = model.isTraining;
  model.eval();
  try {
    return activationStats(model, sample);
  } finally {
    model.train(wasTraining);
  }
}

const NOT_ACTIVATIONS = new Set(["Linear", "Dropout", "BatchNorm1d"]);

/** The activation between Linear `index` and the next Linear (none after the output layer). */
function activationAfter(
  acts: LayerActivationStats[],
  index: number,
  next: number | undefined,
): LayerActivationStats | null {
  const end = next ?? acts.length;
  for (let i = index + 1; i < end; i++) {
    if (!NOT_ACTIVATIONS.has(acts[i].type)) return acts[i];
  }
  return null;
}

function histogram(layers: LinearLayer[], bins: number): WeightHistogram {
  let min = Infinity;
  let max = -Infinity;
  for (const l of layers) {
    for (const v of l.W.data) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(max > min)) [min, max] = [Math.min(min, 0) - 1, Math.max(max, 0) + 1];
  const counts = new Array<number>(bins).fill(0);
  for (const l of layers) {
    for (const v of l.W.data) {
      if (!Number.isFinite(v)) continue;
      counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * bins)))]++;
    }
  }
  return { min, max, counts };
}

function norm2(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i] * data[i];
  return Math.sqrt(s);
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}
