// Reading CSV files for the CLI, each exactly once: streamCsvFile pushes the decoded text into a
// parser-backed builder (training rows, or a model's feature columns). No whole-file text.
// Training rows stay raw (category indices, NaN gaps) until train/features.ts fits the encoder.
import { data, type Tensor } from "../node/index.js";
import { streamCsvFile } from "../node/data/stream-csv.js";
import { terminalSafe } from "./terminal-text.js";

export interface TrainingCsv {
  /** x as read: one column per CSV feature column (category indices, NaN for imputed gaps). */
  all: data.Dataset;
  /** The target column: the one asked for, else the header's last column. */
  target?: string;
}

/** --impute, --categorical and --delimiter, as the readers take them. */
export interface CsvReadOptions {
  impute?: "mean" | "median" | "drop";
  categorical?: string[];
  delimiter?: "," | ";" | "\t";
}

/** What the training reader found about the columns, kept on the raw rows it returns. */
interface TableInfo {
  columns: data.CsvColumn[];
  droppedRows: number;
  impute?: CsvReadOptions["impute"];
}

const TABLE = Symbol("csv table");

/**
 * A training CSV in one pass. The rows stay raw (the encoder is fitted on the training rows only,
 * in train/features.ts); the columns' kinds ride along on the returned data set.
 */
export async function readTrainingCsv(
  path: string,
  display: string,
  options: { target?: string; task: "auto" | "classification" | "regression" } & CsvReadOptions,
): Promise<TrainingCsv> {
  // the CLI's documented rule (--target's help): no --target means the header's last column
  const target = options.target ?? -1;
  const builder = new data.CsvDatasetBuilder({ ...options, target, file: display });
  await streamCsvFile(path, builder, { file: display });
  const table = builder.finishTable();
  const info: TableInfo = { columns: table.columns, droppedRows: table.droppedRows };
  if (options.impute) info.impute = options.impute;
  Object.defineProperty(table.dataset, TABLE, { value: info, enumerable: false });
  return { all: table.dataset, target: table.target };
}

/** The column kinds readTrainingCsv found, or null for data that did not come from it. */
export function tableInfo(ds: data.Dataset): TableInfo | null {
  return (ds as { [TABLE]?: TableInfo })[TABLE] ?? null;
}

/** Whether the training file was read with --impute drop (holdout files then drop too). */
export function dropsMissing(ds: data.Dataset): boolean {
  return tableInfo(ds)?.impute === "drop";
}

/**
 * For reading more rows like the training file (--test-data, --validation-data) before the
 * encoder is fitted: its categories, and a placeholder fill wherever --impute will fill gaps (the
 * reader only needs to know a gap is allowed; the fitted encoder supplies the value). undefined
 * for a file with no categorical column and no imputation.
 */
export function provisionalEncoder(ds: data.Dataset): data.ColumnEncoder | undefined {
  const info = tableInfo(ds);
  const fills = info?.impute === "mean" || info?.impute === "median";
  if (info === null || (!fills && !info.columns.some((c) => c.categories))) return undefined;
  return new data.ColumnEncoder(info.columns.map((c) => ({ ...c, ...(fills ? { fill: 0 } : {}) })));
}

/** Lines for the training output: categorical columns and dropped rows. */
export function csvNotes(ds: data.Dataset): string[] {
  const info = tableInfo(ds);
  if (info === null) return [];
  const notes = info.columns.flatMap((c) =>
    c.categories
      ? [
          `column ${terminalSafe(JSON.stringify(c.name))} is categorical: ${c.categories.length} categor${c.categories.length === 1 ? "y" : "ies"}, one-hot`,
        ]
      : [],
  );
  if (info.impute === "drop") {
    notes.push(
      `--impute drop: dropped ${info.droppedRows} row${info.droppedRows === 1 ? "" : "s"} with a missing cell`,
    );
  } else if (info.impute) {
    notes.push(
      `--impute ${info.impute}: missing cells filled with the training rows' ${info.impute === "mean" ? "means" : "medians"} (most frequent category for text), stored with the model`,
    );
  }
  return notes;
}

/** A CSV's feature columns (by the model's featureNames) and optionally its target. */
export async function readCsvFeatures(
  path: string,
  display: string,
  options: {
    featureNames: string[];
    target?: string;
    readTarget: boolean;
    labelNames?: string[];
    encoder?: data.ColumnEncoder;
    unknownCategory?: "error" | "ignore";
    delimiter?: CsvReadOptions["delimiter"];
  },
): Promise<{ x: Tensor; y?: Tensor }> {
  const builder = new data.CsvFeaturesBuilder({ ...options, file: display });
  await streamCsvFile(path, builder, { file: display });
  return builder.finish();
}
