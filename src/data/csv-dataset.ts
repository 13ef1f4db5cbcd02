// CSV text → Dataset: header row, strictly numeric feature columns, one target column (class names
// or numbers). Streams: only the current record and the growing Float32 blocks are held in memory.
import { Tensor } from "../tensor/tensor.js";
import { ChunkedArray } from "./chunked-array.js";
import { CsvParser, type CsvParserOptions, type CsvRecord } from "./csv.js";
import { parseCsvNumber } from "./csv-number.js";
import type { Dataset } from "./dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import { LabelTable } from "./label-table.js";

export interface CsvDatasetOptions extends CsvParserOptions {
  /** Name of the target column. Default: the last column. */
  target?: string;
  /**
   * "classification": target cells are class names; "regression": target must be numeric;
   * "auto" (default): regression when every target cell is a number and there are more than 20
   * distinct values and more than 5 % of the rows are distinct (or more than 65,536 distinct
   * numbers), else classification.
   */
  task?: "classification" | "regression" | "auto";
}

/**
 * Builds a Dataset from CSV chunks pushed in order.
 * Result: x [N, D] float32 (D = columns − 1, header order without the target), y [N] class
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
  private rows = 0;

  constructor(private readonly options: CsvDatasetOptions = {}) {
    this.file = options.file;
    this.parser = new CsvParser((r) => this.onRecord(r), options);
    this.labels = new LabelTable(options.task ?? "auto");
  }

  push(chunk: string): void {
    this.parser.push(chunk);
  }

  /** The line the parser has reached (1-based). */
  get currentLine(): number {
    return this.parser.currentLine;
  }

  finish(): Dataset {
    this.parser.end();
    if (this.header === null)
      throw new EmptyDatasetError("empty CSV file (no header row)", this.file);
    if (this.rows === 0) {
      throw new EmptyDatasetError("CSV file has a header row but no data rows", this.file);
    }
    const d = this.header.length - 1;
    const x = new Tensor(this.features.drain() as Float32Array, [this.rows, d]);
    const featureNames = this.header.filter((_, j) => j !== this.targetIndex);
    const target = this.labels.finish(this.rows);
    if (target.kind === "regression") {
      return { x, y: new Tensor(target.values, [this.rows, 1]), task: "regression", featureNames };
    }
    if (target.names.length < 2) throw this.singleClass(target.names);
    return {
      x,
      y: new Tensor(target.indices, [this.rows]),
      task: target.names.length === 2 ? "binary" : "multiclass",
      labelNames: target.names,
      featureNames,
    };
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
    for (let j = 0; j < fields.length; j++) {
      const cellLine = record.fieldLines[j];
      if (j === this.targetIndex) {
        const reason = this.labels.push(fields[j]);
        if (reason !== null) throw this.error(this.cellReason(j, reason), cellLine, j + 1);
        continue;
      }
      const v = parseCsvNumber(fields[j]);
      if (typeof v !== "number") throw this.error(this.cellReason(j, v.reason), cellLine, j + 1);
      this.features.push(v);
    }
    this.rows++;
  }

  private readHeader(record: CsvRecord): void {
    const names = record.fields;
    const seen = new Map<string, number>();
    for (let j = 0; j < names.length; j++) {
      if (names[j].trim() === "") {
        throw this.error(`header: column ${j + 1} has an empty name`, record.fieldLines[j], j + 1);
      }
      const before = seen.get(names[j]);
      if (before !== undefined) {
        throw this.error(
          `header: duplicate column name ${JSON.stringify(names[j])} (also column ${before + 1})`,
          record.fieldLines[j],
          j + 1,
        );
      }
      seen.set(names[j], j);
    }
    if (names.length < 2) {
      throw this.error(
        `header has ${names.length} column; need at least one feature and a target`,
        record.line,
        1,
      );
    }
    const target = this.options.target;
    this.targetIndex = target === undefined ? names.length - 1 : names.indexOf(target);
    if (this.targetIndex < 0) {
      throw new DataFormatError(
        `target column ${JSON.stringify(target)} not found; columns are ${names.map((s) => JSON.stringify(s)).join(", ")}`,
        { file: this.file, line: record.line, column: 1, fault: "header" },
      );
    }
    this.header = names;
    this.headerLine = record.line;
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
): Promise<Dataset> {
  const builder = new CsvDatasetBuilder(options);
  for await (const chunk of chunks) builder.push(chunk);
  return builder.finish();
}

/** Synchronous parseCsvDataset for text already in memory (a string or chunks). */
export function parseCsvDatasetSync(
  input: string | Iterable<string>,
  options: CsvDatasetOptions = {},
): Dataset {
  const builder = new CsvDatasetBuilder(options);
  for (const chunk of typeof input === "string" ? [input] : input) builder.push(chunk);
  return builder.finish();
}
