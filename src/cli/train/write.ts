// Train step 5 (write): score the model on train/validation/test (through the metadata, exactly as
// the saved file will predict), add the training summary to the metadata, save the model file and
// write the HTML report.
import { mkdirSync } from "node:fs";
import { dirname, relative } from "node:path";
import { io } from "../../node/index.js";
import { scoreWithMetadata, type Scores } from "../../train/inference.js";
import { describeArchitecture } from "../architecture.js";
import type { LoadedData } from "../data-source.js";
import { writeReport, type ReportInput } from "../report.js";
import type { BuiltRun } from "./build.js";
import type { FitOutcome } from "./fit.js";
import { hyperParameterRecord } from "./hyper-parameters.js";
import type { OutputPaths } from "./paths.js";
import type { Split } from "./split.js";

export interface Written {
  scores: Record<string, Scores>;
  /** camelCase hyper-parameters, as in the model file and the report. */
  hyperParameters: ReturnType<typeof hyperParameterRecord>;
}

export async function writeRun(
  loaded: LoadedData,
  split: Split,
  run: BuiltRun,
  outcome: FitOutcome,
  paths: OutputPaths,
  cwd: string,
): Promise<Written> {
  const { model, meta, hyper } = run;
  const scores: Record<string, Scores> = {
    train: scoreWithMetadata(model, meta, split.fit.x, split.fit.y),
  };
  if (split.val) scores.validation = scoreWithMetadata(model, meta, split.val.x, split.val.y);
  scores.test = scoreWithMetadata(model, meta, split.test.x, split.test.y);
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
    testRows: split.test.x.shape[0],
    seconds: outcome.seconds,
  };
  mkdirSync(dirname(paths.model), { recursive: true });
  await io.save(model, paths.model, meta);
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
      modelPath: relative(cwd, paths.model),
    };
    if (split.fit.x.shape[1] === 2 && loaded.all.task !== "regression") {
      report.boundary = { model, meta, points: split.test, trainPoints: split.fit };
    }
    mkdirSync(dirname(paths.report), { recursive: true });
    await writeReport(paths.report, report);
  }
  return { scores, hyperParameters };
}

/** {train: {loss, accuracy…}, test: …} → {"train.loss": …, "test.accuracy": …} (numbers only). */
function flatScores(scores: Record<string, Scores>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [part, s] of Object.entries(scores)) {
    for (const [k, v] of Object.entries(s)) if (typeof v === "number") out[`${part}.${k}`] = v;
  }
  return out;
}
