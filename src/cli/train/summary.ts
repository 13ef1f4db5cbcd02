// What `myelin train` prints at the end: the scores (or that there is no test set), which epoch
// early stopping kept, the health warnings of the run (diagnostics.healthCheck), where the model
// and report went and what to run next — or, under --json,
// one object with all of it.
import { relative } from "node:path";
import type { Scores } from "../../train/inference.js";
import { fmt, printJson, type Io } from "../output.js";
import type { LoadedData } from "../data-source.js";
import { earlyStoppingText } from "./early-stopping.js";
import type { FitOutcome } from "./fit.js";
import type { OutputPaths } from "./paths.js";
import type { Split } from "./split.js";
import type { Written } from "./write.js";
import { terminalSafe } from "../terminal-text.js";

export interface TrainResult {
  loaded: LoadedData;
  split: Split;
  outcome: FitOutcome;
  paths: OutputPaths;
  written: Written;
}

export function printTrainSummary(stdio: Io, json: boolean, result: TrainResult): void {
  const { loaded, split, outcome, paths, written } = result;
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
      test: scores.test ?? null,
      holdouts: split.holdouts,
      earlyStopping: outcome.earlyStopping ?? null,
      health: outcome.diagnostics.warnings,
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
  if (!scores.test) rows.push(`  ${"test".padEnd(10)} ${noTestSet(split)}`);
  stdio.stdout(`\nTrained in ${outcome.seconds.toFixed(1)}s\n${rows.join("\n")}\n`);
  if (outcome.earlyStopping) {
    stdio.stdout(`Epochs: ${earlyStoppingText(outcome.earlyStopping)}\n`);
  }
  stdio.stdout(healthText(outcome.diagnostics.warnings));
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

/** "Health: no warnings", or one indented line per warning with its remedy. */
function healthText(warnings: FitOutcome["diagnostics"]["warnings"]): string {
  if (warnings.length === 0)
    return "Health: no warnings (gradient flow, dead and saturated units)\n";
  const rows = warnings.map((w) => `  epoch ${w.epoch}: ${w.message} — ${w.remedy}`);
  return `Health: ${warnings.length} warning${warnings.length > 1 ? "s" : ""}\n${rows.join("\n")}\n`;
}

/** Why there are no test scores, and how to get some. */
function noTestSet(split: Split): string {
  const why = split.testSplit === 0 ? "--test-split 0" : "no test rows";
  return `none: no test set (${why}); score a held-out file with myelin evaluate MODEL --data FILE, or give --test-data FILE`;
}
