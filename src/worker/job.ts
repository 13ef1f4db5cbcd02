// A TrainingJob checked and turned into the library's objects: tensors, the seeded model
// (train.mlp + init), the loss and the optimizer. Every problem is the library's typed error
// (ShapeError, ValueError) naming the job field. Not here: the training loop (session.ts).
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import type { Sequential } from "../nn/sequential.js";
import { fromData } from "../tensor/create.js";
import { globalRandom } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkXY, type XY } from "../train/batching.js";
import { resolveLoss, type LossFn, type LossName } from "../train/loss-by-name.js";
import type { MetricName } from "../train/metrics.js";
import { mlp } from "../train/mlp.js";
import { resolveOptimizer, type OptimizerLike } from "../train/optimizer-spec.js";
import {
  canonicalInit,
  initSpellings,
  initializeByName,
  type InitName,
} from "../nn/init-by-name.js";
import type { ArrayData, TrainingJob } from "./protocol.js";

/** The metric names a job may ask for (train.computeMetric's). */
export const METRIC_NAMES = [
  "accuracy",
  "topKAccuracy",
  "mae",
  "rmse",
  "r2",
  "macroF1",
] as const satisfies readonly MetricName[];

/** Everything a session trains with, built from one job. */
export interface BuiltJob {
  model: Sequential;
  lossFn: LossFn;
  optimizer: OptimizerLike;
  train: XY;
  test: XY | null;
  metrics: MetricName[];
}

/**
 * Check `job` and build its parts. The global generator is seeded with job.seed before the model
 * is drawn (as `seed(s); mlp(…)` would), so the same job gives the same initial weights.
 */
export function buildJob(job: TrainingJob): BuiltJob {
  if (typeof job !== "object" || job === null) throw new ValueError("worker: the job is missing");
  checkInteger(job.seed, "seed");
  checkInteger(job.batchSize, "batchSize", 1);
  for (const key of ["l1", "l2", "clipNorm", "clipValue"] as const) {
    const v = job[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      throw new ValueError(`worker: job.${key} must be a finite number ≥ 0, got ${String(v)}`);
  }
  const train = xyOf(job.train, "train");
  const test = job.test === undefined ? null : xyOf(job.test, "test");
  const inFeatures = job.network?.inFeatures;
  for (const [what, set] of [["train", train] as const, ["test", test] as const]) {
    if (set !== null && (set.x.ndim !== 2 || set.x.shape[1] !== inFeatures)) {
      throw new ShapeError(
        `worker: job.${what}.x is ${fmtShape(set.x.shape)} but the network takes [N, ${inFeatures}] (network.inFeatures)`,
      );
    }
  }
  if (typeof job.loss !== "string") throw new ValueError("worker: job.loss must be a loss name");
  const lossFn = resolveLoss(job.loss as LossName);
  const metrics = (job.metrics ?? []).map(metricName);
  const init = resolveInit(job.init ?? "default");
  globalRandom.seed(job.seed);
  const model = mlp(job.network);
  initializeByName(model, init, job.network.activation ?? "relu");
  const { name, ...options } = job.optimizer ?? { name: undefined };
  if (typeof name !== "string") throw new ValueError("worker: job.optimizer.name is missing");
  const optimizer = resolveOptimizer({ name, ...options }, model.parameters());
  return { model, lossFn, optimizer, train, test, metrics };
}

/** x and y of a job's train or test set as tensors, with matching row counts. */
function xyOf(set: { x: ArrayData; y: ArrayData } | undefined, what: string): XY {
  if (typeof set !== "object" || set === null)
    throw new ValueError(`worker: job.${what} must be { x, y }`);
  const xy = { x: tensorOf(set.x, `${what}.x`), y: tensorOf(set.y, `${what}.y`) };
  checkXY(xy, `worker: job.${what}`);
  return xy;
}

/** ArrayData → Tensor (sharing the Float32Array); its size must be the product of its shape. */
function tensorOf(a: ArrayData | undefined, what: string): Tensor {
  if (typeof a !== "object" || a === null || !(a.data instanceof Float32Array)) {
    throw new ValueError(`worker: job.${what} must be { data: Float32Array, shape: number[] }`);
  }
  const shape = Array.isArray(a.shape) ? a.shape : [];
  const size = shape.reduce((p, d) => p * d, 1);
  if (
    shape.length === 0 ||
    shape.some((d) => !Number.isInteger(d) || d < 0) ||
    size !== a.data.length
  ) {
    throw new ShapeError(
      `worker: job.${what} has ${a.data.length} numbers but shape ${fmtShape(shape)} (${size})`,
    );
  }
  return fromData(a.data, shape);
}

function metricName(name: string): MetricName {
  const known = METRIC_NAMES.find((m) => m === name);
  if (known === undefined) {
    throw new ValueError(
      `worker: unknown metric ${JSON.stringify(name)}; valid names: ${METRIC_NAMES.join(", ")}`,
    );
  }
  return known;
}

function checkInteger(v: unknown, what: string, min?: number): void {
  if (typeof v !== "number" || !Number.isInteger(v) || (min !== undefined && v < min)) {
    const bound = min === undefined ? "" : ` ≥ ${min}`;
    throw new ValueError(`worker: job.${what} must be an integer${bound}, got ${String(v)}`);
  }
}

/** The canonical init name of `name` ("He", "xavier_normal" …); unknown → ValueError listing them. */
export function resolveInit(name: string): InitName {
  const canonical = canonicalInit(name);
  if (canonical !== undefined) return canonical;
  throw new ValueError(
    `worker: unknown init ${JSON.stringify(name)}; valid names: ${initSpellings().join(", ")}`,
  );
}
