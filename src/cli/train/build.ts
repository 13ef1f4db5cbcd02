// Train step 3 (build): choose the loss for the task, fit the feature scaler (and, for regression,
// the target scaler) on the training rows only, build the MLP with the task's output head and the
// chosen init, and write down the model file's metadata and the run's hyper-parameters. The fitted
// scalers are returned and used as they are: their JSON goes into the metadata for the file,
// never back through fromJSON during training.
import { data, io, train, Tensor, type nn } from "../../node/index.js";
import type { LoadedData } from "../data-source.js";
import { UsageError } from "../output.js";
import { earlyStoppingPatience } from "./early-stopping.js";
import type { TrainConfig } from "./flags.js";
import type { HyperParameters } from "./hyper-parameters.js";
import { fitFeatures, type FeaturePipeline } from "./features.js";
import { initialize } from "./initialize.js";
import { scheduleText } from "./schedule.js";
import type { Split } from "./split.js";

type Task = data.Dataset["task"];

/** A fitted feature scaler, or none. */
export type Scaler = FeaturePipeline | null;

export interface BuiltRun {
  model: nn.Module;
  /** Everything predict needs from the file (the training summary is added when writing). */
  meta: io.ModelMetadata;
  scaler: Scaler;
  /** Regression targets' z-score (training rows), or null: classification, --no-target-scaling. */
  targetScaler: data.Standardizer | null;
  hyper: HyperParameters;
}

export function buildRun(
  config: TrainConfig,
  loaded: LoadedData,
  split: Split,
  choices: { loss: train.LossName; backend: "js" | "wasm" },
): BuiltRun {
  const { loss, backend } = choices;
  const task = loaded.all.task;
  const scaler = fitFeatures(loaded, split.fit.x, (x) => fitScaler(config.preprocess, x));
  const targetScaler =
    task === "regression" && config["no-target-scaling"] !== true
      ? data.standardize(asColumns(split.fit.y))
      : null;
  const classes =
    task === "regression" ? 0 : (loaded.all.labelNames?.length ?? numClasses(loaded.all.y));
  const inFeatures = scaler?.outputWidth ?? split.fit.x.shape[1];
  const meta: io.ModelMetadata = {
    task,
    labelNames:
      loaded.all.labelNames ??
      (task === "regression" ? undefined : Array.from({ length: classes }, (_, c) => String(c))),
    featureNames:
      loaded.all.featureNames ?? Array.from({ length: inFeatures }, (_, j) => `x${j + 1}`),
    target: loaded.target,
    preprocessing: scaler ? scaler.toJSON() : null,
    ...(targetScaler ? { targetScaling: targetScaler.toJSON() } : {}),
    loss,
  };
  const targetWidth = split.fit.y.ndim === 2 ? split.fit.y.shape[1] : 1;
  const head = train.headFor(task, loss, classes, targetWidth);
  const model = train.mlp({
    inFeatures,
    hidden: config.layers,
    outFeatures: head.outFeatures,
    activation: config.activation,
    batchNorm: config["batch-norm"] === true,
    dropout: config.dropout,
    outputActivation: head.outputActivation,
  });
  initialize(model, config.init, config.activation);
  const hyper: HyperParameters = {
    layers: config.layers,
    activation: config.activation,
    loss,
    optimizer: config.optimizer,
    momentum: config.momentum ?? null,
    nesterov: config.nesterov === true,
    "weight-decay": config["weight-decay"] ?? null,
    init: config.init,
    schedule: scheduleText(config.schedule),
    lr: config.lr,
    epochs: config.epochs,
    "batch-size": config["batch-size"],
    "clip-norm": config["clip-norm"] ?? null,
    "clip-value": config["clip-value"] ?? null,
    l1: config.l1 ?? null,
    l2: config.l2 ?? null,
    "batch-norm": config["batch-norm"] === true,
    dropout: config.dropout,
    "validation-split": split.validationSplit,
    "test-split": split.testSplit,
    patience: earlyStoppingPatience(config, split),
    preprocess: config.preprocess,
    seed: config.seed,
    backend,
    "no-target-scaling": config["no-target-scaling"] === true,
    impute: config.impute ?? null,
    categorical: config.categorical?.split(",").filter((name) => name !== "") ?? null,
    delimiter: config.delimiter ?? null,
  };
  return { model, meta, scaler, targetScaler, hyper };
}

/** Fit --preprocess on the training features x [N, D]. */
function fitScaler(
  kind: TrainConfig["preprocess"],
  x: Tensor,
): data.Standardizer | data.MinMaxScaler | null {
  switch (kind) {
    case "standardize":
      return data.standardize(x);
    case "minmax":
      return data.minMax(x);
    case "none":
      return null;
    default:
      return kind satisfies never;
  }
}

/** The rows as the model sees them: x scaled by the fitted scaler, y unchanged. */
export function scaled(
  scaler: { transform(x: Tensor): Tensor } | null,
  rows: data.Dataset,
): data.Dataset {
  return scaler ? { ...rows, x: scaler.transform(rows.x) } : rows;
}

/**
 * The rows as the model trains on them: x scaled by the feature scaler; regression targets as
 * z-scores (y − μ)/σ when the run scales them (predict inverts this: inference.ts).
 */
export function modelRows(run: Pick<BuiltRun, "scaler" | "targetScaler">, rows: data.Dataset) {
  const out = scaled(run.scaler, rows);
  if (run.targetScaler === null) return out;
  const z = run.targetScaler.transform(asColumns(rows.y));
  return { ...out, y: new Tensor(z.data, rows.y.shape) };
}

/** y [N] as [N, 1] (a Standardizer needs columns); [N, K] as it is. */
function asColumns(y: Tensor): Tensor {
  return y.ndim === 1 ? new Tensor(y.data, [y.shape[0], 1]) : y;
}

/** --loss, checked against the task (before splitting, so a misfit fails fast), or its default. */
export function chooseLoss(name: string | undefined, task: Task): train.LossName {
  if (name === undefined) return train.defaultLoss(task);
  const allowed = train.TASK_LOSSES[task];
  const loss = allowed.find((l) => l === name);
  if (loss === undefined) {
    throw new UsageError(
      `--loss ${JSON.stringify(name)} does not fit a ${task} task; use one of ${allowed.join(", ")}`,
      "train",
    );
  }
  return loss;
}

/** C = max label + 1, for class-index targets without stored names (e.g. a generic IDX directory). */
function numClasses(y: { data: ArrayLike<number>; size: number }): number {
  let max = 1;
  for (let i = 0; i < y.size; i++) max = Math.max(max, y.data[i]);
  return max + 1;
}
