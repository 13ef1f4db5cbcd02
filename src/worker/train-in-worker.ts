// trainInWorker: the main thread's handle on a worker running serveTraining. It sends commands,
// hands Progress / NonFiniteReport / errors to the page's handlers, and drops replies that belong
// to a run replaced by reset(). Not here: any training (the worker does it all).
import { ValueError } from "../errors.js";
import {
  listen,
  send,
  unwrap,
  type Command,
  type ErrorReport,
  type NonFiniteReport,
  type Progress,
  type Reply,
  type TrainingJob,
  type WorkerLike,
} from "./protocol.js";

/** What the page wants to hear from the worker. */
export interface TrainingHandlers {
  /** Every Progress: the epochs completed since the last one, running, the snapshot. */
  onProgress?(p: Progress): void;
  /** A NaN/Inf stopped training; training is paused when this fires. */
  onNonFinite?(r: NonFiniteReport): void;
  /** A bad job, an unknown command, a hook that threw: the library's error name and message. */
  onError?(e: ErrorReport): void;
}

/** The main thread's handle on one worker's training. */
export interface WorkerTraining {
  /** Train continuously (bounded by setSpeed). */
  play(): void;
  /** Stop after the current chunk of epochs; a Progress (running false) follows. */
  pause(): void;
  /** Train exactly `epochs` epochs (default 1), then pause. */
  step(epochs?: number): void;
  /** Rebuild from `job` (default: the current one); the same seed gives the same initial weights. */
  reset(job?: TrainingJob): void;
  /** At most this many epochs a second while playing; Infinity (the default) = as fast as possible. */
  setSpeed(maxEpochsPerSecond: number): void;
  /** A custom command handled by the worker's `commands` hook of the same name. */
  command(name: string, payload?: unknown): void;
  /** Resolves with the next Progress (used by tests and by single-step UIs). */
  nextProgress(): Promise<Progress>;
  /** Stop listening and terminate the worker (or close the port). */
  terminate(): void;
  /** True from play()/step() until a Progress says the worker stopped. */
  readonly running: boolean;
}

/**
 * Start training `job` in the worker behind `port` (a Worker whose script calls serveTraining,
 * or any MessagePort-like object). The worker builds the model at once (paused) and answers
 * with a first Progress (no records, the snapshot of the initial weights).
 *
 *   const training = worker.trainInWorker(new Worker("worker.js", { type: "module" }), job, {
 *     onProgress: (p) => draw(p.records, p.snapshot),
 *   });
 *   training.play();
 */
export function trainInWorker(
  port: WorkerLike,
  job: TrainingJob,
  handlers: TrainingHandlers = {},
): WorkerTraining {
  return new WorkerTrainingHandle(port, job, handlers);
}

class WorkerTrainingHandle implements WorkerTraining {
  private run = 0;
  /** Commands sent so far; a reply with handled < sent predates the latest command. */
  private sent = 0;
  private isRunning = false;
  private waiters: ((p: Progress) => void)[] = [];
  private readonly unlisten: () => void;

  constructor(
    private readonly port: WorkerLike,
    private job: TrainingJob,
    private readonly handlers: TrainingHandlers,
  ) {
    this.unlisten = listen(port, (data) => {
      const reply = unwrap<Reply>(data);
      if (reply !== undefined && reply.run === this.run) this.receive(reply);
    });
    this.reset(job);
  }

  get running(): boolean {
    return this.isRunning;
  }

  play(): void {
    this.isRunning = true;
    this.send({ type: "play" });
  }

  pause(): void {
    this.isRunning = false;
    this.send({ type: "pause" });
  }

  step(epochs = 1): void {
    if (!(Number.isInteger(epochs) && epochs >= 1))
      throw new ValueError(`worker: step needs a positive whole number of epochs, got ${epochs}`);
    this.isRunning = true;
    this.send({ type: "step", epochs });
  }

  reset(job: TrainingJob = this.job): void {
    this.job = job;
    this.isRunning = false;
    this.send({ type: "reset", job, run: ++this.run });
  }

  setSpeed(maxEpochsPerSecond: number): void {
    if (!(maxEpochsPerSecond > 0))
      throw new ValueError(
        `worker: setSpeed needs a number of epochs per second > 0 (or Infinity), got ${maxEpochsPerSecond}`,
      );
    this.send({ type: "speed", maxEpochsPerSecond });
  }

  command(name: string, payload?: unknown): void {
    this.send({ type: "command", name, payload });
  }

  nextProgress(): Promise<Progress> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  terminate(): void {
    this.unlisten();
    this.isRunning = false;
    const port = this.port as WorkerLike & { close?(): void };
    if (port.terminate) void port.terminate();
    else port.close?.();
  }

  private receive(reply: Reply): void {
    switch (reply.type) {
      case "progress": {
        if (reply.handled === this.sent) this.isRunning = reply.progress.running;
        this.handlers.onProgress?.(reply.progress);
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve(reply.progress);
        return;
      }
      case "nonFinite":
        if (reply.handled === this.sent) this.isRunning = false;
        this.handlers.onNonFinite?.(reply.report);
        return;
      case "error":
        if (reply.handled === this.sent) this.isRunning = false;
        this.handlers.onError?.(reply.error);
        return;
    }
  }

  private send(command: Command): void {
    this.sent++;
    send(this.port, command);
  }
}
