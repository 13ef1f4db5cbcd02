// The `worker` namespace: train a model in a Web Worker (or a worker_threads Worker) while the
// page stays responsive. The main thread calls trainInWorker; the worker script calls serveTraining.
export {
  type ArrayData,
  type TrainingJob,
  type EpochRecord,
  type Progress,
  type NonFiniteReport,
  type ErrorReport,
  type WorkerLike,
  type WorkerScopeLike,
  type MessageTarget,
} from "./protocol.js";
export { trainInWorker, type WorkerTraining, type TrainingHandlers } from "./train-in-worker.js";
export { serveTraining, type ServeHooks } from "./serve.js";
export { TrainingSession, type EpochOutcome } from "./session.js";
export { INIT_NAMES, type InitName } from "../nn/init-by-name.js";
export { resolveInit } from "./job.js";
export { METRIC_NAMES } from "./job.js";
