// Train step 4 (fit): train.fit on the scaled rows with a thinned progress bar, Ctrl-C handling,
// and — with --checkpoint/--checkpoint-every/--resume — periodic checkpoints and an exact resume
// of the same run (same data and "fixed" hyper-parameters, see hyper-parameters.ts). A NaN/Inf
// stop keeps the model (the guard leaves it finite) and a diverging run is reported, both on
// stderr with a remedy; the model is saved either way (write.ts). diagnostics.gradientFlow records
// each Linear layer once per epoch and its health warnings are printed on stderr as they appear.
import { diagnostics, optim, train } from "../../node/index.js";
import { terminalSafe } from "../terminal-text.js";
import {
  checkpointWriter,
  dataFingerprint,
  loadResume,
  type CheckpointPlan,
  type RunIdentity,
} from "../checkpointing.js";
import { onInterrupt } from "../interrupt.js";
import type { Io } from "../output.js";
import type { LoadedData } from "../data-source.js";
import { modelRows, type BuiltRun } from "./build.js";
import {
  earlyStoppingCallback,
  earlyStoppingOutcome,
  type EarlyStoppingOutcome,
} from "./early-stopping.js";
import type { TrainConfig } from "./flags.js";
import { runIdentity } from "./hyper-parameters.js";
import { optimizerOptions } from "./optimizer-options.js";
import { scheduledHyperParameters, scheduleOption } from "./schedule.js";
import type { Split } from "./split.js";

export interface FitOutcome {
  history: train.History;
  /** True when Ctrl-C stopped training early. */
  interrupted: boolean;
  seconds: number;
  /**
   * Set when the NaN/Inf guard stopped training: the model holds the finite weights the guard
   * left (see its message) and is saved; the command exits 1.
   */
  stopped?: { reason: "non-finite"; message: string };
  /** Set when the loss blew up with finite numbers (train.divergence's rule); a warning only. */
  diverged?: train.DivergenceReport;
  /** With early stopping: the epoch kept (its weights are the model's) and why training ended. */
  earlyStopping?: EarlyStoppingOutcome;
  /** What diagnostics.gradientFlow recorded and the health warnings found in it (in order). */
  diagnostics: RunDiagnostics;
}

export interface RunDiagnostics {
  records: diagnostics.FlowRecord[];
  warnings: diagnostics.HealthWarning[];
  weightHistograms: diagnostics.GradientFlowCallback["weightHistograms"];
}

export interface FitInputs {
  config: TrainConfig;
  loaded: LoadedData;
  split: Split;
  run: BuiltRun;
  checkpoint: CheckpointPlan | null;
}

export async function fitRun(inputs: FitInputs, stdio: Io, log: Io["stdout"]): Promise<FitOutcome> {
  const { config, split, run, checkpoint } = inputs;
  const { hyper, model } = run;
  const identity = checkpoint !== null || config.resume !== undefined ? identify(inputs) : null;
  const optimizer = { name: hyper.optimizer, options: optimizerOptions(hyper) };
  const expected = { ...optimizer, scheduled: scheduledHyperParameters(config.schedule) };
  const resume =
    config.resume !== undefined && identity
      ? await loadResume(config.resume, stdio.cwd, model, identity, hyper.epochs, expected)
      : undefined;
  if (resume) log(`resuming after epoch ${resume.epoch} of ${hyper.epochs}\n`);
  if (run.targetScaler) log(targetScalingNote(run.targetScaler));
  const metrics: train.MetricName[] = run.meta.task === "regression" ? ["mae"] : ["accuracy"];
  const started = Date.now();
  const interrupt = onInterrupt(log);
  const watch = train.divergence();
  let history = new train.History(); // fit's own, once it starts (kept when the guard throws)
  const seconds = (): number => (Date.now() - started) / 1000;
  const patience = hyper.patience;
  const stopper = patience === null ? null : earlyStoppingCallback(patience);
  const rows = modelRows(run, split.fit);
  const health = healthWatch(rows.x, stdio.stderr);
  try {
    await train.fit(model, rows, {
      loss: hyper.loss,
      optimizer: { name: optimizer.name, ...optimizer.options },
      epochs: hyper.epochs,
      batchSize: hyper["batch-size"],
      clipNorm: hyper["clip-norm"] ?? undefined,
      clipValue: hyper["clip-value"] ?? undefined,
      l1: hyper.l1 ?? undefined,
      l2: hyper.l2 ?? undefined,
      schedule: scheduleOption(config.schedule),
      seed: hyper.seed,
      metrics,
      validationData: split.val ? modelRows(run, split.val) : undefined,
      signal: interrupt.signal,
      resume,
      onState:
        checkpoint && identity
          ? checkpointWriter(checkpoint, model, run.meta, identity)
          : undefined,
      callbacks: [
        { onTrainBegin: (ctx) => void (history = ctx.history) },
        ...(stopper ? [stopper] : []), // before progress, which then shows the epoch it stopped at
        thinned(
          train.progress({ write: log, tty: stdio.isTTY && config.json !== true }),
          hyper.epochs,
        ),
        // one entry: a checkpoint holds one state slot per callback, so checkpoints written
        // before the health callbacks existed still resume
        inOrder(watch, ...health.callbacks),
      ],
    });
  } catch (e) {
    if (!(e instanceof optim.NonFiniteTrainingError)) throw e;
    const remedy = "lower --lr, or use --clip-norm (e.g. --clip-norm 1)";
    // explainNaN's finding (the first layer and op that went non-finite) gets a line of its own
    const origin = e.report.origin;
    const head = origin
      ? e.message.replace(`; first non-finite: ${origin.message}`, "")
      : e.message;
    const where = origin ? `\n  first non-finite: ${terminalSafe(origin.message, 400)}` : "";
    stdio.stderr(`myelin train: stopped: ${head}${where}\n  fix: ${remedy}\n`);
    return {
      history,
      interrupted: interrupt.interrupted,
      seconds: seconds(),
      stopped: stopped(e.message),
      diagnostics: health.result(),
    };
  } finally {
    interrupt.dispose();
  }
  const diverged = watch.diverged ?? undefined;
  if (diverged) stdio.stderr(divergenceWarning(diverged, hyper.lr));
  const earlyStopping =
    stopper && patience !== null
      ? earlyStoppingOutcome(stopper, patience, history.epochs.length)
      : undefined;
  return {
    history,
    interrupted: interrupt.interrupted,
    seconds: seconds(),
    diverged,
    earlyStopping,
    diagnostics: health.result(),
  };
}

/**
 * gradientFlow on the first 64 training rows, and a callback that prints each new health warning
 * once, when it first appears (a warning that persists is not repeated every epoch).
 */
function healthWatch(
  x: train.XY["x"],
  stderr: Io["stderr"],
): { callbacks: train.Callback[]; result: () => RunDiagnostics } {
  const flow = diagnostics.gradientFlow({ sample: x.slice(0, 0, Math.min(64, x.shape[0])) });
  const printed = new Set<string>();
  const printer: train.Callback = {
    // the last 11 records are enough for every rule (exploding looks 10 back): O(1) per epoch
    onEpochEnd: () => {
      for (const w of diagnostics.healthCheck(flow.records.slice(-11))) {
        const key = `${w.kind} ${w.layer}`;
        if (!printed.has(key)) stderr(healthLine(w));
        printed.add(key);
      }
    },
  };
  return {
    callbacks: [flow, printer],
    result: () => ({
      records: flow.records,
      warnings: diagnostics.healthCheck(flow.records),
      weightHistograms: flow.weightHistograms,
    }),
  };
}

/** Callbacks without state run as one, each hook in the given order. */
function inOrder(...callbacks: train.Callback[]): train.Callback {
  const each =
    <K extends "onTrainBegin" | "onEpochBegin" | "onBatchEnd" | "onEpochEnd" | "onTrainEnd">(
      hook: K,
    ) =>
    async (...args: Parameters<NonNullable<train.Callback[K]>>): Promise<void> => {
      for (const cb of callbacks) {
        const f = cb[hook] as ((...a: typeof args) => void | Promise<void>) | undefined;
        await f?.apply(cb, args);
      }
    };
  return {
    onTrainBegin: each("onTrainBegin"),
    onEpochBegin: each("onEpochBegin"),
    onBatchEnd: each("onBatchEnd"),
    onEpochEnd: each("onEpochEnd"),
    onTrainEnd: each("onTrainEnd"),
  };
}

/** One line per health warning: what was measured and the remedy. */
export function healthLine(w: diagnostics.HealthWarning): string {
  return `myelin train: warning: epoch ${w.epoch}: ${w.message} — ${w.remedy}\n`;
}

/** Says that the logged loss and MAE are in standardized units, and how to read them. */
function targetScalingNote(z: NonNullable<BuiltRun["targetScaler"]>): string {
  const g = (v: Float64Array): string => Array.from(v, (x) => x.toPrecision(4)).join(", ");
  return (
    `targets standardized (mean ${g(z.mean)}, std ${g(z.std)}): the loss and MAE below are in ` +
    `standardized units; the final scores and predictions are in the target's units (--no-target-scaling to train on raw targets)\n`
  );
}

function stopped(message: string): FitOutcome["stopped"] {
  return { reason: "non-finite", message };
}

/** One warning line and a remedy for a run that train.divergence found diverged. */
function divergenceWarning(d: train.DivergenceReport, lr: number): string {
  const g = (v: number): string => v.toPrecision(3);
  return (
    `myelin train: warning: training diverged: the loss of epoch ${d.epoch} (${g(d.loss)}) is over ` +
    `${d.factor}× the untrained model's (${g(d.reference)}); the saved model is not a trained one\n` +
    `  fix: lower --lr (now ${lr}), or use --clip-norm\n`
  );
}

/** The run's identity: raw (unscaled) training and validation rows, task, target, hyper-parameters. */
function identify({ loaded, split, run }: FitInputs): RunIdentity {
  return runIdentity(run.hyper, {
    data: loaded.source,
    "data sha256": dataFingerprint([split.fit, split.val]),
    task: loaded.all.task,
    target: loaded.target ?? null,
  });
}

/**
 * Pass at most ~25 epoch lines through (always the first and the last, also when training stops
 * early); batches pass as they are.
 */
function thinned(cb: train.Callback, epochs: number): train.Callback {
  const every = Math.max(1, Math.ceil(epochs / 25));
  return {
    ...cb,
    onEpochEnd: (epoch, logs, ctx) =>
      epoch === 0 || (epoch + 1) % every === 0 || epoch + 1 === epochs || ctx.stopTraining
        ? cb.onEpochEnd?.(epoch, logs, ctx)
        : undefined,
  };
}
