// Using a loaded model file on raw data: apply the stored preprocessing, turn outputs into class
// probabilities (or values in the target's units, inverting a stored target scaling) as the
// stored loss implies, and score against targets. This is what `myelin predict` and
// `myelin evaluate` do; it needs no file system, so browsers can use it too.
// A row whose outputs are not all finite (NaN weights, overflow) has no class: it is marked, never
// argmax-ed into one.
import { noGrad } from "../autograd/no-grad.js";
import { preprocessorFromJSON, Standardizer } from "../data/preprocess.js";
import { ValueError } from "../errors.js";
import type { ModelMetadata } from "../io/model.js";
import type { Module } from "../nn/module.js";
import { softmax } from "../ops/softmax.js";
import { Tensor } from "../tensor/tensor.js";
import { resolveLoss, outputKind, LOSS_NAMES, type LossName } from "./loss-by-name.js";
import { confusionMatrix, mae, precisionRecallF1, r2, rmse } from "./metrics.js";
import { predict } from "./predict.js";

/**
 * x_raw [N, D] → the model's input: each stored feature preprocessor (metadata.preprocessing: one
 * toJSON() object, an array of them applied in order, or null) transforms x in turn.
 */
export function applyPreprocessing(meta: ModelMetadata, x: Tensor): Tensor {
  const stored = meta.preprocessing;
  if (stored === undefined || stored === null) return x;
  const steps = Array.isArray(stored) ? stored : [stored];
  let out = x;
  for (const step of steps) {
    const p = preprocessorFromJSON(step);
    if (p.toJSON().kind === "oneHot")
      throw new ValueError("applyPreprocessing: oneHot is a label encoding, not a feature step");
    out = (p as { transform(x: Tensor): Tensor }).transform(out);
  }
  return out;
}

/**
 * Regression outputs z [N, K] → values in the target's units: ŷ_k = z_k·σ_k + μ_k with the stored
 * metadata.targetScaling (a model file without one returns z as it is). Float64, so a large
 * target scale cannot overflow float32.
 */
export function invertTargetScaling(meta: ModelMetadata, z: Tensor): Tensor {
  const stored = meta.targetScaling;
  if (stored === undefined) return z;
  const scaler = Standardizer.fromJSON(stored);
  const n = z.shape[0];
  const k = n === 0 ? scaler.mean.length : z.size / n;
  if (k !== scaler.mean.length) {
    throw new ValueError(
      `model file: targetScaling has ${scaler.mean.length} target column(s) but the model gives ${k} output(s) per row`,
    );
  }
  const columns = new Tensor(Float64Array.from(z.data), [n, k]);
  return scaler.inverseTransform(columns).reshape(z.shape);
}

/**
 * What {@link predictWithMetadata} returns: classes and probabilities [N, C] for a classifier,
 * values in the target's units for a regressor; nonFiniteRows counts rows with NaN/Inf outputs.
 */
export type Prediction =
  | {
      task: "binary" | "multiclass";
      /** Predicted class per row, [N]; −1 for a row whose outputs are not all finite. */
      classes: Int32Array;
      /**
       * Row-major [N, C] class probabilities (softmax, or [1 − σ, σ] for one binary output);
       * NaN across a row without a class.
       */
      probabilities: Float64Array;
      numClasses: number;
      /** Rows whose outputs are not all finite (class −1). */
      nonFiniteRows: number;
    }
  | {
      task: "regression";
      values: Tensor;
      /** Rows with a NaN or ±Infinity among their values. */
      nonFiniteRows: number;
    };

function storedLoss(meta: ModelMetadata): LossName {
  const loss = meta.loss ?? (meta.task === "regression" ? "mse" : "crossEntropy");
  if (!(LOSS_NAMES as string[]).includes(loss))
    throw new ValueError(`model file: unknown loss "${loss}"`);
  return loss as LossName;
}

/** Outputs [N, C] or [N, 1] → probabilities [N, C'] (C' = 2 for a single binary output). */
function toProbabilities(out: Tensor, loss: LossName): { p: Float64Array; c: number } {
  const n = out.shape[0];
  const width = out.ndim === 2 ? out.shape[1] : 1;
  const kind = outputKind(loss);
  if (width === 1) {
    // one output: P(class 1) = σ(z) for logits, or the output itself for bce probabilities
    const p = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const z = out.data[i];
      const p1 = kind === "logits" ? 1 / (1 + Math.exp(-z)) : z;
      p[2 * i] = 1 - p1;
      p[2 * i + 1] = p1;
    }
    return { p, c: 2 };
  }
  // softmax over each row in float64 (ops/softmax.ts: max subtracted, exp never overflows); for
  // nll models, whose last layer is logSoftmax, this is exp(log p) renormalised to sum to 1
  const rows = new Tensor(Float64Array.from(out.data), [n, width]);
  const p = softmax(rows, 1).data as Float64Array;
  return { p, c: width };
}

/** A model file naming fewer classes than its outputs give would make predict invent the rest. */
function checkLabelCount(meta: ModelMetadata, c: number): void {
  const names = meta.labelNames;
  if (names !== undefined && names.length < c) {
    throw new ValueError(
      `model file: ${names.length} label name${names.length === 1 ? "" : "s"} (${names.map((n) => JSON.stringify(n)).join(", ")}) for ${c} classes; a classifier needs a name for each of at least 2 classes`,
    );
  }
}

/** finite[i] = 1 when every output of row i of out [N, …] is finite, else 0. */
function finiteRows(out: Tensor): Uint8Array {
  const n = out.shape[0];
  const width = n === 0 ? 0 : out.size / n;
  const finite = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) {
      if (!Number.isFinite(out.data[i * width + j])) {
        finite[i] = 0;
        break;
      }
    }
  }
  return finite;
}

function countZeros(mask: Uint8Array): number {
  let k = 0;
  for (const v of mask) if (v === 0) k++;
  return k;
}

/**
 * Predict raw rows x [N, D] with a loaded model: preprocessing, forward, probabilities. A row
 * whose outputs are not all finite gets class −1 and NaN probabilities (counted in
 * nonFiniteRows); the others get the argmax of their probabilities.
 */
export function predictWithMetadata(model: Module, meta: ModelMetadata, x: Tensor): Prediction {
  const raw = predict(model, applyPreprocessing(meta, x));
  const out = meta.task === "regression" ? invertTargetScaling(meta, raw) : raw;
  const finite = finiteRows(out);
  const nonFiniteRows = countZeros(finite);
  if (meta.task === "regression") return { task: "regression", values: out, nonFiniteRows };
  const { p, c } = toProbabilities(out, storedLoss(meta));
  checkLabelCount(meta, c);
  const classes = new Int32Array(out.shape[0]);
  for (let i = 0; i < classes.length; i++) {
    if (finite[i] === 0) {
      classes[i] = -1;
      p.fill(NaN, i * c, (i + 1) * c);
      continue;
    }
    let best = 0;
    for (let j = 1; j < c; j++) if (p[i * c + j] > p[i * c + best]) best = j;
    classes[i] = best;
  }
  return {
    task: meta.task ?? (c === 2 ? "binary" : "multiclass"),
    classes,
    probabilities: p,
    numClasses: c,
    nonFiniteRows,
  };
}

/** What {@link scoreWithMetadata} returns: the loss and the metrics that fit the task. */
export interface Scores {
  loss: number;
  accuracy?: number;
  macroF1?: number;
  /** confusion[t][p]: rows are true classes, columns predictions. */
  confusion?: number[][];
  mae?: number;
  rmse?: number;
  r2?: number;
  /**
   * Rows whose outputs are not all finite; present only when > 0. Such rows are in no confusion
   * cell, and accuracy and macro-F1 are then NaN: no score is claimed over them.
   */
  nonFiniteRows?: number;
}

/** Loss and metrics of a loaded model on raw rows x [N, D] with targets y (class indices or values). */
export function scoreWithMetadata(
  model: Module,
  meta: ModelMetadata,
  x: Tensor,
  y: Tensor,
): Scores {
  const loss = storedLoss(meta);
  const raw = predict(model, applyPreprocessing(meta, x));
  // regression: scored in the target's units (loss too), whatever the model was trained on
  const out = meta.task === "regression" ? invertTargetScaling(meta, raw) : raw;
  const lossValue = noGrad(() => resolveLoss(loss)(out, y).item());
  const finite = finiteRows(out);
  const bad = countZeros(finite);
  const counted = bad > 0 ? { nonFiniteRows: bad } : {};
  if (meta.task === "regression") {
    return { loss: lossValue, mae: mae(out, y), rmse: rmse(out, y), r2: r2(out, y), ...counted };
  }
  const { p, c } = toProbabilities(out, loss);
  checkLabelCount(meta, c);
  const numClasses = Math.max(c, meta.labelNames?.length ?? 0);
  const kept = bad > 0 ? finiteOnly(p, c, y, finite) : { p, y };
  const probs = new Tensor(kept.p, [kept.y.shape[0], c]);
  const confusion = confusionMatrix(probs, kept.y, numClasses);
  let hits = 0;
  for (let k = 0; k < numClasses; k++) hits += confusion[k][k];
  return {
    loss: lossValue,
    accuracy: bad > 0 ? NaN : hits / y.shape[0],
    macroF1: bad > 0 ? NaN : precisionRecallF1(probs, kept.y, numClasses).macroF1,
    confusion,
    ...counted,
  };
}

/** The rows of probabilities p [N, C] and targets y [N] whose outputs were finite. */
function finiteOnly(
  p: Float64Array,
  c: number,
  y: Tensor,
  finite: Uint8Array,
): { p: Float64Array; y: Tensor } {
  const rows: number[] = [];
  finite.forEach((ok, i) => ok && rows.push(i));
  const keptP = new Float64Array(rows.length * c);
  const keptY = new Float32Array(rows.length);
  rows.forEach((i, r) => {
    keptP.set(p.subarray(i * c, (i + 1) * c), r * c);
    keptY[r] = y.data[i];
  });
  return { p: keptP, y: new Tensor(keptY, [rows.length]) };
}
