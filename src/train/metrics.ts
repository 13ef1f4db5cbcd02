// Metrics computed from predictions and targets (no gradients). Classification metrics take
// model outputs: [N, C] scores (logits or probabilities: argmax is the same) or [N]/[N, 1]
// binary probabilities (threshold 0.5; pass `logits: true` to threshold at 0 instead).
import { ShapeError, fmtShape } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";

/** Predicted class per sample: argmax over C, or the 0.5 threshold for a single output. */
export function predictedClasses(output: Tensor, options: { logits?: boolean } = {}): Int32Array {
  const n = output.shape[0] ?? 1;
  const out = new Int32Array(n);
  const c = output.ndim === 2 ? output.shape[1] : 1;
  const cut = options.logits ? 0 : 0.5;
  for (let i = 0; i < n; i++) {
    if (c === 1) {
      out[i] = output.data[i] > cut ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < c; j++) if (output.data[i * c + j] > output.data[i * c + best]) best = j;
    out[i] = best;
  }
  return out;
}

function labels(target: Tensor): Int32Array {
  return Int32Array.from(target.data, (v) => Math.round(v));
}

function checkRows(output: Tensor, target: Tensor, metric: string): void {
  if ((output.shape[0] ?? 1) !== (target.shape[0] ?? 1)) {
    throw new ShapeError(
      `${metric}: output ${fmtShape(output.shape)} and target ${fmtShape(target.shape)} have different numbers of samples`,
    );
  }
}

/** accuracy = (1/N) Σ [ŷ_n = y_n] */
export function accuracy(
  output: Tensor,
  target: Tensor,
  options: { logits?: boolean } = {},
): number {
  checkRows(output, target, "accuracy");
  const p = predictedClasses(output, options);
  const y = labels(target);
  let hits = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === y[i]) hits++;
  return p.length === 0 ? NaN : hits / p.length;
}

/** top-k accuracy: the true class is among the k highest scores. */
export function topKAccuracy(output: Tensor, target: Tensor, k = 5): number {
  checkRows(output, target, "topKAccuracy");
  const [n, c] = output.shape;
  const y = labels(target);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const s = output.data[i * c + y[i]];
    let higher = 0;
    for (let j = 0; j < c; j++) if (output.data[i * c + j] > s) higher++;
    if (higher < k) hits++;
  }
  return n === 0 ? NaN : hits / n;
}

/** confusion[t][p] = number of samples of true class t predicted as p. */
export function confusionMatrix(
  output: Tensor,
  target: Tensor,
  numClasses?: number,
  options: { logits?: boolean } = {},
): number[][] {
  checkRows(output, target, "confusionMatrix");
  const p = predictedClasses(output, options);
  const y = labels(target);
  // A loop, not Math.max(...y): spreading a large label array overflows the call stack.
  let k = numClasses ?? (output.ndim === 2 && output.shape[1] > 1 ? output.shape[1] : 2);
  if (numClasses === undefined) for (let i = 0; i < y.length; i++) k = Math.max(k, y[i] + 1);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < p.length; i++) if (y[i] >= 0 && y[i] < k) m[y[i]][p[i]]++;
  return m;
}

/**
 * What {@link precisionRecallF1} returns: per-class precision, recall, F1 and support, and macro-F1 = mean of F1.
 */
export interface ClassReport {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  macroF1: number;
}

/**
 * Per class c: precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R)
 * (0 where the denominator is 0, as scikit-learn's zero_division=0).
 */
export function precisionRecallF1(
  output: Tensor,
  target: Tensor,
  numClasses?: number,
  options: { logits?: boolean } = {},
): ClassReport {
  const m = confusionMatrix(output, target, numClasses, options);
  const k = m.length;
  const rep: ClassReport = { precision: [], recall: [], f1: [], support: [], macroF1: 0 };
  for (let c = 0; c < k; c++) {
    const tp = m[c][c];
    let fp = 0;
    let fn = 0;
    for (let j = 0; j < k; j++) {
      if (j !== c) {
        fp += m[j][c];
        fn += m[c][j];
      }
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    rep.precision.push(precision);
    rep.recall.push(recall);
    rep.f1.push(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
    rep.support.push(tp + fn);
  }
  rep.macroF1 = rep.f1.reduce((s, v) => s + v, 0) / Math.max(k, 1);
  return rep;
}

function pairs(
  output: Tensor,
  target: Tensor,
  metric: string,
): [ArrayLike<number>, ArrayLike<number>] {
  if (output.size !== target.size) {
    throw new ShapeError(
      `${metric}: output ${fmtShape(output.shape)} and target ${fmtShape(target.shape)} differ in size`,
    );
  }
  return [output.data, target.data];
}

/** MAE = (1/n) Σ |ŷ − y| */
export function mae(output: Tensor, target: Tensor): number {
  const [p, y] = pairs(output, target, "mae");
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - y[i]);
  return s / p.length;
}

/** RMSE = √((1/n) Σ (ŷ − y)²) */
export function rmse(output: Tensor, target: Tensor): number {
  const [p, y] = pairs(output, target, "rmse");
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return Math.sqrt(s / p.length);
}

/** R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² */
export function r2(output: Tensor, target: Tensor): number {
  const [p, y] = pairs(output, target, "r2");
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - p[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** A metric `fit`, `evaluate` and the CLI compute by name. */
export type MetricName = "accuracy" | "topKAccuracy" | "mae" | "rmse" | "r2" | "macroF1";

/** Compute a named scalar metric (used by fit/evaluate and the CLI). */
export function computeMetric(
  name: MetricName,
  output: Tensor,
  target: Tensor,
  options: { logits?: boolean } = {},
): number {
  switch (name) {
    case "accuracy":
      return accuracy(output, target, options);
    case "topKAccuracy":
      return topKAccuracy(output, target, 5);
    case "mae":
      return mae(output, target);
    case "rmse":
      return rmse(output, target);
    case "r2":
      return r2(output, target);
    case "macroF1":
      return precisionRecallF1(output, target, undefined, options).macroF1;
    default:
      return name satisfies never;
  }
}
