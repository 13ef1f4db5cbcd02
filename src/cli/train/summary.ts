// What `myelin train` prints at the end: the scores, where the model and report went and what to
// run next — or, under --json, one object with all of it.
import { relative } from "node:path";
import type { Scores } from "../../train/inference.js";
import { fmt, printJson, type Io } from "../output.js";
import type { LoadedData } from "../data-source.js";
import type { FitOutcome } from "./fit.js";
import type { OutputPaths } from "./paths.js";
import type { Written } from "./write.js";
import { terminalSafe } from "../terminal-text.js";

export function printTrainSummary(
  stdio: Io,
  json: boolean,
  loaded: LoadedData,
  outcome: FitOutcome,
  paths: OutputPaths,
  written: Written,
): void {
  const { scores } = written;
  const task = loaded.all.task;
  const model = relative(stdio.cwd, written.modelPath); // a rescue file when the save failed
  const report = paths.report ? relative(stdio.cwd, paths.report) : null;
  const shown = (path: string): string => terminalSafe(path, Infinity); // a path is shown whole
  if (json) {
    printJson(stdio, {
      ok: written.failures.length === 0,
      command: "train",
      data: loaded.source,
      task,
      model,
      report,
      seconds: outcome.seconds,
      epochs: outcome.history.epochs.length,
      interrupted: outcome.interrupted,
      train: scores.train,
      validation: scores.validation ?? null,
      test: scores.test,
      hyperParameters: written.hyperParameters,
      errors: written.failures,
    });
    return;
  }
  const line = (name: string, s: Scores): string =>
    task === "regression"
      ? `  ${name.padEnd(10)} loss ${fmt(s.loss)} · MAE ${fmt(s.mae)} · RMSE ${fmt(s.rmse)} · R² ${fmt(s.r2)}`
      : `  ${name.padEnd(10)} loss ${fmt(s.loss)} · accuracy ${fmt(s.accuracy)} · macro-F1 ${fmt(s.macroF1)}`;
  const rows = Object.entries(scores).map(([k, s]) => line(k, s));
  stdio.stdout(`\nTrained in ${outcome.seconds.toFixed(1)}s\n${rows.join("\n")}\n`);
  const notFinite = Object.entries(scores).flatMap(([part, s]) =>
    Object.entries(s).flatMap(([k, v]) =>
      typeof v === "number" && !Number.isFinite(v) ? [`${part}.${k}`] : [],
    ),
  );
  if (notFinite.length > 0) {
    stdio.stdout(
      `Note:   ${notFinite.join(", ")} ${notFinite.length > 1 ? "are" : "is"} not finite (stored as null in the model file)\n`,
    );
  }
  stdio.stdout(`Model:  ${shown(model)}\n`);
  if (report) stdio.stdout(`Report: ${shown(report)}\n`);
  stdio.stdout(`Next:   myelin inspect ${shown(model)}\n`);
}
