// serveTraining: the worker script's side. It answers trainInWorker's commands (reset, play,
// pause, step, speed, custom commands), trains a TrainingSession in chunks of a few milliseconds so
// commands get through, and posts Progress at most ~60 times a second. Not here: the training
// itself (session.ts) or the main thread's handle (train-in-worker.ts).
import { ValueError } from "../errors.js";
import type { Sequential } from "../nn/sequential.js";
import {
  listen,
  send,
  unwrap,
  type Command,
  type EpochRecord,
  type Progress,
  type ErrorReport,
  type Reply,
  type ReplyBody,
  type WorkerScopeLike,
} from "./protocol.js";
import { TrainingSession } from "./session.js";

/** What the worker script adds to the training: a view of the weights, and its own commands. */
export interface ServeHooks {
  /**
   * Called with the live model (in eval mode) before a Progress is posted; the result
   * (structured-clone safe) travels as Progress.snapshot. Throttled: at most ~30/s while
   * playing, always after step/pause/reset/command.
   */
  snapshot?(model: Sequential, info: { epoch: number; steps: number }): unknown;
  /** Custom commands sent by WorkerTraining.command(name, payload). */
  commands?: Record<string, (model: Sequential, payload: unknown) => void>;
}

/** At most ~60 Progress messages a second while training. */
const PROGRESS_INTERVAL_MS = 1000 / 60;
/** At most ~30 snapshots a second while playing. */
const SNAPSHOT_INTERVAL_MS = 1000 / 30;
/** Train this long (at least one epoch) before letting commands through. */
const CHUNK_MS = 12;

type Mode = "paused" | "playing" | "stepping";

/**
 * Serve training over `scope` (`self` in a worker script):
 *
 *   // worker.ts
 *   import { worker } from "myelin/browser";
 *   worker.serveTraining(self, { snapshot: (model) => model.forward(grid).data });
 *
 * Every problem (a bad job, an unknown command, a hook that throws) is posted as
 * { name, message } of the library's typed error; the worker keeps serving.
 */
export function serveTraining(scope: WorkerScopeLike, hooks: ServeHooks = {}): void {
  const server = new TrainingServer(scope, hooks);
  listen(scope, (data) => {
    const command = unwrap<Command>(data);
    if (command !== undefined) server.handle(command);
  });
}

class TrainingServer {
  private session: TrainingSession | null = null;
  private run = 0;
  /** Commands received so far (echoed in every reply). */
  private handled = 0;
  private mode: Mode = "paused";
  private stepsLeft = 0;
  private maxEpochsPerSecond = Infinity;
  /** Speed limit bookkeeping: when the pace was (re)started and epochs trained since. */
  private paceStart = 0;
  private paceEpochs = 0;
  private pending: EpochRecord[] = [];
  private lastProgress = -Infinity;
  private lastSnapshot = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly scope: WorkerScopeLike,
    private readonly hooks: ServeHooks,
  ) {}

  handle(command: Command): void {
    this.handled++;
    try {
      this.apply(command);
    } catch (e) {
      this.fail(e);
    }
  }

  private apply(command: Command): void {
    switch (command.type) {
      case "reset":
        this.stop("paused");
        this.pending = [];
        this.run = command.run;
        this.session = null;
        this.session = new TrainingSession(command.job);
        this.postProgress("always");
        return;
      case "play":
        this.requireSession("play");
        if (this.mode !== "playing") this.restartPace();
        this.mode = "playing";
        this.schedule(0);
        return;
      case "pause":
        this.stop("paused");
        this.postProgress("always");
        return;
      case "step":
        this.requireSession("step");
        if (!(Number.isInteger(command.epochs) && command.epochs >= 1))
          throw new ValueError(
            `worker: step needs a positive whole number of epochs, got ${command.epochs}`,
          );
        this.mode = "stepping";
        this.stepsLeft = command.epochs;
        this.schedule(0);
        return;
      case "speed":
        if (!(command.maxEpochsPerSecond > 0))
          throw new ValueError(
            `worker: setSpeed needs a number of epochs per second > 0 (or Infinity), got ${command.maxEpochsPerSecond}`,
          );
        this.maxEpochsPerSecond = command.maxEpochsPerSecond;
        this.restartPace();
        return;
      case "command":
        this.custom(command.name, command.payload);
        return;
      default:
        throw new ValueError(
          `worker: unknown message type ${JSON.stringify((command as { type: unknown }).type)}`,
        );
    }
  }

  /** A custom command: the hook changes the model; finite weights become the new baseline. */
  private custom(name: string, payload: unknown): void {
    const session = this.requireSession(`command ${JSON.stringify(name)}`);
    const hook = this.hooks.commands?.[name];
    if (typeof hook !== "function") {
      const known = Object.keys(this.hooks.commands ?? {});
      throw new ValueError(
        `worker: unknown command ${JSON.stringify(name)}; this worker's commands: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    hook(session.model, payload);
    session.acceptWeights();
    if (this.mode === "paused") this.postProgress("always");
  }

  /** Train epochs for about CHUNK_MS (within the speed limit), post what is due, come back. */
  private loop(): void {
    this.timer = null;
    const session = this.session;
    if (session === null || this.mode === "paused") return;
    const start = now();
    try {
      do {
        if (this.mode === "playing" && this.epochsAllowed() <= 0) break;
        const outcome = session.trainEpoch();
        if (outcome.kind === "nonFinite") {
          this.stop("paused");
          this.post({ type: "nonFinite", report: outcome.report });
          this.postProgress("always");
          return;
        }
        this.pending.push(outcome.record);
        this.paceEpochs++;
        if (this.mode === "stepping" && --this.stepsLeft === 0) {
          this.stop("paused");
          this.postProgress("always");
          return;
        }
      } while (now() - start < CHUNK_MS);
      if (this.pending.length > 0 && now() - this.lastProgress >= PROGRESS_INTERVAL_MS)
        this.postProgress("due");
    } catch (e) {
      this.fail(e);
      return;
    }
    if ((this.mode as Mode) === "paused") return; // a snapshot hook failed and paused it
    this.schedule(this.mode === "playing" ? this.msUntilNextEpoch() : 0);
  }

  /** Epochs the speed limit allows now: ⌊elapsed·rate⌋ + 1 − epochs already trained. */
  private epochsAllowed(): number {
    if (this.maxEpochsPerSecond === Infinity) return Infinity;
    const elapsed = now() - this.paceStart;
    return Math.floor((elapsed * this.maxEpochsPerSecond) / 1000) + 1 - this.paceEpochs;
  }

  private msUntilNextEpoch(): number {
    if (this.maxEpochsPerSecond === Infinity) return 0;
    const due = this.paceStart + (this.paceEpochs * 1000) / this.maxEpochsPerSecond;
    return Math.max(0, due - now());
  }

  private restartPace(): void {
    this.paceStart = now();
    this.paceEpochs = 0;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), ms);
  }

  private stop(mode: Mode): void {
    this.mode = mode;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private requireSession(what: string): TrainingSession {
    if (this.session === null)
      throw new ValueError(`worker: cannot ${what}: there is no job (the last reset failed)`);
    return this.session;
  }

  /** Pause, post the error, then a Progress (so whoever awaits the next one hears back). */
  private fail(e: unknown): void {
    this.stop("paused");
    this.post({ type: "error", error: errorReport(e) });
    this.postProgress("always"); // the weights training went back to
  }

  /**
   * Post the pending records, with a snapshot "always", or when "due" (SNAPSHOT_INTERVAL_MS has
   * passed). A snapshot hook that throws pauses training and is reported (onError) before the
   * Progress, which still carries the records: none is lost.
   */
  private postProgress(snapshotWhen: "always" | "due"): void {
    const t = now();
    const records = this.pending;
    this.pending = [];
    this.lastProgress = t;
    const session = this.session;
    const hook = this.hooks.snapshot;
    const due = snapshotWhen === "always" || t - this.lastSnapshot >= SNAPSHOT_INTERVAL_MS;
    let snapshot: { value: unknown } | null = null;
    if (session !== null && hook !== undefined && due) {
      this.lastSnapshot = t;
      try {
        snapshot = { value: hook(session.model, { epoch: session.epoch, steps: session.steps }) };
      } catch (e) {
        this.stop("paused");
        this.post({ type: "error", error: errorReport(e) });
      }
    }
    const progress: Progress = { records, running: this.mode !== "paused" };
    if (snapshot !== null) progress.snapshot = snapshot.value;
    this.post({ type: "progress", progress });
  }

  private post(body: ReplyBody): void {
    const reply: Reply = { ...body, run: this.run, handled: this.handled };
    send(this.scope, reply);
  }
}

/** { name, message } of an error: the library's typed error class name ("ShapeError", …). */
function errorReport(e: unknown): ErrorReport {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

function now(): number {
  return performance.now();
}
