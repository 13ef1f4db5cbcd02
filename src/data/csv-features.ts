// CSV text → the feature matrix a trained model expects: columns picked by name (in the model's
// featureNames order, wherever they sit in the file; other columns are ignored) and, when present
// and asked for, the target column mapped onto the model's stored label names. Streams like
// csv-dataset.ts. Not for training: that is CsvDatasetBuilder, which discovers the labels itself.
import { Tensor } from "../tensor/tensor.js";
import { ChunkedArray } from "./chunked-array.js";
import { CsvParser, type CsvParserOptions, type CsvRecord } from "./csv.js";
import { parseCsvNumber } from "./csv-number.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";

export interface CsvFeaturesOptions extends CsvParserOptions {
  /** Feature columns, in the order the model takes them. All must be in the header. */
  featureNames: readonly string[];
  /** Target column name; read only if `readTarget` and the header has it. */
  target?: string;
  /** Read the target column (error if it is missing). Default false: it is ignored. */
  readTarget?: boolean;
  /** Class names for a classification target (cell → index); without them the target is numeric. */
  labelNames?: readonly string[];
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
  private columns: number[] | null = null; // file column of each feature
  private targetColumn = -1;
  private width = 0;
  private rows = 0;

  constructor(private readonly options: CsvFeaturesOptions) {
    this.parser = new CsvParser((r) => this.onRecord(r), options);
    this.labelIndex = options.labelNames
      ? new Map(options.labelNames.map((name, i) => [name, i]))
      : null;
  }

  push(chunk: string): void {
    this.parser.push(chunk);
  }

  get currentLine(): number {
    return this.parser.currentLine;
  }

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
    for (let k = 0; k < this.columns.length; k++) {
      const j = this.columns[k];
      const v = parseCsvNumber(fields[j]);
      if (typeof v !== "number") {
        throw this.error(
          `column ${JSON.stringify(this.options.featureNames[k])}: ${v.reason}`,
          fieldLines[j],
          j + 1,
        );
      }
      this.values.push(v);
    }
    if (this.targetColumn >= 0) this.pushTarget(fields[this.targetColumn], fieldLines, record);
    this.rows++;
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
    const names = record.fields;
    const position = new Map<string, number>();
    names.forEach((name, j) => {
      if (!position.has(name)) position.set(name, j);
    });
    this.columns = this.options.featureNames.map((name) => {
      const j = position.get(name);
      if (j === undefined) {
        throw new DataFormatError(
          `feature column ${JSON.stringify(name)} is missing; the header has ${names.map((s) => JSON.stringify(s)).join(", ")}`,
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

/** Parse CSV text already in memory; see CsvFeaturesBuilder. */
export function parseCsvFeatures(
  input: string | Iterable<string>,
  options: CsvFeaturesOptions,
): CsvFeatures {
  const builder = new CsvFeaturesBuilder(options);
  for (const chunk of typeof input === "string" ? [input] : input) builder.push(chunk);
  return builder.finish();
}
