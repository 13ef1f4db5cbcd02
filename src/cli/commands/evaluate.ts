// `myelin evaluate MODEL --data SRC`: loss and metrics of a saved model on data — accuracy,
// macro-F1 and the confusion matrix for classification; MAE, RMSE and R² for regression. A CSV is
// read by the model's feature names, and its target cells are mapped onto the stored labels.
// A model whose outputs are not finite on some rows is refused (exit 1), not scored.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { data, io, type Tensor } from "../../node/index.js";
import { scoreWithMetadata } from "../../train/inference.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs, type Flags } from "../args.js";
import { readCsvFeatures } from "../csv-file.js";
import { delimiterOf, MODEL_CSV_FLAGS } from "../csv-flags.js";
import { dataKind, loadData, needData, SYNTHETIC } from "../data-source.js";
import { atMostOneModel, modelArgument } from "../model-argument.js";
import { CliError, fmt, printJson, UsageError, type Io } from "../output.js";
import { terminalSafe } from "../terminal-text.js";

const FLAGS = defineFlags({
  data: {
    type: "string",
    value: "SRC",
    help: `FILE.csv|idx:DIR|fashion-mnist|${SYNTHETIC.join("|")}`,
  },
  target: {
    type: "string",
    value: "COL",
    help: "CSV target column (default: the one the model was trained on)",
  },
  seed: {
    type: "int",
    value: "N",
    min: 0,
    max: 2 ** 32 - 1,
    default: 42,
    help: "seed of a synthetic set",
  },
  samples: { type: "int", value: "N", min: 1, max: 1e6, help: "samples of a synthetic set" },
  ...MODEL_CSV_FLAGS,
  ...COMMON_FLAGS,
});

const EVALUATE_HELP = helpText(
  "myelin evaluate MODEL --data SRC [--json]",
  "Score a model file on data: loss, accuracy, macro-F1 and confusion matrix (classification) or MAE, RMSE and R² (regression). IDX sources use their test files.",
  FLAGS,
);

/** Labeled rows for evaluation: x raw features and y in the model's label indices. */
async function labeledRows(
  spec: string,
  meta: io.ModelMetadata,
  flags: Flags<typeof FLAGS>,
  cwd: string,
): Promise<{ x: Tensor; y: Tensor }> {
  if (dataKind(spec) === "csv") {
    const path = resolve(cwd, spec);
    if (!existsSync(path))
      throw new CliError(`--data ${JSON.stringify(spec)}: no such file`, "check the path");
    if (!meta.featureNames)
      throw new CliError(
        "the model file has no featureNames, so CSV columns cannot be matched",
        "retrain with myelin train",
      );
    const target = flags.target ?? meta.target;
    if (target === undefined)
      throw new UsageError(
        "the model does not name its target column; pass --target COL",
        "evaluate",
      );
    const rows = await readCsvFeatures(path, spec, {
      featureNames: meta.featureNames,
      target,
      readTarget: true,
      labelNames: meta.task === "regression" ? undefined : meta.labelNames,
      encoder: data.columnEncoderOf(meta.preprocessing),
      unknownCategory: flags["unknown-category"] === "ignore" ? "ignore" : "error",
      ...(flags.delimiter !== undefined ? { delimiter: delimiterOf(flags.delimiter) } : {}),
    });
    return { x: rows.x, y: rows.y! };
  }
  const loaded = await loadData(spec, cwd, { seed: flags.seed, samples: flags.samples });
  const ds = loaded.test ?? loaded.all;
  return { x: ds.x, y: ds.y };
}

export async function runEvaluate(argv: string[], stdio: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "evaluate");
  if (flags.help) {
    stdio.stdout(EVALUATE_HELP);
    return 0;
  }
  atMostOneModel(positionals, "evaluate");
  const spec = flags.data;
  if (spec === undefined) throw needData("evaluate");
  const path = modelArgument(positionals, "evaluate", stdio.cwd);
  const { model, meta } = await io.load(path);
  const { x, y } = await labeledRows(spec, meta, flags, stdio.cwd);
  if (meta.featureNames && x.shape[1] !== meta.featureNames.length) {
    throw new CliError(
      `--data has ${x.shape[1]} features but the model takes ${meta.featureNames.length}`,
      "evaluate on data shaped like the training data",
    );
  }
  const scores = scoreWithMetadata(model, meta, x, y);
  if (scores.nonFiniteRows !== undefined) {
    // accuracy over rows that have no class would count them as some class: refuse instead
    throw new CliError(
      `the model's outputs are not finite (NaN or Infinity) for ${scores.nonFiniteRows} of ${x.shape[0]} rows, so no score is reported`,
      "the model's weights hold NaN/Infinity (check it with myelin inspect, retrain it) or those rows' values overflow",
    );
  }
  if (flags.json) {
    printJson(stdio, {
      ok: true,
      command: "evaluate",
      model: positionals[0],
      data: spec,
      rows: x.shape[0],
      task: meta.task ?? null,
      labelNames: meta.labelNames ?? null,
      ...scores,
    });
    return 0;
  }
  const lines = [
    `Evaluated ${terminalSafe(positionals[0])} on ${terminalSafe(spec)} (${x.shape[0]} rows)`,
    `  loss      ${fmt(scores.loss)}`,
  ];
  if (scores.accuracy !== undefined) {
    lines.push(
      `  accuracy  ${fmt(scores.accuracy)}`,
      `  macro-F1  ${fmt(scores.macroF1)}`,
      "",
      "Confusion matrix (rows: true class, columns: predicted)",
    );
    lines.push(...confusionLines(scores.confusion!, meta.labelNames));
  } else {
    lines.push(
      `  MAE       ${fmt(scores.mae)}`,
      `  RMSE      ${fmt(scores.rmse)}`,
      `  R²        ${fmt(scores.r2)}`,
    );
  }
  stdio.stdout(lines.join("\n") + "\n");
  return 0;
}

function confusionLines(m: number[][], labels: string[] | undefined): string[] {
  // labels come from the file: escaped for the terminal, then cut to the column width
  const names = m.map((_, i) => terminalSafe(labels?.[i] ?? String(i), 14));
  const w =
    Math.max(6, ...names.map((s) => s.length), ...m.flat().map((v) => String(v).length)) + 1;
  const head = "".padEnd(w) + names.map((s) => s.padStart(w)).join("");
  return [
    head,
    ...m.map((row, i) => names[i].padEnd(w) + row.map((v) => String(v).padStart(w)).join("")),
  ];
}
