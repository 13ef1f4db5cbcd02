// The worker-training contract: the job, the records and reports the worker sends back, and the
// messages that cross postMessage between trainInWorker (main thread) and serveTraining (worker).
// Types only; everything here is structured-clone safe. Not here: any training (session.ts).
import type { MlpOptions } from "../train/mlp.js";

/** Row-major numbers with a shape; structured-clone safe. */
export interface ArrayData {
  data: Float32Array;
  shape: number[];
}

/** One training run, JSON/structured-clone safe (it crosses postMessage). */
export interface TrainingJob {
  /** The network, as train.mlp takes it (inFeatures, hidden, outFeatures, activation, batchNorm, dropout, outputActivation). */
  network: MlpOptions;
  /**
   * Weight init of every Linear (see INIT_NAMES): "default" (PyTorch's, W, b ~ U(−1/√D, 1/√D)),
   * "xavier" (= "xavier-uniform"), "xavier-normal", "he" (= "kaiming-normal"),
   * "kaiming-uniform", "lecun" (= "lecun-normal"), "lecun-uniform", "zeros"; all but "default"
   * zero the biases. Default "default".
   */
  init?: string;
  /** Seeds the initial weights, dropout and shuffling: the same job gives the same weights. */
  seed: number;
  /** y: class indices as floats [N] for "crossEntropy", [N, 1] for "bce"/"mse"… */
  train: { x: ArrayData; y: ArrayData };
  test?: { x: ArrayData; y: ArrayData };
  /** A name of train.LOSS_NAMES. */
  loss: string;
  /** "sgd" (+ momentum, nesterov), "rmsprop", "adagrad", "adam", "adamw" (any optim.create name). */
  optimizer: { name: string; lr: number; [option: string]: unknown };
  batchSize: number;
  /** Add l1·Σ|w| to the training loss. */
  l1?: number;
  /** Add l2·Σw² to the training loss. */
  l2?: number;
  /** Clip the global L2 norm of all gradients to this value before each step. */
  clipNorm?: number;
  /** Clip every gradient element to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Metrics computed on train and test after every epoch, e.g. ["accuracy"]. */
  metrics?: string[];
}

/** One epoch's record. gradNorms/weightNorms: one entry per Linear layer, in order. */
export interface EpochRecord {
  /** 1-based: epochs completed. */
  epoch: number;
  /** Optimizer steps so far. */
  steps: number;
  /** The loss (without L1/L2 penalty) of the whole training set at the end of the epoch, in eval mode. */
  trainLoss: number;
  /** The same on the test set, when the job has one. */
  testLoss?: number;
  trainMetrics: Record<string, number>;
  testMetrics?: Record<string, number>;
  /** ‖∂L/∂W‖₂ of each Linear's weight (before clipping), mean over the epoch's steps. */
  gradNorms: number[];
  /** ‖W‖₂ of each Linear's weight at the end of the epoch. */
  weightNorms: number[];
}

/** What the worker sends after each batch of epochs, and after every play/step/pause/reset. */
export interface Progress {
  /** Every epoch completed since the previous Progress (none lost, none repeated). */
  records: EpochRecord[];
  /** True while the worker keeps training. */
  running: boolean;
  /** Whatever the worker's snapshot hook returned for the current weights (see serveTraining). */
  snapshot?: unknown;
}

/** Where and why training met a NaN or ±Infinity; training is paused when it is sent. */
export interface NonFiniteReport {
  /** 1-based epoch being trained. */
  epoch: number;
  /** 1-based optimizer step that was refused (loss, gradient) or undone (weight). */
  step: number;
  /** The layer in words, from NonFiniteTrainingError / diagnostics.explainNaN: "layer 2 (Linear)". */
  layer: string;
  /** "loss" | "gradient" | "weight" | "forward" | "backward", with the op when known ("forward: matmul"). */
  where: string;
  /** One plain-language sentence with the remedy. */
  message: string;
}

/** A typed error from the worker: the library's error class name and its message. */
export interface ErrorReport {
  name: string;
  message: string;
}

/**
 * Main thread → worker. `run` numbers the resets: replies carry the run they belong to, so the
 * main thread can drop those of a run it has already replaced.
 */
export type Command =
  | { type: "reset"; job: TrainingJob; run: number }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step"; epochs: number }
  | { type: "speed"; maxEpochsPerSecond: number }
  | { type: "command"; name: string; payload?: unknown };

/**
 * Worker → main thread, tagged with the run (see Command) it belongs to and with how many
 * commands the worker had handled when it sent it (so a Progress sent before the main thread's
 * latest command does not overrule what that command did to `running`).
 */
export type Reply = ReplyBody & { run: number; handled: number };

/** A Reply without its tags (what the worker decides to say). */
export type ReplyBody =
  | { type: "progress"; progress: Progress }
  | { type: "nonFinite"; report: NonFiniteReport }
  | { type: "error"; error: ErrorReport };

/** Tags every message of this protocol, so a worker can share its port with other traffic. */
export const PROTOCOL = "myelin.worker/1";

/** A message on the wire: the protocol tag and one Command or Reply. */
export interface Envelope<M> {
  protocol: typeof PROTOCOL;
  message: M;
}

/**
 * Anything that delivers `message` events: a MessagePort, a Worker, a DedicatedWorkerGlobalScope
 * (addEventListener or onmessage), or a Node worker_threads Worker (on("message", data)).
 */
export interface MessageTarget {
  /** Send one message to the other end (structured clone). */
  postMessage(message: unknown): void;
  /** Subscribe to messages (a MessagePort, Worker or worker global scope has it). */
  addEventListener?(type: "message", listener: (event: Event) => void): void;
  /** Unsubscribe a listener added with addEventListener. */
  removeEventListener?(type: "message", listener: (event: Event) => void): void;
  /** The single message handler, used when addEventListener is absent. */
  onmessage?: ((event: MessageEvent) => void) | null;
  /** A MessagePort delivers nothing until started (addEventListener does not start it). */
  start?(): void;
}

/** The main thread's end: a Worker, or any MessagePort-like object (terminate is optional). */
export interface WorkerLike extends MessageTarget {
  /** Stop the worker (absent on a plain MessagePort). */
  terminate?(): void;
}

/** The worker's end: `self` in a worker script, or a MessagePort in tests. */
export type WorkerScopeLike = MessageTarget;

/** The Envelope's message when `data` is a message of this protocol, else undefined. */
export function unwrap<M>(data: unknown): M | undefined {
  const e = data as Partial<Envelope<M>> | null;
  return typeof e === "object" && e !== null && e.protocol === PROTOCOL ? e.message : undefined;
}

/** Post one message of this protocol. */
export function send<M>(target: MessageTarget, message: M): void {
  const envelope: Envelope<M> = { protocol: PROTOCOL, message };
  target.postMessage(envelope);
}

/** A Node worker_threads Worker: an EventEmitter whose "message" listeners get the data itself. */
interface Emitter {
  on(type: "message", listener: (data: unknown) => void): unknown;
  off(type: "message", listener: (data: unknown) => void): unknown;
}

/** Listen for messages (addEventListener, else on("message"), else onmessage); returns the remover. */
export function listen(target: MessageTarget, listener: (data: unknown) => void): () => void {
  const handler = (event: Event): void => listener((event as MessageEvent).data);
  if (target.addEventListener) {
    target.addEventListener("message", handler);
    target.start?.();
    return () => target.removeEventListener?.("message", handler);
  }
  const emitter = target as Partial<Emitter>;
  if (typeof emitter.on === "function") {
    emitter.on("message", listener);
    return () => emitter.off?.("message", listener);
  }
  target.onmessage = handler;
  return () => {
    target.onmessage = null;
  };
}
