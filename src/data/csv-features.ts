// CSV text → the feature matrix a trained model expects: columns picked by name (in the model's
// featureNames order, wherever they sit in the file; other columns are ignored) and, when present
// and asked for, the target column mapped onto the model's stored label names. Streams like
// csv-dataset.ts. Not for training: that is CsvDatasetBuilder, which discovers the labels itself.
// The header gets the same check as for training (csv-header.ts). With a model's ColumnEncoder,
// categorical cells become category indices and missing cells NaN, as the training reader did.
import { Tensor } from "../tensor/tensor.js";
import { ChunkedArray } from "./chunked-array.js";
import type { ColumnEncoder, EncodedColumn } from "./column-encoder.js";
import { CsvParser, type CsvDelimiter, type CsvParserOptions, type CsvRecord } from "./csv.js";
import { categoryOf, describeMissing, isMissingCell, listCategories } from "./csv-cells.js";
import { checkHeader, oneColumnNote } from "./csv-header.js";
import { parseCsvNumber } from "./csv-number.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import { ValueError } from "../errors.js";

/** Options of the CSV features readers (parseCsvFeatures, CsvFeaturesBuilder). */
export interface CsvFeaturesOptions extends CsvParserOptions {
  /** Feature columns, in the order the model takes them. All must be in the header. */
  featureNames: readonly string[];
  /** Target column name; read only if `readTarget` and the header has it. */
  target?: string;
  /** Read the target column (error if it is missing). Default false: it is ignored. */
  readTarget?: boolean;
  /** Class names for a classification target (cell → index); without them the target is numeric. */
  labelNames?: readonly string[];
  /**
   * The model's fitted ColumnEncoder (its columns are featureNames): categorical cells → category
   * indices, missing cells → NaN where it has a fill value. Without it every cell must be a number.
   */
  encoder?: ColumnEncoder;
  /**
   * A category the encoder does not know: "error" (default) names it, its row and the known
   * categories; "ignore" reads it as −1, which the encoder turns into an all-zero one-hot.
   */
  unknownCategory?: "error" | "ignore";
  /** Default "auto" (detected from the header line). */
  delimiter?: CsvDelimiter | "auto";
  /** Skip rows with a missing feature (or read target) cell, counted in droppedRows (impute "drop"). */
  dropMissing?: boolean;
}

/**
 * x [N, D] float32 in featureNames order; y [N] class indices (with labelNames) or [N, 1] numbers,
 * when the target was read; otherwise y is undefined.
 */
export interface CsvFeatures {
  x: Tensor;
  y?: Tensor;
}

/**
 * Push CSV chunks, then finish(). Errors are DataFormatError with file, line and column: a feature
 * column missing from the header, ragged rows, non-numeric feature cells, and target cells that are
 * not one of labelNames (or not numbers). An empty file or a header without rows: EmptyDatasetError.
 */
export class CsvFeaturesBuilder {
  private readonly parser: CsvParser;
  private readonly values = new ChunkedArray<Float32Array>(Float32Array);
  private readonly targets = new ChunkedArray<Float32Array>(Float32Array);
  private readonly labelIndex: Map<string, number> | null;
  /** Per feature: its encoder column and category → index, when an encoder was given. */
  private readonly encoded: { column: EncodedColumn; index: Map<string, number> | null }[] | null;
  private columns: number[] | null = null; // file column of each feature
  private targetColumn = -1;
  private width = 0;
  private rows = 0;
  /** Rows skipped by dropMissing. */
  droppedRows = 0;

  constructor(private readonly options: CsvFeaturesOptions) {
    this.parser = new CsvParser((r) => this.onRecord(r), {
      ...options,
      delimiter: options.delimiter ?? "auto",
    });
    this.labelIndex = options.labelNames
      ? new Map(options.labelNames.map((name, i) => [name, i]))
      : null;
    this.encoded = options.encoder ? encodedColumns(options.encoder, options.featureNames) : null;
  }

  /** Parse the next piece of CSV text; chunks may split anywhere, even inside quotes. */
  push(chunk: string): void {
    this.parser.push(chunk);
  }

  /** The line the parser has reached (1-based). */
  get currentLine(): number {
    return this.parser.currentLine;
  }

  /** End of input: check the rows read and return them as tensors (errors as the class says). */
  finish(): CsvFeatures {
    this.parser.end();
    const file = this.options.file;
    if (this.columns === null) throw new EmptyDatasetError("empty CSV file (no header row)", file);
    if (this.rows === 0)
      throw new EmptyDatasetError("CSV file has a header row but no data rows", file);
    const x = new Tensor(this.values.drain() as Float32Array, [this.rows, this.columns.length]);
    if (this.targetColumn < 0) return { x };
    const y = this.targets.drain() as Float32Array;
    return { x, y: new Tensor(y, this.labelIndex ? [this.rows] : [this.rows, 1]) };
  }

  private onRecord(record: CsvRecord): void {
    if (this.columns === null) {
      this.readHeader(record);
      return;
    }
    const { fields, fieldLines } = record;
    if (fields.length !== this.width) {
      throw this.error(
        `expected ${this.width} fields as in the header, found ${fields.length}`,
        record.line,
        Math.min(fields.length, this.width) + 1,
      );
    }
    if (this.options.dropMissing && this.hasMissing(fields)) {
      this.droppedRows++;
      return;
    }
    for (let k = 0; k < this.columns.length; k++) {
      const j = this.columns[k];
      this.values.push(this.cellValue(k, fields[j], fieldLines[j], j));
    }
    if (this.targetColumn >= 0) this.pushTarget(fields[this.targetColumn], fieldLines, record);
    this.rows++;
  }

  private hasMissing(fields: readonly string[]): boolean {
    const target = this.targetColumn >= 0 && isMissingCell(fields[this.targetColumn]);
    return target || this.columns!.some((j) => isMissingCell(fields[j]));
  }

  /** A feature cell → its number, category index (−1: unknown, ignored) or NaN (missing). */
  private cellValue(k: number, cell: string, line: number, j: number): number {
    const name = JSON.stringify(this.options.featureNames[k]);
    const encoded = this.encoded?.[k];
    if (isMissingCell(cell)) {
      if (encoded?.column.fill !== undefined) return NaN;
      const why = encoded
        ? "the model was trained without imputing missing values (myelin train --impute mean|median)"
        : "the model has no imputation (train with impute, --impute mean|median, to fill gaps)";
      throw this.error(`column ${name}: ${describeMissing(cell)}; ${why}`, line, j + 1);
    }
    if (encoded?.index) {
      const c = encoded.index.get(categoryOf(cell));
      if (c !== undefined) return c;
      if (this.options.unknownCategory === "ignore") return -1;
      const known = listCategories(encoded.column.categories!);
      throw this.error(
        `column ${name}: ${JSON.stringify(cell.slice(0, 40))} is not a category seen in training (${known}); to encode unseen categories as all zeros pass unknownCategory "ignore" (--unknown-category ignore)`,
        line,
        j + 1,
      );
    }
    const v = parseCsvNumber(cell);
    if (typeof v !== "number") throw this.error(`column ${name}: ${v.reason}`, line, j + 1);
    return v;
  }

  private pushTarget(cell: string, fieldLines: number[], record: CsvRecord): void {
    const j = this.targetColumn;
    const where = `target column ${JSON.stringify(this.options.target)}`;
    if (this.labelIndex) {
      const c = this.labelIndex.get(cell);
      if (c === undefined) {
        const known = [...this.labelIndex.keys()].slice(0, 20).map((s) => JSON.stringify(s));
        throw this.error(
          `${where}: ${JSON.stringify(cell.slice(0, 40))} is not a class the model knows (${known.join(", ")})`,
          fieldLines[j] ?? record.line,
          j + 1,
        );
      }
      this.targets.push(c);
      return;
    }
    const v = parseCsvNumber(cell);
    if (typeof v !== "number") throw this.error(`${where}: ${v.reason}`, fieldLines[j], j + 1);
    this.targets.push(v);
  }

  private readHeader(record: CsvRecord): void {
    const names = checkHeader(record, this.options.file);
    const position = new Map(names.map((name, j) => [name, j]));
    this.columns = this.options.featureNames.map((name) => {
      const j = position.get(name);
      if (j === undefined) {
        throw new DataFormatError(
          `feature column ${JSON.stringify(name)} is missing; the header has ${names.map((s) => JSON.stringify(s)).join(", ")}${oneColumnNote(names)}`,
          { file: this.options.file, line: record.line, column: 1, fault: "header" },
        );
      }
      return j;
    });
    const target = this.options.target;
    if (this.options.readTarget) {
      const j = target === undefined ? undefined : position.get(target);
      if (j === undefined) {
        throw new DataFormatError(
          `target column ${JSON.stringify(target ?? "")} is missing from the header`,
          { file: this.options.file, line: record.line, column: 1, fault: "header" },
        );
      }
      this.targetColumn = j;
    }
    this.width = names.length;
  }

  private error(reason: string, line: number, column: number): DataFormatError {
    return new DataFormatError(reason, { file: this.options.file, line, column });
  }
}

/** The encoder's column for each feature name (they must match, in order), with category maps. */
function encodedColumns(
  encoder: ColumnEncoder,
  featureNames: readonly string[],
): { column: EncodedColumn; index: Map<string, number> | null }[] {
  const names = encoder.columns.map((c) => c.name);
  if (names.length !== featureNames.length || names.some((n, k) => n !== featureNames[k])) {
    throw new ValueError(
      `CsvFeaturesBuilder: the encoder's columns (${listCategories(names, 10)}) are not featureNames (${listCategories(featureNames, 10)})`,
    );
  }
  return encoder.columns.map((column) => ({
    column,
    index: column.categories ? new Map(column.categories.map((c, i) => [c, i])) : null,
  }));
}

/** Parse CSV text already in memory; see CsvFeaturesBuilder. */
export function parseCsvFeatures(
  input: string | Iterable<string>,
  options: CsvFeaturesOptions,
): CsvFeatures {
  const builder = new CsvFeaturesBuilder(options);
  for (const chunk of typeof input === "string" ? [input] : input) builder.push(chunk);
  return builder.finish();
}
