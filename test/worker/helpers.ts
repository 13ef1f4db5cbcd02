// Shared by the worker tests (src/worker/*.test.ts): the playground's default task as a
// TrainingJob, and serveTraining + trainInWorker joined by a MessageChannel in this thread.
import { MessageChannel } from "node:worker_threads";
import { data, worker, type nn } from "../../src/index.js";

/** Circles (200 points, seed 1), first half train, second half test — the playground's default data. */
export function circlesData(): {
  train: worker.TrainingJob["train"];
  test: worker.TrainingJob["train"];
} {
  const ds = data.circles({ n: 200, noise: 0.1, seed: 1 });
  const shuffled = data.shuffle(ds, { seed: 1 });
  const x = Float32Array.from(shuffled.x.data);
  const y = Float32Array.from(shuffled.y.data);
  const half = (a: Float32Array, width: number, first: boolean): Float32Array =>
    first ? a.slice(0, 100 * width) : a.slice(100 * width);
  return {
    train: {
      x: { data: half(x, 2, true), shape: [100, 2] },
      y: { data: half(y, 1, true), shape: [100] },
    },
    test: {
      x: { data: half(x, 2, false), shape: [100, 2] },
      y: { data: half(y, 1, false), shape: [100] },
    },
  };
}

/** The playground's default job: 2-4-2 tanh, 2 logits, cross-entropy, SGD lr 0.03, batch 10. */
export function defaultJob(overrides: Partial<worker.TrainingJob> = {}): worker.TrainingJob {
  return {
    network: { inFeatures: 2, hidden: [4, 2], outFeatures: 2, activation: "tanh" },
    seed: 1,
    ...circlesData(),
    loss: "crossEntropy",
    optimizer: { name: "sgd", lr: 0.03 },
    batchSize: 10,
    metrics: ["accuracy"],
    ...overrides,
  };
}

/** Every parameter's values, flattened in order, as plain numbers (bit-exact comparisons). */
export function weightsOf(model: nn.Module): number[] {
  return model.parameters().flatMap((p) => Array.from(p.data));
}

/** A snapshot hook returning the weights, so tests see them on the main-thread side. */
export const weightSnapshot = (model: nn.Sequential): number[] => weightsOf(model);

/** serveTraining on one end of a MessageChannel, trainInWorker on the other; close() ends both. */
export function inThread(
  job: worker.TrainingJob,
  hooks: worker.ServeHooks = {},
  handlers: worker.TrainingHandlers = {},
): { training: worker.WorkerTraining; close(): void } {
  const { port1, port2 } = new MessageChannel();
  worker.serveTraining(port1, hooks);
  const training = worker.trainInWorker(port2, job, handlers);
  return {
    training,
    close() {
      training.pause();
      training.terminate();
      port1.close();
    },
  };
}

/** Collect every Progress and the records they carry. */
export function recorder(): {
  handlers: worker.TrainingHandlers;
  progress: worker.Progress[];
  records: () => worker.EpochRecord[];
  nonFinite: worker.NonFiniteReport[];
  errors: worker.ErrorReport[];
} {
  const progress: worker.Progress[] = [];
  const nonFinite: worker.NonFiniteReport[] = [];
  const errors: worker.ErrorReport[] = [];
  return {
    handlers: {
      onProgress: (p) => progress.push(p),
      onNonFinite: (r) => nonFinite.push(r),
      onError: (e) => errors.push(e),
    },
    progress,
    records: () => progress.flatMap((p) => p.records),
    nonFinite,
    errors,
  };
}

/** Await Progress messages until one says the worker stopped (failing after `ms`); returns it. */
export async function untilStopped(
  training: worker.WorkerTraining,
  ms = 20_000,
): Promise<worker.Progress> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the worker still runs after ${ms} ms`)), ms);
  });
  try {
    for (;;) {
      const p = await Promise.race([training.nextProgress(), timeout]);
      if (!p.running) return p;
    }
  } finally {
    clearTimeout(timer);
  }
}
