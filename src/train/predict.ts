// predict() (logits, or probabilities on request), predictProba() and evaluate(): batched
// inference in eval mode without gradients.
import type { Module } from "../nn/module.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Logs } from "./callback.js";
import { checkXY, type XY } from "./batching.js";
import { evaluateWith, isLogitsLoss, predictBatched } from "./fit.js";
import { resolveLoss, type LossSpec } from "./loss-by-name.js";
import type { MetricName } from "./metrics.js";
import { checkTensorData, checkTensorInput } from "./tensor-inputs.js";
import { sigmoid } from "../activations/classic.js";
import { softmax } from "../ops/softmax.js";

/** Options of {@link evaluate}: the loss, the metrics to compute and the batch size. */
export interface EvaluateOptions {
  /** The loss to report, by name or as a function. */
  loss: LossSpec;
  /** Metrics to compute besides the loss (default none). */
  metrics?: MetricName[];
  /** Rows per forward pass. Default 256. */
  batchSize?: number;
}

/** Options of {@link predict}. */
export interface PredictOptions {
  /** Rows per forward pass. Default 256. */
  batchSize?: number;
  /**
   * false (default): the model's raw outputs — logits for a classifier trained with
   * crossEntropy or bceWithLogits. true: class probabilities (see predictProba).
   */
  probabilities?: boolean;
}

/**
 * The model's outputs for every row of x [N, D], computed in batches in eval mode without
 * gradients. By default these are the raw outputs — for a classifier, LOGITS z [N, C] (or [N, 1]),
 * not probabilities; pass { probabilities: true } (or call predictProba) for those:
 *   const z = train.predict(model, x);                          // logits
 *   const p = train.predict(model, x, { probabilities: true }); // rows sum to 1
 */
export function predict(model: Module, x: Tensor, options: PredictOptions = {}): Tensor {
  checkTensorInput("predict", x);
  const wasTraining = model.isTraining;
  model.eval();
  let out: Tensor;
  try {
    out = predictBatched(model, x, options.batchSize ?? 256);
  } finally {
    model.train(wasTraining);
  }
  return options.probabilities === true ? toProbabilities(model, out) : out;
}

/**
 * Class probabilities for every row of x:
 *   C ≥ 2 outputs   p = softmax(z) along the last axis      [N, C], rows sum to 1
 *   one output      p = σ(z), the probability of class 1    [N, 1]
 * A model whose last layer already is Softmax or Sigmoid is returned as is (LogSoftmax: exp), so
 * nothing is squashed twice.
 */
export function predictProba(
  model: Module,
  x: Tensor,
  options: { batchSize?: number } = {},
): Tensor {
  return predict(model, x, { ...options, probabilities: true });
}

function toProbabilities(model: Module, out: Tensor): Tensor {
  const last = lastLayer(model).typeName;
  if (last === "Softmax" || last === "Sigmoid") return out;
  if (last === "LogSoftmax") return out.exp();
  const width = out.ndim === 0 ? 1 : out.shape[out.ndim - 1];
  return width === 1 ? sigmoid(out) : softmax(out, -1);
}

/** The layer that produces the model's output: the last child of (nested) Sequentials. */
function lastLayer(model: Module): Module {
  let m = model;
  while (m.typeName === "Sequential") {
    const children = m.namedChildren();
    if (children.length === 0) break;
    m = children[children.length - 1][1];
  }
  return m;
}

/** Loss and metrics on a data set, e.g. { loss: 0.31, accuracy: 0.89 }. */
export function evaluate(model: Module, data: XY, options: EvaluateOptions): Logs {
  checkTensorData("evaluate", data, options);
  checkXY(data, "evaluate");
  return evaluateWith(
    model,
    data,
    resolveLoss(options.loss),
    options.metrics ?? [],
    options.batchSize ?? 256,
    { logits: isLogitsLoss(options.loss) },
  );
}
