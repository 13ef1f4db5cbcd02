// Crash-safe training for `myelin train`: --checkpoint/--checkpoint-every write the weights and
// fit's TrainingState atomically after every N-th completed epoch; --resume loads such a file,
// checks that it belongs to this run (same data, architecture, hyper-parameters, seed) and hands
// the state back to fit, so the final model equals an uninterrupted run bit for bit.
import { createHash } from "node:crypto";
import { relative, resolve } from "node:path";
import { MyelinError } from "../errors.js";
import { io, optim, type nn, type train } from "../node/index.js";
import type { JsonObject, JsonValue } from "../io/strict-json.js";
import { defineFlags, type Flags } from "./args.js";
import { CliError, UsageError } from "./output.js";
import { checkOutputPath } from "./safe-path.js";

export const CHECKPOINT_FLAGS = defineFlags({
  checkpoint: {
    type: "string",
    value: "PATH",
    help: "checkpoint file, rewritten atomically (default <model>.ckpt when checkpointing)",
  },
  "checkpoint-every": {
    type: "int",
    value: "N",
    min: 1,
    max: 1e6,
    help: "write the checkpoint after every N-th epoch (default 1 with --checkpoint)",
  },
  resume: {
    type: "string",
    value: "PATH",
    help: "continue from a checkpoint of the same run (same data, options and seed)",
  },
});

/** What must be equal between the run that wrote a checkpoint and the run resuming it. */
export type RunIdentity = Record<string, JsonValue>;

export interface CheckpointPlan {
  /** Absolute path of the checkpoint file. */
  path: string;
  every: number;
  /**
   * Whether the first write may replace an existing file (--overwrite, or the file is the one
   * resumed from). Otherwise the first write creates it exclusively, so a file that appeared
   * during training (another run's checkpoint) is never overwritten; later writes replace it.
   */
  replace: boolean;
}

/**
 * Where checkpoints go, or null when neither --checkpoint nor --checkpoint-every is given.
 * The path passes the --out safety checks; rewriting the file being resumed from is allowed.
 */
export function checkpointPlan(
  flags: Flags<typeof CHECKPOINT_FLAGS> & { overwrite?: boolean },
  modelPath: string,
  cwd: string,
): CheckpointPlan | null {
  const every = flags["checkpoint-every"];
  if (flags.checkpoint === undefined && every === undefined) return null;
  const given = flags.checkpoint ?? relative(cwd, modelPath) + ".ckpt";
  const resumeFrom = flags.resume;
  const same = resumeFrom !== undefined && resolve(cwd, resumeFrom) === resolve(cwd, given);
  const replace = flags.overwrite === true || same;
  const path = checkOutputPath(given, cwd, {
    flag: "--checkpoint",
    command: "train",
    overwrite: replace,
  });
  return { path, every: every ?? 1, replace };
}

/**
 * sha256 of the raw (unscaled) training and validation rows: a checkpoint only resumes on the
 * very data it was trained on, whatever the --data spelling.
 */
export function dataFingerprint(
  sets: ({ x: HashableTensor; y: HashableTensor } | undefined)[],
): string {
  const h = createHash("sha256");
  for (const set of sets) {
    if (set === undefined) {
      h.update("none;");
      continue;
    }
    for (const t of [set.x, set.y]) {
      h.update(`${t.dtype}[${t.shape.join(",")}];`);
      h.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    }
  }
  return h.digest("hex");
}

interface HashableTensor {
  data: Float32Array | Float64Array;
  shape: readonly number[];
  dtype: string;
}

/** The onState callback of fit: write a checkpoint after every `plan.every`-th epoch. */
export function checkpointWriter(
  plan: CheckpointPlan,
  model: nn.Module,
  meta: io.ModelMetadata,
  identity: RunIdentity,
): (state: train.TrainingState) => Promise<void> {
  let created = plan.replace;
  return async (state) => {
    if (state.epoch % plan.every !== 0) return;
    const training = { checkpointOf: identity, epochsRun: state.epoch };
    await io.saveCheckpoint(
      plan.path,
      model,
      state,
      { ...meta, training },
      { exclusive: !created },
    );
    created = true;
  };
}

/** The optimizer a run trains with, for checking a checkpoint's optimizer state against it. */
export interface ExpectedOptimizer {
  /** optim.create's name and options (lr, momentum, weightDecay, …). */
  name: string;
  options: Record<string, number | boolean>;
  /** Hyper-parameters the run's schedule changes (lr; one-cycle also momentum/betas): not compared. */
  scheduled: readonly string[];
}

/**
 * Load `path` for --resume: its weights go into `model` (built fresh for this run) and its
 * TrainingState is returned for fit's `resume`. A file that is not a checkpoint is a CliError
 * (exit 1); a checkpoint of another run is a UsageError naming the first field that differs.
 */
export async function loadResume(
  path: string,
  cwd: string,
  model: nn.Module,
  identity: RunIdentity,
  epochs: number,
  expected: ExpectedOptimizer,
): Promise<train.TrainingState> {
  let ckpt: io.Checkpoint;
  try {
    ckpt = await io.loadCheckpoint(resolve(cwd, path));
  } catch (e) {
    if (e instanceof io.ModelFormatError) {
      throw new CliError(
        `--resume ${JSON.stringify(path)} is not a training checkpoint (${e.message})`,
        "write one with `myelin train --checkpoint PATH` or `--checkpoint-every N`",
        { cause: e },
      );
    }
    throw e;
  }
  const training = ckpt.meta.training;
  const theirs = isObject(training) ? training.checkpointOf : undefined;
  if (!isObject(theirs)) {
    throw new CliError(
      `--resume ${JSON.stringify(path)} has training state but no record of the run that wrote it`,
      "resume only checkpoints written by `myelin train --checkpoint`",
    );
  }
  for (const key of Object.keys(identity)) {
    const a = JSON.stringify(identity[key]);
    const b = JSON.stringify(theirs[key] ?? null);
    if (a !== b) {
      throw new UsageError(
        `--resume ${JSON.stringify(path)}: ${key} differs (checkpoint ${clip(b)}, this run ${clip(a)}); resume with the options of the run that wrote it`,
        "train",
      );
    }
  }
  if (ckpt.state.epoch > epochs) {
    throw new UsageError(
      `--resume ${JSON.stringify(path)}: the checkpoint is at epoch ${ckpt.state.epoch}, past --epochs ${epochs}`,
      "train",
    );
  }
  checkOptimizerState(path, ckpt.state.optimizer, expected, model);
  model.loadStateDict(ckpt.model.stateDict());
  return ckpt.state;
}

/**
 * The optimizer state must be that of this run's optimizer with this run's hyper-parameters:
 * same type, and every hyper-parameter equal to a fresh optimizer's built with the run's options
 * — except those the run's schedule changes during training (the lr; one-cycle's momentum or
 * betas), whose saved values are the schedule's, restored with it. A contradiction is a
 * UsageError naming the field; a state the optimizer cannot load (buffers, step counts,
 * parameter count) is a CliError — found before training.
 */
function checkOptimizerState(
  path: string,
  saved: unknown,
  expected: ExpectedOptimizer,
  model: nn.Module,
): void {
  const name = expected.name;
  const fresh = optim.create(name, model.parameters(), expected.options);
  const quoted = JSON.stringify(path);
  const state = saved as { type?: unknown; hyper?: unknown };
  if (state.type !== fresh.typeName) {
    throw new UsageError(
      `--resume ${quoted}: the optimizer state is for ${clip(JSON.stringify(state.type) ?? "nothing")}, but the run recorded optimizer ${name} (${fresh.typeName}); the checkpoint contradicts itself`,
      "train",
    );
  }
  const hyper = isObject(state.hyper as JsonValue) ? (state.hyper as JsonObject) : {};
  for (const [key, value] of Object.entries(fresh.hyperParameters)) {
    if (expected.scheduled.includes(key)) continue;
    const a = JSON.stringify(value);
    const b = JSON.stringify(hyper[key] ?? null);
    if (a !== b) {
      throw new UsageError(
        `--resume ${quoted}: optimizer ${key} differs (optimizer state ${clip(b)}, run settings ${clip(a)}); the checkpoint contradicts itself`,
        "train",
      );
    }
  }
  try {
    fresh.loadStateDict(saved);
  } catch (e) {
    if (!(e instanceof MyelinError)) throw e;
    throw new CliError(
      `--resume ${quoted} has an optimizer state this model cannot use (${e.message})`,
      "resume only checkpoints written by `myelin train --checkpoint` for the same run",
      { cause: e },
    );
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function clip(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + "…" : s;
}
