// Setup (+ the user's CSV points) → the worker helper's TrainingJob, and the train/test points the
// views plot. The output head and loss follow the task: binary → 1 logit + "bceWithLogits",
// C classes → C logits + "crossEntropy", regression → 1 value + "mse". Not here: training (the
// worker does it) or drawing.
import { Random, type worker } from "../../src/index.js";
import { generatePoints } from "./data/datasets.js";
import { expandFeatures, inputNames, usableFeatures } from "./data/features.js";
import { numPoints, type PointSet } from "./data/point-set.js";
import type { ExtraFeature, OptimizerChoice, Setup } from "./setup.js";

/** The points of one side of the split, as the views draw them. */
export interface PlottedPoints {
  /** [n, dims] in [−1, 1]. */
  points: Float32Array;
  /** [n] class index or value. */
  targets: Float32Array;
}

export interface PlaygroundJob {
  job: worker.TrainingJob;
  /** All points, and the task, dims and classes they define. */
  set: PointSet;
  train: PlottedPoints;
  test: PlottedPoints;
  /** The extra features actually used (those that need x2 are dropped for a 1-D set). */
  features: ExtraFeature[];
  /** One name per network input. */
  inputNames: string[];
  /** Width of the output layer. */
  outputs: number;
}

/** Momentum for the "momentum" and "nesterov" choices (PyTorch's usual 0.9). */
export const MOMENTUM = 0.9;

/** The optimizer entry of a TrainingJob for the page's optimizer choice. */
export function optimizerSpec(
  choice: OptimizerChoice,
  lr: number,
): worker.TrainingJob["optimizer"] {
  switch (choice) {
    case "sgd":
      return { name: "sgd", lr };
    case "momentum":
      return { name: "sgd", lr, momentum: MOMENTUM };
    case "nesterov":
      return { name: "sgd", lr, momentum: MOMENTUM, nesterov: true };
    case "rmsprop":
    case "adagrad":
    case "adam":
    case "adamw":
      return { name: choice, lr };
    default:
      return choice satisfies never;
  }
}

/**
 * Split 0..n−1 at random (seeded): ⌈n·(1 − ratio)⌉ test rows, the rest train, each side ≥ 1 and
 * kept in increasing order so plots and batches do not depend on the permutation's order.
 */
function splitIndices(n: number, ratio: number, seed: number): { train: number[]; test: number[] } {
  const perm = Array.from(new Random(seed).permutation(n));
  const nTest = Math.min(n - 1, Math.max(1, Math.ceil(n * (1 - ratio) - 1e-9)));
  const byIndex = (a: number, b: number) => a - b;
  return { test: perm.slice(0, nTest).sort(byIndex), train: perm.slice(nTest).sort(byIndex) };
}

function pick(set: PointSet, rows: number[]): PlottedPoints {
  const points = new Float32Array(rows.length * set.dims);
  const targets = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    for (let j = 0; j < set.dims; j++) points[i * set.dims + j] = set.points[r * set.dims + j];
    targets[i] = set.targets[r];
  });
  return { points, targets };
}

function arrays(
  side: PlottedPoints,
  set: PointSet,
  features: ExtraFeature[],
): { x: worker.ArrayData; y: worker.ArrayData } {
  const n = side.targets.length;
  const width = set.dims + features.length;
  const yShape = set.task === "multiclass" ? [n] : [n, 1];
  return {
    x: { data: expandFeatures(side.points, set.dims, features), shape: [n, width] },
    y: { data: side.targets.slice(), shape: yShape },
  };
}

/** The head of the network and its loss for a task. */
function headFor(set: PointSet): { outputs: number; loss: string; metrics: string[] } {
  if (set.task === "binary") return { outputs: 1, loss: "bceWithLogits", metrics: ["accuracy"] };
  if (set.task === "multiclass") {
    return { outputs: set.classes, loss: "crossEntropy", metrics: ["accuracy"] };
  }
  return { outputs: 1, loss: "mse", metrics: [] };
}

/**
 * The training job for `setup`. With dataset "csv" the points come from `csv` (required then);
 * otherwise from the built-in generator. The split uses its own stream, seeded by setup.seed.
 */
export function buildJob(setup: Setup, csv?: PointSet): PlaygroundJob {
  let set: PointSet;
  if (setup.dataset === "csv") {
    if (csv === undefined) throw new Error("Pick or drop a CSV file first (x1, x2, target).");
    set = csv;
  } else {
    set = generatePoints(setup);
  }
  const split = splitIndices(numPoints(set), setup.trainRatio, setup.seed + 7919);
  const train = pick(set, split.train);
  const test = pick(set, split.test);
  const features = usableFeatures(setup.features, set.dims);
  const { outputs, loss, metrics } = headFor(set);
  const job: worker.TrainingJob = {
    network: {
      inFeatures: set.dims + features.length,
      hidden: [...setup.hidden],
      outFeatures: outputs,
      activation: setup.activation,
      batchNorm: setup.batchNorm,
      dropout: setup.dropout,
    },
    init: setup.init,
    seed: setup.seed,
    train: arrays(train, set, features),
    test: arrays(test, set, features),
    loss,
    optimizer: optimizerSpec(setup.optimizer, setup.learningRate),
    batchSize: setup.batchSize,
    metrics,
  };
  if (setup.l1 > 0) job.l1 = setup.l1;
  if (setup.l2 > 0) job.l2 = setup.l2;
  if (setup.clip === "norm") job.clipNorm = setup.clipValue;
  if (setup.clip === "value") job.clipValue = setup.clipValue;
  return { job, set, train, test, features, inputNames: inputNames(features, set.dims), outputs };
}
