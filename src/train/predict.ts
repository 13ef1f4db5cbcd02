// predict() and evaluate(): batched inference in eval mode without gradients.
import type { Module } from "../nn/module.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Logs } from "./callback.js";
import { checkXY, type XY } from "./batching.js";
import { evaluateWith, isLogitsLoss, predictBatched } from "./fit.js";
import { resolveLoss, type LossSpec } from "./loss-by-name.js";
import type { MetricName } from "./metrics.js";

export interface EvaluateOptions {
  loss: LossSpec;
  metrics?: MetricName[];
  batchSize?: number;
}

/** Model outputs for every row of x, computed in batches (default 256) in eval mode. */
export function predict(model: Module, x: Tensor, options: { batchSize?: number } = {}): Tensor {
  const wasTraining = model.isTraining;
  model.eval();
  try {
    return predictBatched(model, x, options.batchSize ?? 256);
  } finally {
    model.train(wasTraining);
  }
}

/** Loss and metrics on a data set, e.g. { loss: 0.31, accuracy: 0.89 }. */
export function evaluate(model: Module, data: XY, options: EvaluateOptions): Logs {
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
