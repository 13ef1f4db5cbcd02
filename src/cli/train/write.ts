// Train step 5 (write): score the model on train/validation/test (through the metadata, exactly as
// the saved file will predict), add the training summary to the metadata, save the model file and
// write the HTML report. A trained model is never dropped: a save that fails goes to a rescue file
// (rescue-save.ts), and every output that could not be written as asked is listed in `failures`.
import { mkdirSync } from "node:fs";
import { dirname, relative } from "node:path";
import { modelToBytes } from "../../io/model.js";
import type { ModelMetadata } from "../../io/model.js";
import type { Module } from "../../nn/module.js";
import { scoreWithMetadata, type Scores } from "../../train/inference.js";
import { describeArchitecture } from "../architecture.js";
import type { LoadedData } from "../data-source.js";
import { CliError } from "../output.js";
import { writeReport, type ReportInput } from "../report.js";
import { saveOrRescue, type RescueOptions } from "../rescue-save.js";
import type { BuiltRun } from "./build.js";
import { diagnosticsRecord } from "./diagnostics-record.js";
import type { FitOutcome } from "./fit.js";
import { hyperParameterRecord } from "./hyper-parameters.js";
import type { OutputPaths } from "./paths.js";
import { runNotes } from "./run-description.js";
import type { Split } from "./split.js";

export interface Written {
  scores: Record<string, Scores>;
  /** camelCase hyper-parameters, as in the model file and the report. */
  hyperParameters: ReturnType<typeof hyperParameterRecord>;
  /** Where the model file is: paths.model, or a rescue file when saving there failed. */
  modelPath: string;
  /** One line per output not written as asked (the command then exits 1). */
  failures: string[];
}

export interface WriteOptions {
  /** --overwrite: replace existing files; otherwise outputs are created exclusively. */
  overwrite: boolean;
  /** The file writer (tests inject faults). Default io.writeFileAtomic. */
  write?: RescueOptions["write"];
}

export async function writeRun(
  loaded: LoadedData,
  split: Split,
  run: BuiltRun,
  outcome: FitOutcome,
  paths: OutputPaths,
  cwd: string,
  options: WriteOptions = { overwrite: false },
): Promise<Written> {
  const { model, meta, hyper } = run;
  const scores: Record<string, Scores> = {
    train: scoreWithMetadata(model, meta, split.fit.x, split.fit.y),
  };
  if (split.val) scores.validation = scoreWithMetadata(model, meta, split.val.x, split.val.y);
  if (split.test) scores.test = scoreWithMetadata(model, meta, split.test.x, split.test.y);
  const hyperParameters = hyperParameterRecord(hyper);
  meta.training = {
    epochsRun: outcome.history.epochs.length,
    interrupted: outcome.interrupted,
    finalMetrics: flatScores(scores),
    hyperParameters,
    seed: hyper.seed,
    date: new Date().toISOString(),
    dataSource: loaded.source,
    trainRows: split.fit.x.shape[0],
    testRows: split.test?.x.shape[0] ?? 0,
    seconds: outcome.seconds,
    holdouts: split.holdouts,
    diagnostics: diagnosticsRecord(outcome.diagnostics),
  };
  if (outcome.earlyStopping) meta.training.earlyStopping = outcome.earlyStopping;
  const failures: string[] = [];
  const bytes = encodeModel(model, meta, failures);
  const exclusive = !options.overwrite;
  try {
    mkdirSync(dirname(paths.model), { recursive: true });
  } catch {
    // the save below fails too, and rescues the model
  }
  const saved = await saveOrRescue(paths.model, bytes, { exclusive, write: options.write });
  if (saved.failure !== null) {
    failures.push(
      `could not save the model to ${relative(cwd, paths.model)} (${saved.failure}); it is in ${saved.path}`,
    );
  }
  if (paths.report) {
    const report: ReportInput = {
      title: `Myelin training report — ${loaded.name}`,
      source: loaded.source,
      task: loaded.all.task,
      history: outcome.history.toJSON(),
      scores,
      hyperParameters,
      architecture: describeArchitecture(model, split.fit.x.shape[1]),
      labelNames: meta.labelNames,
      seconds: outcome.seconds,
      modelPath: relative(cwd, saved.path),
      notes: runNotes(split, outcome),
      diagnostics: outcome.diagnostics,
    };
    if (split.fit.x.shape[1] === 2 && loaded.all.task !== "regression") {
      report.boundary = { model, meta, points: split.test ?? split.fit, trainPoints: split.fit };
    }
    try {
      mkdirSync(dirname(paths.report), { recursive: true });
      await writeReport(paths.report, report, { exclusive, write: options.write });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      failures.push(`could not write the report ${relative(cwd, paths.report)} (${why})`);
    }
  }
  return { scores, hyperParameters, modelPath: saved.path, failures };
}

/**
 * The model file's bytes. Should the training summary be refused by the writer, the model is
 * encoded without it (and a failure says so) rather than lost; an error that remains is a
 * CliError about writing — never a "not a valid model file" meant for files being loaded.
 */
function encodeModel(model: Module, meta: ModelMetadata, failures: string[]): Uint8Array {
  try {
    return modelToBytes(model, meta);
  } catch (first) {
    const why = first instanceof Error ? first.message : String(first);
    try {
      const bare = { ...meta };
      delete bare.training;
      const bytes = modelToBytes(model, bare);
      failures.push(`the training summary could not be stored in the model file (${why})`);
      return bytes;
    } catch {
      throw new CliError(`could not encode the trained model: ${why}`, "please report this bug", {
        cause: first,
      });
    }
  }
}

/**
 * {train: {loss, accuracy…}, test: …} → {"train.loss": …, "test.accuracy": …}. JSON has no NaN
 * or ±Infinity: a non-finite metric is stored as null (the summary says which).
 */
function flatScores(scores: Record<string, Scores>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [part, s] of Object.entries(scores)) {
    for (const [k, v] of Object.entries(s)) {
      if (typeof v === "number") out[`${part}.${k}`] = Number.isFinite(v) ? v : null;
    }
  }
  return out;
}
