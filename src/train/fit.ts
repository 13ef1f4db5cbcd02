// fit(): the training loop on one screen. For each epoch: shuffle (seeded), and for each batch
// forward → loss (+ L1/L2 penalty) → backward → NaN/Inf guard → clip → optimizer step → finite
// weights check; then validation, metrics, schedule and callbacks. Same seed, data and options ⇒ same weights.
import { noGrad } from "../autograd/no-grad.js";
import { ValueError } from "../errors.js";
import type { Module } from "../nn/module.js";
import { Random, globalRandom, type RandomState } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Callback, Logs, TrainContext } from "./callback.js";
import { History } from "./history.js";
import { BatchStep } from "./batch-step.js";
import { FitCapture } from "./capture/fit-capture.js";
import { outputKind, resolveLoss, type LossSpec } from "./loss-by-name.js";
import { computeMetric, type MetricName } from "./metrics.js";
import { resolveOptimizer, type OptimizerLike, type OptimizerSpec } from "./optimizer-spec.js";
import { BatchRows, splitValidation, type XY } from "./batching.js";
import { checkTensorData } from "./tensor-inputs.js";
import { concat } from "../ops/movement.js";

/** A learning-rate schedule as `fit` uses it: any optim schedule, or ReduceLROnPlateau. */
export interface Schedule {
  /** Advance once per epoch; metric-driven schedules get the monitored value. */
  step(metric?: number): void;
  /** The schedule's counters as JSON-able data, saved in TrainingState. */
  stateDict?(): unknown;
  /** Restore counters from `stateDict()` output on resume. */
  loadStateDict?(state: unknown): void;
}

/**
 * fit's defaults are the conventional ones of PyTorch and Keras — adam with lr 1e-3, batch size
 * 32, 10 epochs, no early stopping — because fit knows nothing about the data. `myelin train`
 * knows its kind of data and uses defaults chosen per kind (CSV: 150 epochs, lr 0.01, batch 16,
 * tanh 16,16, early stopping on validation loss; see src/cli/train/flags.ts and docs/guide.md §11).
 */
export interface FitOptions {
  /** Loss name ("crossEntropy", "bce", "mse", …) or a function (output, target) → scalar tensor. */
  loss: LossSpec;
  /** Optimizer spec ({ name: "adam", lr: 1e-3, … }) or an optimizer instance. Default adam 1e-3. */
  optimizer?: OptimizerSpec | OptimizerLike;
  /** Default 10. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Reshuffle the training rows each epoch (seeded). Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling generator (default 0). */
  seed?: number;
  /** Hold out the LAST fraction of rows (before shuffling) for validation. */
  validationSplit?: number;
  /**
   * Rows to validate on after each epoch (logged as valLoss, valAccuracy, …); overrides
   * validationSplit.
   */
  validationData?: XY;
  /** Metrics logged each epoch besides the loss (default none). */
  metrics?: MetricName[];
  /** Clip the global L2 norm of all gradients to this value before each step. */
  clipNorm?: number;
  /** Clip every gradient element to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Add l1·Σ|w| to the loss. */
  l1?: number;
  /** Add l2·Σw² to the loss. */
  l2?: number;
  /**
   * A learning-rate schedule stepped once per epoch (reduce-on-plateau gets valLoss or loss), or
   * a function that builds one over fit's optimizer: (opt) => optim.cosineAnnealingLR(opt, { tMax }).
   */
  schedule?: Schedule | ((optimizer: OptimizerLike) => Schedule);
  /** Hooks called during training, in order (progress, earlyStopping, …). */
  callbacks?: Callback[];
  /** Stops cleanly after the current batch when aborted. */
  signal?: AbortSignal;
  /**
   * Stop with the guard's NonFiniteTrainingError (a NonFiniteError) on a NaN/Inf loss or
   * gradient, before any weight changes; or on a NaN/Inf weight after a step (report.where
   * "weight", naming the layer), after putting back the weights the model had when that epoch
   * began. Either way the model is left with finite weights. Default true.
   */
  terminateOnNaN?: boolean;
  /**
   * Replay each full batch's forward, loss and backward over arrays allocated once instead of
   * building a graph (train.captureStep's machinery; same gradients bit for bit, so the same
   * weights) when the model is one fused Linear stack, the loss "mse", "bce" or "crossEntropy"
   * and there is no l1/l2; other batches and models run as usual. Default true.
   */
  capture?: boolean;
  /** Continue from a saved training state (see TrainingState). */
  resume?: TrainingState;
  /** Called at the end of every epoch with the state needed to resume exactly. */
  onState?: (state: TrainingState) => void | Promise<void>;
}

/** Everything besides the weights that a resumed run needs to equal an uninterrupted one. */
export interface TrainingState {
  /** Epochs completed. */
  epoch: number;
  optimizer: unknown;
  /** The schedule's stateDict, when fit was given a schedule. */
  schedule?: unknown;
  shuffleRandom: RandomState;
  globalRandom: RandomState;
  history: Logs[];
  /**
   * One entry per callback given to fit, in order: its stateDict(), or null for a callback without
   * state. Absent when no callback has state.
   */
  callbacks?: unknown[];
}

/**
 * Train `model` on train = { x, y }: mini-batch gradient descent for `options.epochs`, with
 * validation, metrics, schedule and callbacks as {@link FitOptions} says. Resolves to the
 * {@link History} of per-epoch logs. Same seed, data and options ⇒ same weights, bit for bit.
 */
export async function fit(model: Module, train: XY, options: FitOptions): Promise<History> {
  checkTensorData("fit", train, options); // plain arrays → ValueError showing the right call
  const epochs = options.epochs ?? 10;
  const batchSize = options.batchSize ?? 32;
  checkPositiveInt(epochs, "epochs");
  checkPositiveInt(batchSize, "batchSize");
  const lossFn = resolveLoss(options.loss);
  const [trainSet, valSet] = splitValidation(
    train,
    options.validationSplit,
    options.validationData,
  );
  const optimizer = resolveOptimizer(options.optimizer, model.parameters());
  const schedule =
    typeof options.schedule === "function" ? options.schedule(optimizer) : options.schedule;
  const shuffler = new Random(options.seed ?? 0);
  const history = new History();
  const callbacks = options.callbacks ?? [];
  const n = trainSet.x.shape[0];
  const ctx: TrainContext = {
    model,
    optimizer,
    epochs,
    batchesPerEpoch: Math.ceil(n / batchSize),
    history,
    stopTraining: false,
  };
  let startEpoch = 0;
  if (options.resume) {
    startEpoch = options.resume.epoch;
    optimizer.loadStateDict(options.resume.optimizer);
    if (options.resume.schedule !== undefined) schedule?.loadStateDict?.(options.resume.schedule);
    shuffler.setState(options.resume.shuffleRandom);
    globalRandom.setState(options.resume.globalRandom);
    for (const logs of options.resume.history) history.push(logs);
  }
  if (options.resume?.callbacks !== undefined)
    loadCallbackStates(callbacks, options.resume.callbacks);
  // forward → loss (+ L1/L2) → backward → NaN/Inf guard → clip → step → finite weights check
  const capture = FitCapture.for(model, { ...options, batchSize });
  const step = new BatchStep(model, lossFn, optimizer, options, capture);
  const weightGuard = step.weightGuard;
  const batches = new BatchRows(trainSet, batchSize); // one x and one y buffer for every batch
  for (const cb of callbacks) await cb.onTrainBegin?.(ctx);
  model.train();
  for (let epoch = startEpoch; epoch < epochs && !ctx.stopTraining; epoch++) {
    for (const cb of callbacks) await cb.onEpochBegin?.(epoch, ctx);
    weightGuard?.capture(epoch);
    const order = options.shuffle === false ? null : shuffler.permutation(n);
    let lossSum = 0;
    let seen = 0;
    for (let b = 0; b * batchSize < n; b++) {
      if (options.signal?.aborted) {
        ctx.stopTraining = true;
        break;
      }
      const batch = batches.rows(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
      const lossValue = step.run(batch, epoch, b);
      lossSum += lossValue * batch.x.shape[0];
      seen += batch.x.shape[0];
      for (const cb of callbacks) await cb.onBatchEnd?.(b, { loss: lossValue }, ctx);
      if (b % 64 === 63) await yieldToEventLoop(); // lets abort signals and progress output through
    }
    if (seen === 0) break;
    const logs: Logs = { loss: lossSum / seen, lr: optimizer.lr };
    const metricOptions = { logits: isLogitsLoss(options.loss) };
    Object.assign(
      logs,
      scoreMetrics(model, trainSet, options.metrics ?? [], metricOptions, batchSize),
    );
    if (valSet) {
      const val = evaluateWith(
        model,
        valSet,
        lossFn,
        options.metrics ?? [],
        batchSize,
        metricOptions,
      );
      for (const [k, v] of Object.entries(val)) logs["val" + k[0].toUpperCase() + k.slice(1)] = v;
    }
    model.train();
    schedule?.step(logs.valLoss ?? logs.loss);
    history.push(logs);
    for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs, ctx);
    // An epoch cut short by the signal is not resumable: its state would claim a full epoch.
    if (seen === n) {
      await options.onState?.({
        epoch: epoch + 1,
        optimizer: optimizer.stateDict(),
        schedule: schedule?.stateDict?.(),
        shuffleRandom: shuffler.getState(),
        globalRandom: globalRandom.getState(),
        history: history.toJSON().map((l) => ({ ...l })),
        ...callbackStates(callbacks),
      });
    }
    await yieldToEventLoop();
  }
  for (const cb of callbacks) await cb.onTrainEnd?.(ctx);
  model.eval();
  return history;
}

/** { callbacks: [state or null per callback] } when some callback has state, else {}. */
function callbackStates(callbacks: Callback[]): { callbacks?: unknown[] } {
  if (!callbacks.some((cb) => cb.stateDict)) return {};
  return { callbacks: callbacks.map((cb) => (cb.stateDict ? cb.stateDict() : null)) };
}

/** Hand each callback its saved state; the list must match the one the state was saved with. */
function loadCallbackStates(callbacks: Callback[], states: unknown[]): void {
  if (states.length !== callbacks.length) {
    throw new ValueError(
      `fit: resume: the state has ${states.length} callback entries but fit was given ${callbacks.length} callbacks; resume with the callbacks of the run that saved it`,
    );
  }
  callbacks.forEach((cb, i) => {
    const state = states[i];
    if (state === null) return;
    if (!cb.loadStateDict) {
      throw new ValueError(`fit: resume: callback ${i} has saved state but no loadStateDict`);
    }
    cb.loadStateDict(state);
  });
}

/** True for a named loss that takes logits (bceWithLogits: a single output is thresholded at 0). */
export function isLogitsLoss(loss: LossSpec): boolean {
  return typeof loss === "string" && outputKind(loss) === "logits";
}

function scoreMetrics(
  model: Module,
  set: XY,
  metrics: MetricName[],
  metricOptions: { logits?: boolean },
  batchSize: number,
): Logs {
  if (metrics.length === 0) return {};
  const wasTraining = model.isTraining;
  model.eval();
  const out = predictBatched(model, set.x, batchSize);
  model.train(wasTraining);
  const logs: Logs = {};
  for (const m of metrics) logs[m] = computeMetric(m, out, set.y, metricOptions);
  return logs;
}

/** Loss and metrics of `model` on `set`, in eval mode and without gradients. */
export function evaluateWith(
  model: Module,
  set: XY,
  lossFn: (out: Tensor, y: Tensor) => Tensor,
  metrics: MetricName[],
  batchSize = 256,
  metricOptions: { logits?: boolean } = {},
): Logs {
  const wasTraining = model.isTraining;
  model.eval();
  const out = predictBatched(model, set.x, batchSize);
  model.train(wasTraining);
  const logs: Logs = { loss: noGrad(() => lossFn(out, set.y).item()) };
  for (const m of metrics) logs[m] = computeMetric(m, out, set.y, metricOptions);
  return logs;
}

/** Forward pass in batches without recording gradients; rows are concatenated back. */
export function predictBatched(model: Module, x: Tensor, batchSize = 256): Tensor {
  return noGrad(() => {
    const n = x.shape[0];
    if (n <= batchSize) return model.forward(x);
    const parts: Tensor[] = [];
    for (let s = 0; s < n; s += batchSize)
      parts.push(model.forward(x.slice(0, s, Math.min(n, s + batchSize))));
    return concat(parts, 0);
  });
}

function checkPositiveInt(v: number, name: string): void {
  if (!Number.isInteger(v) || v <= 0)
    throw new ValueError(`fit: ${name} must be a positive integer, got ${v}`);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
