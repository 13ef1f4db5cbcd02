// What `myelin train` says about a run before training: the first line (data, task, holdouts,
// backend), the network, the hyper-parameters and the feature scaling it uses — so no default is
// invisible. Also the report's notes. Text only; every name from the user is terminal-escaped.
import { basename } from "node:path";
import { describeArchitecture } from "../architecture.js";
import type { LoadedData } from "../data-source.js";
import { terminalSafe } from "../terminal-text.js";
import type { BuiltRun } from "./build.js";
import { earlyStoppingText } from "./early-stopping.js";
import type { FitOutcome } from "./fit.js";
import { hyperParameterRecord } from "./hyper-parameters.js";
import type { Holdout, Split } from "./split.js";

/**
 * "myelin train: iris.csv · multiclass · 101 train / 12 validation (10% of iris.csv) / 37 test
 * (test.csv) rows · backend wasm", or "… · 150 train rows, no validation set (no early
 * stopping), no test set · …" when there are none.
 */
export function firstLine(loaded: LoadedData, split: Split, backend: string): string {
  const name = terminalSafe(loaded.test || !loaded.target ? loaded.name : basename(loaded.source));
  const parts = [`${split.fit.x.shape[0]} train`];
  const missing: string[] = [];
  const { validation, test } = split.holdouts;
  if (validation) parts.push(`${validation.rows} validation (${origin(validation, name)})`);
  else missing.push("no validation set (no early stopping)");
  if (test) parts.push(`${test.rows} test (${origin(test, name)})`);
  else missing.push("no test set");
  const rows = [`${parts.join(" / ")} rows`, ...missing].join(", ");
  const source = terminalSafe(loaded.source);
  return `myelin train: ${source} · ${loaded.all.task} · ${rows} · backend ${backend}\n`;
}

function origin(h: Holdout, dataName: string): string {
  if (h.from === "file") return terminalSafe(String(h.file));
  if (h.from === "data") return `the test set of ${dataName}`;
  return `${Math.round(Number(h.fraction) * 1000) / 10}% of ${dataName}`;
}

const LOSS_TEXT: Record<string, string> = {
  crossEntropy: "softmax cross-entropy",
  bceWithLogits: "sigmoid binary cross-entropy",
  bce: "binary cross-entropy",
  mse: "mean squared error",
};

/** "network: 4 → 16 tanh → 16 tanh → 3 (softmax cross-entropy), 403 parameters". */
export function networkLine(run: BuiltRun, inFeatures: number): string {
  const widths: string[] = [String(inFeatures)];
  for (const layer of describeArchitecture(run.model, inFeatures)) {
    const c = layer.config;
    if (typeof c.outFeatures === "number") widths.push(String(c.outFeatures));
    else if (layer.type === "Dropout") widths[widths.length - 1] += ` dropout ${String(c.p)}`;
    else if (layer.type.startsWith("BatchNorm")) widths[widths.length - 1] += " batch-norm";
    else widths[widths.length - 1] += ` ${layer.type.toLowerCase()}`;
  }
  const loss = run.hyper.loss;
  const count = run.model.parameterCount().toLocaleString("en-US");
  return `network: ${widths.join(" → ")} (${LOSS_TEXT[loss] ?? loss}), ${count} parameters\n`;
}

/** Shown elsewhere (first line, network line) or below: not repeated under "also". */
const SHOWN = new Set([
  ...["layers", "activation", "loss", "batchNorm", "dropout", "optimizer", "lr", "batchSize"],
  ...["epochs", "patience", "seed", "validationSplit", "testSplit", "preprocess", "backend"],
]);

/**
 * "training: adam, lr 0.01, batch size 16, up to 150 epochs, early stopping on validation loss
 * (patience 20, best epoch kept), seed 42", then the other hyper-parameters that are set.
 */
export function trainingLine(run: BuiltRun, noEarlyStopping: boolean): string {
  const h = run.hyper;
  const stopping =
    h.patience !== null
      ? `up to ${h.epochs} epochs, early stopping on validation loss (patience ${h.patience}, best epoch kept)`
      : `${h.epochs} epochs, no early stopping (${noEarlyStopping ? "--no-early-stopping" : "no validation set"})`;
  const main = `${terminalSafe(h.optimizer)}, lr ${h.lr}, batch size ${h["batch-size"]}, ${stopping}, seed ${h.seed}`;
  const also = Object.entries(hyperParameterRecord(h))
    .filter(
      ([k, v]) => !SHOWN.has(k) && v !== null && v !== false && v !== "none" && v !== "default",
    )
    .map(([k, v]) => `${k} ${terminalSafe(typeof v === "string" ? v : JSON.stringify(v))}`);
  return `training: ${main}\n${also.length > 0 ? `  also: ${also.join(", ")}\n` : ""}`;
}

/** "features standardized (z-score, from the training rows)" and its siblings. */
export function preprocessingLine(preprocess: string): string {
  switch (preprocess) {
    case "standardize":
      return "features standardized (z-score, from the training rows)\n";
    case "minmax":
      return "features scaled to [0, 1] (min-max, from the training rows)\n";
    default:
      return "features used as they are (--preprocess none)\n";
  }
}

/** The report's lines about holdouts and early stopping. */
export function runNotes(split: Split, outcome: FitOutcome): string[] {
  const { validation, test } = split.holdouts;
  const held = (h: Holdout | null, what: string): string =>
    h ? `${h.rows} ${what} rows (${origin(h, "the data")})` : `no ${what} set`;
  const notes = [
    `${split.fit.x.shape[0]} training rows, ${held(validation, "validation")}, ${held(test, "test")}.`,
  ];
  if (outcome.earlyStopping)
    notes.push(`Early stopping: ${earlyStoppingText(outcome.earlyStopping)}.`);
  return notes;
}
