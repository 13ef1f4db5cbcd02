// CSV text → Dataset: header row, feature columns (numbers, or text taken as categories), one
// target column (class names or numbers). Streams: only the current record, the growing Float32
// blocks and the category tables are held in memory. Missing cells are an error unless imputed.
import { listForMessage } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { ChunkedArray } from "./chunked-array.js";
import { ColumnEncoder, type Impute } from "./column-encoder.js";
import { CsvParser, type CsvDelimiter, type CsvParserOptions, type CsvRecord } from "./csv.js";
import { isMissingCell } from "./csv-cells.js";
import { FeatureColumns, type CsvColumn } from "./csv-columns.js";
import { checkHeader, oneColumnNote } from "./csv-header.js";
import type { Dataset } from "./dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import { LabelTable } from "./label-table.js";

export type { CsvColumn } from "./csv-columns.js";

/** Options of the CSV training-data readers (parseCsvDataset, CsvDatasetBuilder, readCsvFile). */
export interface CsvDatasetOptions extends CsvParserOptions {
  /**
   * The target column: its name, or its index (negative counts from the end: −1 is the last
   * column). Required — a file is never given a target it does not name, so a features-only file
   * is an error listing its columns (read such files with parseCsvFeatures / CsvFeaturesBuilder).
   */
  target?: string | number;
  /**
   * "classification": target cells are class names; "regression": target must be numeric;
   * "auto" (default): regression when every target cell is a number and there are more than 20
   * distinct values and more than 5 % of the rows are distinct (or more than 65,536 distinct
   * numbers), else classification.
   */
  task?: "classification" | "regression" | "auto";
  /**
   * Feature columns to one-hot encode whatever they hold (e.g. numeric codes). Other columns are
   * categorical when most of their cells are text with 2 to max(20, half the cells) distinct
   * values; a column with a few stray text cells is an error at the first one.
   */
  categorical?: readonly string[];
  /**
   * Missing cells (see MISSING_VALUES: "", NA, N/A, n/a, null, NULL). Default: an error at the
   * first one. "mean" | "median": filled per column (most frequent category for a categorical
   * column) with values from the rows read; "drop": rows with a missing cell (target included)
   * are skipped and counted. A missing target cell is an error unless "drop".
   */
  impute?: Impute | "drop";
  /** Default "auto" (detected from the header line). */
  delimiter?: CsvDelimiter | "auto";
}

/** A CSV as read, before any encoding: what the CLI splits and then fits its encoder on. */
export interface CsvTable {
  /** x [N, D]: one column per CSV feature column; category indices; NaN where a cell was missing. */
  dataset: Dataset;
  columns: CsvColumn[];
  /** The target column's name. */
  target: string;
  /** Rows skipped by impute "drop". */
  droppedRows: number;
}

/** The Dataset of parseCsvDataset/readCsvFile, with what encoding it took. */
export interface CsvDataset extends Dataset {
  /**
   * Present when a column was categorical or cells were imputed: fitted on these rows; apply it
   * to raw rows of other files (CsvFeaturesBuilder with this encoder, then encoder.transform).
   */
  encoder?: ColumnEncoder;
  /** Rows skipped by impute "drop" (present with that option). */
  droppedRows?: number;
}

/**
 * Builds a Dataset from CSV chunks pushed in order.
 * Result (finish): x [N, D] float32 (D = columns − 1, header order without the target, a
 * categorical column replaced by one "name=category" column per category), y [N] class
 * indices for classification (labelNames sorted: numerically when every name is a number, else
 * by UTF-16 code units; task "binary" when there are 2 classes, else "multiclass"), y [N, 1] for
 * regression. Errors: DataFormatError (file, line, 1-based column) for bad headers, ragged rows
 * (either direction), bad numbers (see parseCsvNumber), empty targets and a classification target
 * with fewer than 2 classes (at the header's line and the target's column); EmptyDatasetError for an empty file or a header
 * without data rows.
 */
export class CsvDatasetBuilder {
  private readonly parser: CsvParser;
  private readonly file?: string;
  private header: string[] | null = null;
  private targetIndex = -1;
  private headerLine = 1;
  private readonly features = new ChunkedArray<Float32Array>(Float32Array);
  private readonly labels: LabelTable;
  private columns: FeatureColumns | null = null;
  private rows = 0;
  private dropped = 0;

  constructor(private readonly options: CsvDatasetOptions = {}) {
    this.file = options.file;
    this.parser = new CsvParser((r) => this.onRecord(r), {
      ...options,
      delimiter: options.delimiter ?? "auto",
    });
    this.labels = new LabelTable(options.task ?? "auto");
  }

  /** Parse the next piece of CSV text; chunks may split anywhere, even inside quotes. */
  push(chunk: string): void {
    this.parser.push(chunk);
  }

  /** The line the parser has reached (1-based). */
  get currentLine(): number {
    return this.parser.currentLine;
  }

  /**
   * The data set, ready to train on: categorical columns one-hot, missing cells imputed from
   * these rows (options.impute), with the fitted encoder attached.
   */
  finish(): CsvDataset {
    const table = this.finishTable();
    const { dataset } = table;
    const out: CsvDataset = dataset;
    if (this.options.impute === "drop") out.droppedRows = table.droppedRows;
    const impute = this.options.impute === "drop" ? undefined : this.options.impute;
    if (!table.columns.some((c) => c.categories) && impute === undefined) return out;
    const encoder = ColumnEncoder.fit(dataset.x, table.columns, { impute });
    out.x = encoder.transform(dataset.x);
    out.featureNames = encoder.outputNames;
    out.encoder = encoder;
    return out;
  }

  /** The rows as read: one column per CSV feature column (category indices, NaN for gaps). */
  finishTable(): CsvTable {
    this.parser.end();
    if (this.header === null)
      throw new EmptyDatasetError("empty CSV file (no header row)", this.file);
    if (this.rows === 0) {
      const dropped =
        this.dropped > 0 ? ` (all ${this.dropped} had a missing cell and were dropped)` : "";
      throw new EmptyDatasetError(
        `CSV file has a header row but no data rows${dropped}`,
        this.file,
      );
    }
    const d = this.header.length - 1;
    const raw = this.features.drain() as Float32Array;
    const columns = this.columns!.finish(raw, this.rows);
    const x = new Tensor(raw, [this.rows, d]);
    const featureNames = this.header.filter((_, j) => j !== this.targetIndex);
    const target = this.labels.finish(this.rows);
    const table = (dataset: Dataset): CsvTable => ({
      dataset,
      columns,
      target: this.header![this.targetIndex],
      droppedRows: this.dropped,
    });
    if (target.kind === "regression") {
      const y = new Tensor(target.values, [this.rows, 1]);
      return table({ x, y, task: "regression", featureNames });
    }
    if (target.names.length < 2) throw this.singleClass(target.names);
    return table({
      x,
      y: new Tensor(target.indices, [this.rows]),
      task: target.names.length === 2 ? "binary" : "multiclass",
      labelNames: target.names,
      featureNames,
    });
  }

  private onRecord(record: CsvRecord): void {
    if (this.header === null) {
      this.readHeader(record);
      return;
    }
    const header = this.header;
    const { fields, line } = record;
    if (fields.length !== header.length) {
      const column = Math.min(fields.length, header.length) + 1;
      throw this.error(
        `expected ${header.length} fields as in the header, found ${fields.length}`,
        line,
        column,
      );
    }
    const columns = this.columns!;
    const target = fields[this.targetIndex];
    if (this.options.impute === "drop" && (isMissingCell(target) || columns.hasMissing(fields))) {
      this.dropped++;
      return;
    }
    columns.pushRow(fields, record.fieldLines, this.rows, this.features);
    const reason = this.labels.push(target);
    if (reason !== null) {
      const j = this.targetIndex;
      throw this.error(this.cellReason(j, reason), record.fieldLines[j], j + 1);
    }
    this.rows++;
  }

  private readHeader(record: CsvRecord): void {
    const names = checkHeader(record, this.file);
    if (names.length < 2) {
      throw new DataFormatError(
        `header has ${names.length} column; need at least one feature and a target${oneColumnNote(names)}`,
        { file: this.file, line: record.line, column: 1, fault: "header" },
      );
    }
    this.targetIndex = this.findTarget(names, record.line);
    const declared = new Set(this.options.categorical ?? []);
    for (const name of declared) {
      if (!names.includes(name) || name === names[this.targetIndex]) {
        const what = name === names[this.targetIndex] ? "is the target" : "is not in the header";
        throw new DataFormatError(`categorical column ${JSON.stringify(name)} ${what}`, {
          file: this.file,
          line: record.line,
          column: 1,
          fault: "header",
        });
      }
    }
    const fileColumns = names.map((_, j) => j).filter((j) => j !== this.targetIndex);
    this.columns = new FeatureColumns(
      fileColumns.map((j) => names[j]),
      fileColumns,
      declared,
      this.options.impute === "mean" || this.options.impute === "median",
      this.file,
    );
    this.header = names;
    this.headerLine = record.line;
  }

  /** The target's column index from options.target (a name, or an index; −1 = last). */
  private findTarget(names: string[], line: number): number {
    const target = this.options.target;
    const columns = listForMessage(names.map((n) => JSON.stringify(n)));
    const refuse = (why: string): never => {
      throw new DataFormatError(why, { file: this.file, line, column: 1, fault: "header" });
    };
    if (target === undefined) {
      return refuse(
        `no target column chosen; pass { target: "<column>" } or { target: -1 } for the last one (columns are ${columns}); a file without a target is read with parseCsvFeatures`,
      );
    }
    if (typeof target === "number") {
      const j = target < 0 ? names.length + target : target;
      if (!Number.isInteger(target) || j < 0 || j >= names.length) {
        return refuse(`target index ${target} is outside the ${names.length} columns`);
      }
      return j;
    }
    const j = names.indexOf(target);
    if (j < 0)
      return refuse(`target column ${JSON.stringify(target)} not found; columns are ${columns}`);
    return j;
  }

  /** A classification target with one class: nothing to learn, and every score would be 1. */
  private singleClass(names: string[]): DataFormatError {
    const column = this.header![this.targetIndex];
    return new DataFormatError(
      `target column ${JSON.stringify(column)} has only one class (${JSON.stringify(names[0])} in all ${this.rows} rows); a classification target needs at least 2 classes — use task "regression" (--task regression) if the column is numeric`,
      { file: this.file, line: this.headerLine, column: this.targetIndex + 1, fault: "column" },
    );
  }

  private cellReason(j: number, reason: string): string {
    const role = j === this.targetIndex ? "target column" : "column";
    return `${role} ${JSON.stringify(this.header![j])}: ${reason}`;
  }

  private error(reason: string, line: number, column: number): DataFormatError {
    return new DataFormatError(reason, { file: this.file, line, column });
  }
}

/**
 * Parse CSV chunks (strings, any split) into a Dataset without holding the whole text.
 * See CsvDatasetBuilder for the result and the errors.
 *   const ds = await parseCsvDataset(["a,b,label\n", "1,2,cat\n"], { target: "label" });
 */
export async function parseCsvDataset(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: CsvDatasetOptions = {},
): Promise<CsvDataset> {
  const builder = new CsvDatasetBuilder(options);
  for await (const chunk of chunks) builder.push(chunk);
  return builder.finish();
}

/** Synchronous parseCsvDataset for text already in memory (a string or chunks). */
export function parseCsvDatasetSync(
  input: string | Iterable<string>,
  options: CsvDatasetOptions = {},
): CsvDataset {
  const builder = new CsvDatasetBuilder(options);
  for (const chunk of typeof input === "string" ? [input] : input) builder.push(chunk);
  return builder.finish();
}
