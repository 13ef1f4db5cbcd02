// `myelin predict MODEL --data FILE.csv [--out preds.csv]`: read raw rows (feature columns by the
// model's feature names; the target column, if any, is ignored), apply the stored preprocessing
// and write CSV: `label` and one `p_<class>` probability per class, or `prediction` for regression.
// Cells that a spreadsheet would run as formulas are neutralised (RELIABILITY #25).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { data, io } from "../../node/index.js";
import { csvRow } from "../../data/csv-write.js";
import { predictWithMetadata, type Prediction } from "../../train/inference.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { readCsvFeatures } from "../csv-file.js";
import { delimiterOf, MODEL_CSV_FLAGS } from "../csv-flags.js";
import { needData } from "../data-source.js";
import { atMostOneModel, modelArgument } from "../model-argument.js";
import { CliError, printJson, UsageError, type Io } from "../output.js";
import { refuseSharedFiles } from "../output-files.js";
import { checkOutputPath } from "../safe-path.js";
import { removeStaleTemps } from "../stale-temp-cleanup.js";
import { terminalSafe } from "../terminal-text.js";

const FLAGS = defineFlags({
  data: {
    type: "string",
    value: "FILE.csv",
    help: "raw rows with the model's feature columns (header row)",
  },
  out: { type: "string", value: "PATH", help: "write the predictions here instead of stdout" },
  overwrite: { type: "boolean", help: "replace an existing --out file" },
  ...MODEL_CSV_FLAGS,
  ...COMMON_FLAGS,
});

const PREDICT_HELP = helpText(
  "myelin predict MODEL --data FILE.csv [--out preds.csv]",
  "Predict every row of a CSV: label and class probabilities (classification) or the prediction (regression), as CSV.",
  FLAGS,
);

export async function runPredict(argv: string[], stdio: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "predict");
  if (flags.help) {
    stdio.stdout(PREDICT_HELP);
    return 0;
  }
  atMostOneModel(positionals, "predict");
  const spec = flags.data;
  if (spec === undefined) throw needData("predict");
  if (flags.json && flags.out === undefined) {
    throw new UsageError("--json needs --out (stdout carries the CSV)", "predict");
  }
  const outPath =
    flags.out === undefined
      ? null
      : checkOutputPath(flags.out, stdio.cwd, {
          flag: "--out",
          command: "predict",
          overwrite: Boolean(flags.overwrite),
        });
  const modelPath = modelArgument(positionals, "predict", stdio.cwd);
  const dataPath = resolve(stdio.cwd, spec);
  if (!existsSync(dataPath))
    throw new CliError(`--data ${JSON.stringify(spec)}: no such file`, "predict reads a CSV file");
  if (outPath) {
    const inputs = [
      { flag: "MODEL", path: modelPath },
      { flag: "--data", path: dataPath },
    ];
    refuseSharedFiles({ command: "predict", outputs: [{ flag: "--out", path: outPath }], inputs });
    await removeStaleTemps([outPath], stdio, "predict");
  }
  const { model, meta } = await io.load(modelPath);
  if (!meta.featureNames)
    throw new CliError(
      "the model file has no featureNames, so CSV columns cannot be matched",
      "retrain with myelin train",
    );
  const { x } = await readCsvFeatures(dataPath, spec, {
    featureNames: meta.featureNames,
    target: meta.target,
    readTarget: false,
    encoder: data.columnEncoderOf(meta.preprocessing),
    unknownCategory: flags["unknown-category"] === "ignore" ? "ignore" : "error",
    ...(flags.delimiter !== undefined ? { delimiter: delimiterOf(flags.delimiter) } : {}),
  });
  const prediction = predictWithMetadata(model, meta, x);
  // The CSV is data: a file or a pipe gets the exact label bytes. A terminal gets labels with
  // escape sequences, CR and bidi overrides shown as visible escapes (see terminal-text.ts).
  const toTerminal = outPath === null && stdio.isTTY;
  const labels = toTerminal ? meta.labelNames?.map((n) => terminalSafe(n)) : meta.labelNames;
  const text = toCsv(prediction, labels);
  if (outPath) {
    // without --overwrite, create: a file that appeared since the check is never replaced
    await io.writeFileAtomic(outPath, new TextEncoder().encode(text), {
      exclusive: flags.overwrite !== true,
    });
    if (flags.json)
      printJson(stdio, { ok: true, command: "predict", rows: x.shape[0], out: flags.out });
    else
      stdio.stderr(
        `myelin predict: wrote ${x.shape[0]} predictions to ${terminalSafe(String(flags.out))}\n`,
      );
  } else {
    stdio.stdout(text);
  }
  return nonFiniteWarning(prediction, stdio);
}

/**
 * 0 when every row's outputs are finite; else one stderr warning (how many rows, the first) and
 * 1. Such rows are written all the same: empty label and NaN probabilities, or NaN/±Infinity.
 */
function nonFiniteWarning(p: Prediction, stdio: Io): number {
  if (p.nonFiniteRows === 0) return 0;
  const n = p.task === "regression" ? p.values.shape[0] : p.classes.length;
  const first = firstNonFiniteRow(p);
  const written =
    p.task === "regression" ? "as NaN/Infinity" : "with an empty label and NaN probabilities";
  stdio.stderr(
    `myelin predict: warning: ${p.nonFiniteRows} of ${n} rows have non-finite outputs (NaN or Infinity), the first is data row ${first + 1}; they are written ${written}\n` +
      "  fix: the model's weights hold NaN/Infinity (check it with myelin inspect, retrain it) or those rows' values overflow\n",
  );
  return 1;
}

function firstNonFiniteRow(p: Prediction): number {
  if (p.task !== "regression") return p.classes.indexOf(-1);
  const k = p.values.shape[0] === 0 ? 1 : p.values.size / p.values.shape[0];
  const i = p.values.data.findIndex((v) => !Number.isFinite(v));
  return Math.floor(i / k);
}

/** The predictions as CSV text (header + one row per input row). */
function toCsv(p: Prediction, labelNames: string[] | undefined): string {
  const parts: string[] = [];
  if (p.task === "regression") {
    const k = p.values.ndim === 2 ? p.values.shape[1] : 1;
    parts.push(
      csvRow(k === 1 ? ["prediction"] : Array.from({ length: k }, (_, j) => `prediction_${j + 1}`)),
    );
    for (let i = 0; i < p.values.shape[0]; i++)
      parts.push(csvRow(Array.from(p.values.data.subarray(i * k, (i + 1) * k))));
    return parts.join("");
  }
  const c = p.numClasses;
  const names = Array.from({ length: c }, (_, j) => labelNames?.[j] ?? String(j));
  parts.push(csvRow(["label", ...names.map((n) => `p_${n}`)]));
  for (let i = 0; i < p.classes.length; i++) {
    const probs = Array.from(p.probabilities.subarray(i * c, (i + 1) * c), (v) =>
      Number(v.toPrecision(6)),
    );
    // a row without a class (non-finite outputs) gets an empty label, never a guessed one
    parts.push(csvRow([p.classes[i] < 0 ? "" : names[p.classes[i]], ...probs]));
  }
  return parts.join("");
}
