// `myelin train`'s flags, declared once: parsing, --help and the hyper-parameter record (model
// file, report, and the --resume "same run" check) all read this table. TrainConfig is the typed
// result with the data-dependent defaults (layers, activation, epochs, batch size, lr) filled in.
import { activations, optim, train } from "../../node/index.js";
import { COMMON_FLAGS, defineFlags, helpText, parseArgs, type Flags } from "../args.js";
import { CHECKPOINT_FLAGS } from "../checkpointing.js";
import { dataKind, SYNTHETIC, type DataKind } from "../data-source.js";
import type { CsvReadOptions } from "../csv-file.js";
import { DELIMITER_FLAG, delimiterOf } from "../csv-flags.js";
import { UsageError } from "../output.js";
import { INIT_HELP, resolveInit, type InitName } from "./initialize.js";
import { checkOptimizerFlags } from "./optimizer-options.js";
import { parseSchedule, SCHEDULE_FORMS, type ScheduleSpec } from "./schedule.js";

/**
 * Early stopping's default patience (epochs without a lower validation loss). Measured on iris
 * (75/25 files, 37 test rows, seeds 1–12, 150 epochs): patience 10 and 20 both score 0.962 on
 * average (0.946–0.973, as training every epoch does) in 57 and 74 epochs; 40 has a worse worst
 * case (0.919). 20 leaves room for the noise of a small validation set.
 */
export const PATIENCE = 20;

/**
 * Flags whose default depends on the kind of data, resolved in TrainConfig. They differ from
 * train.fit's (adam lr 1e-3, batch 32, 10 epochs; train.mlp: relu) on purpose: fit knows nothing
 * about the data and keeps PyTorch's and Keras's conventions, while these were chosen per kind —
 * small CSV tables train in seconds with more epochs (early stopping ends them).
 */
interface DataDefaults {
  layers: number[];
  activation: string;
  epochs: number;
  "batch-size": number;
  lr: number;
}

const DATA_DEFAULTS: Record<DataKind, Omit<DataDefaults, "layers"> & { layers: string }> = {
  idx: { layers: "128", activation: "relu", epochs: 5, "batch-size": 128, lr: 0.001 },
  synthetic: { layers: "16,16", activation: "tanh", epochs: 250, "batch-size": 32, lr: 0.01 },
  // one hidden layer of 64 and lr 0.003: over seeds 1–10 the only setting tried (16,16 / 64 /
  // 64,64 / 32-batch / lr 0.01 vs 0.003) within 2 points of scikit-learn's MLP on all five
  // test/fixtures/tabular sets (docs/benchmarks-tabular.md)
  csv: { layers: "64", activation: "tanh", epochs: 150, "batch-size": 16, lr: 0.003 },
};

/** "(default 5 IDX, 250 synthetic, 150 CSV)" for --help, from DATA_DEFAULTS. */
function byKind(key: keyof DataDefaults): string {
  const d = DATA_DEFAULTS;
  return `(default ${d.idx[key]} IDX, ${d.synthetic[key]} synthetic, ${d.csv[key]} CSV)`;
}

export const TRAIN_FLAGS = defineFlags({
  data: {
    type: "string",
    value: "SRC",
    default: "spirals",
    help: `${SYNTHETIC.join("|")}|FILE.csv|idx:DIR|fashion-mnist`,
  },
  target: { type: "string", value: "COL", help: "CSV target column (default: the last column)" },
  task: {
    type: "string",
    value: "T",
    help: "CSV target kind",
    choices: ["auto", "classification", "regression"],
    default: "auto",
  },
  samples: {
    type: "int",
    value: "N",
    min: 4,
    max: 1e6,
    help: "samples of a synthetic set (default 600 spirals, 400 the others)",
  },
  noise: {
    type: "number",
    value: "X",
    min: 0,
    help: "noise of a synthetic set (default 0.02 spirals, 0 blobs, 0.1 the others)",
  },
  layers: {
    type: "string",
    value: "H,H",
    hyper: "fixed",
    help: `hidden widths, e.g. 16,16 ("" for none) ${byKind("layers")}`,
  },
  activation: {
    type: "string",
    value: "NAME",
    names: [...activations.names, ...Object.keys(activations.aliases)],
    hyper: "fixed",
    help: `hidden activation (relu, tanh, gelu, …) ${byKind("activation")}`,
  },
  init: {
    type: "string",
    value: "NAME",
    hyper: "fixed",
    help: INIT_HELP,
  },
  loss: {
    type: "string",
    value: "NAME",
    names: train.LOSS_NAMES,
    hyper: "fixed",
    help: "loss (default: crossEntropy, bceWithLogits or mse by task)",
  },
  optimizer: {
    type: "string",
    value: "NAME",
    names: optim.OPTIMIZER_NAMES,
    hyper: "fixed",
    default: "adam",
    help: "optimizer (adam, sgd, rmsprop, …)",
  },
  lr: {
    type: "number",
    value: "X",
    min: 0,
    hyper: "fixed",
    help: `learning rate ${byKind("lr")}`,
  },
  momentum: {
    type: "number",
    value: "M",
    min: 0,
    hyper: "fixed",
    help: "momentum μ of sgd (b ← μb + g, θ ← θ − η·b) or rmsprop (default 0: none)",
  },
  nesterov: {
    type: "boolean",
    hyper: "fixed",
    help: "Nesterov momentum for sgd, θ ← θ − η·(g + μb); needs --momentum (default off)",
  },
  "weight-decay": {
    type: "number",
    value: "D",
    min: 0,
    hyper: "fixed",
    help: "weight decay λ: adamw decays θ ← θ(1 − ηλ) (decoupled); the others add λθ to the gradient (default the optimizer's: 0, adamw 0.01)",
  },
  schedule: {
    type: "string",
    value: "S",
    default: "none",
    hyper: "fixed",
    help: `learning-rate schedule, stepped after each epoch: ${SCHEDULE_FORMS}`,
  },
  epochs: {
    type: "int",
    value: "N",
    min: 1,
    max: 1e6,
    hyper: "may-grow",
    help: `training epochs ${byKind("epochs")}`,
  },
  "batch-size": {
    type: "int",
    value: "N",
    min: 1,
    hyper: "fixed",
    help: `mini-batch size ${byKind("batch-size")}`,
  },
  "clip-norm": {
    type: "number",
    value: "X",
    min: 0,
    hyper: "fixed",
    help: "clip the global gradient norm to X (default: no clipping)",
  },
  "clip-value": {
    type: "number",
    value: "V",
    min: 0,
    hyper: "fixed",
    help: "clip every gradient element to [−V, V], after --clip-norm (default: no clipping)",
  },
  l1: {
    type: "number",
    value: "X",
    min: 0,
    hyper: "fixed",
    help: "L1 penalty l1·Σ|w| added to the loss (default 0)",
  },
  l2: {
    type: "number",
    value: "X",
    min: 0,
    hyper: "fixed",
    help: "L2 penalty l2·Σw² added to the loss (default 0)",
  },
  "batch-norm": {
    type: "boolean",
    hyper: "fixed",
    help: "BatchNorm1d after every hidden Linear, before its activation (default off)",
  },
  dropout: {
    type: "string",
    value: "P[,P…]",
    default: "0",
    hyper: "fixed",
    help: "dropout probability after each hidden activation: one P for every hidden layer, or one per layer (as many as --layers); 0 adds none",
  },
  "no-target-scaling": {
    type: "boolean",
    hyper: "fixed",
    help: "regression: train on the raw targets (default: standardized from the training rows, stored with the model and inverted by predict, so predictions and MAE/RMSE are in the target's units)",
  },
  "validation-split": {
    type: "number",
    value: "F",
    min: 0,
    max: 0.9,
    hyper: "fixed",
    help: "fraction of the non-test rows held out for validation (seeded, stratified by class) and early stopping; 0 for none (default 0.1; 0 for IDX data)",
  },
  "validation-data": {
    type: "string",
    value: "FILE",
    help: "CSV of validation rows, same columns as --data; then no validation rows are cut from --data (default: --validation-split)",
  },
  "test-split": {
    type: "number",
    value: "F",
    min: 0,
    max: 0.9,
    hyper: "fixed",
    help: "fraction of rows for the test set (seeded, stratified by class); 0 for none (default 0.2; IDX data has its own)",
  },
  "test-data": {
    type: "string",
    value: "FILE",
    help: "CSV of test rows, same columns as --data; then no test rows are cut from --data (default: --test-split)",
  },
  patience: {
    type: "int",
    value: "N",
    min: 1,
    max: 1e6,
    hyper: "fixed",
    help: `early stopping: stop after N epochs without a lower validation loss and keep the best epoch's weights (default ${PATIENCE})`,
  },
  "no-early-stopping": {
    type: "boolean",
    help: "train every epoch and keep the last one (default: early stopping whenever there is a validation set)",
  },
  impute: {
    type: "string",
    value: "HOW",
    hyper: "fixed",
    help: 'CSV missing cells ("", NA, N/A, n/a, null, NULL): fill with the training rows\' mean or median (most frequent category for text), or drop the rows (default: an error naming the first one)',
    choices: ["mean", "median", "drop"],
  },
  categorical: {
    type: "string",
    value: "COL,COL",
    hyper: "fixed",
    help: "CSV columns to one-hot encode whatever they hold (default: the columns that are mostly text)",
  },
  delimiter: { ...DELIMITER_FLAG, hyper: "fixed" },
  preprocess: {
    type: "string",
    value: "P",
    // per-pixel standardisation: +2 points of test accuracy after 2 epochs on Fashion-MNIST
    default: "standardize",
    hyper: "fixed",
    help: "feature scaling fitted on training rows",
    choices: ["standardize", "minmax", "none"],
  },
  seed: {
    type: "int",
    value: "N",
    min: 0,
    max: 2 ** 32 - 1,
    default: 42,
    hyper: "fixed",
    help: "random seed",
  },
  out: {
    type: "string",
    value: "PATH",
    help: "model file (default myelin-runs/<data>-<time>.myelin)",
  },
  report: {
    type: "string",
    value: "PATH",
    help: 'HTML report (default beside the model; "none" to skip)',
  },
  overwrite: { type: "boolean", help: "replace existing --out/--report/--checkpoint files" },
  backend: {
    type: "string",
    value: "B",
    default: "auto",
    hyper: "fixed",
    help: "matmul backend (auto: wasm when available)",
    choices: ["auto", "js", "wasm"],
  },
  ...CHECKPOINT_FLAGS,
  ...COMMON_FLAGS,
});

export const TRAIN_HELP = helpText(
  "myelin train [options]",
  "Train a network and write a model file and an HTML report. With no options: two spirals.\nCtrl-C stops after the current batch and still saves the model (exit code 130).\nAgainst crashes: --checkpoint-every N saves weights and optimizer/RNG state every N epochs;\nrerun the same command with --resume <model>.ckpt to continue exactly where it stopped.",
  TRAIN_FLAGS,
);

type TrainFlags = Flags<typeof TRAIN_FLAGS>;

/** Flags whose text is parsed into a structured value (init name, schedule, dropout per layer). */
interface ParsedRemedies {
  init: InitName;
  schedule: ScheduleSpec;
  /** One probability for every hidden layer, or one per hidden layer. */
  dropout: number | number[];
}

/** One `myelin train` run: every flag typed, data-dependent defaults filled in. */
export type TrainConfig = Omit<TrainFlags, keyof DataDefaults | keyof ParsedRemedies> &
  DataDefaults &
  ParsedRemedies & { kind: DataKind };

/** argv → TrainConfig, or "help" for --help. Usage errors throw UsageError. */
export function parseTrainConfig(argv: string[]): TrainConfig | "help" {
  const { flags, positionals } = parseArgs(argv, TRAIN_FLAGS, "train");
  if (flags.help) return "help";
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(positionals[0])} (use --data)`,
      "train",
    );
  }
  const kind = dataKind(flags.data);
  if (kind === "idx" && flags["test-split"] !== undefined) {
    // checked before any data is read: a bad flag fails fast, even if the files are missing
    throw new UsageError("--test-split does not apply: this data has its own test set", "train");
  }
  checkHoldoutFlags(flags, kind);
  const d = DATA_DEFAULTS[kind];
  const layers = parseLayers(flags.layers ?? d.layers);
  const epochs = flags.epochs ?? d.epochs;
  const lr = flags.lr ?? d.lr;
  checkOptimizerFlags({
    optimizer: flags.optimizer,
    lr,
    momentum: flags.momentum ?? null,
    nesterov: flags.nesterov === true,
    "weight-decay": flags["weight-decay"] ?? null,
  });
  return {
    ...flags,
    kind,
    layers,
    activation: flags.activation ?? d.activation,
    epochs,
    "batch-size": flags["batch-size"] ?? d["batch-size"],
    lr,
    init: resolveInit(flags.init ?? "default"),
    schedule: parseSchedule(flags.schedule, epochs),
    dropout: parseDropout(flags.dropout, layers.length),
  };
}

/** --dropout "P" (every hidden layer) or "P,P,…" (one per hidden layer), each in [0, 1). */
function parseDropout(s: string, hiddenLayers: number): number | number[] {
  const values = s.split(",").map((part) => {
    const v = part.trim() === "" ? NaN : Number(part);
    if (!(v >= 0 && v < 1)) {
      throw new UsageError(
        `--dropout must be a probability in [0, 1), or one per hidden layer separated by commas (e.g. 0.2,0.1); got ${JSON.stringify(s)}`,
        "train",
      );
    }
    return v;
  });
  if (values.length === 1) return values[0];
  if (values.length !== hiddenLayers) {
    throw new UsageError(
      `--dropout ${s} gives ${values.length} probabilities for ${hiddenLayers} hidden layer${hiddenLayers === 1 ? "" : "s"} (--layers); give one, or one per hidden layer`,
      "train",
    );
  }
  return values;
}

/** --impute, --categorical and --delimiter as the CSV readers take them. */
export function csvReadOptions(
  flags: Partial<Pick<TrainFlags, "impute" | "categorical" | "delimiter">>,
): CsvReadOptions {
  const options: CsvReadOptions = {};
  if (flags.impute !== undefined) options.impute = flags.impute as CsvReadOptions["impute"];
  if (flags.categorical !== undefined) {
    options.categorical = flags.categorical.split(",").filter((name) => name !== "");
  }
  if (flags.delimiter !== undefined) options.delimiter = delimiterOf(flags.delimiter);
  return options;
}

function parseLayers(s: string): number[] {
  if (s.trim() === "") return [];
  return s.split(",").map((part) => {
    const v = Number(part.trim());
    if (!Number.isInteger(v) || v < 1 || v > 1 << 16) {
      throw new UsageError(
        `--layers must be positive integers separated by commas (e.g. 16,16); got ${JSON.stringify(s)}`,
        "train",
      );
    }
    return v;
  });
}

/** --test-data/--validation-data: CSV --data only, and not together with their --*-split. */
function checkHoldoutFlags(flags: TrainFlags, kind: DataKind): void {
  for (const part of ["test", "validation"] as const) {
    if (flags[`${part}-data`] === undefined) continue;
    if (kind !== "csv") {
      throw new UsageError(
        `--${part}-data needs CSV --data (synthetic sets and IDX data bring their own rows)`,
        "train",
      );
    }
    if (flags[`${part}-split`] !== undefined) {
      throw new UsageError(
        `--${part}-split does not apply with --${part}-data: no ${part} rows are cut from --data`,
        "train",
      );
    }
  }
  if (flags["no-early-stopping"] === true && flags.patience !== undefined) {
    throw new UsageError("--patience does not apply with --no-early-stopping", "train");
  }
}
