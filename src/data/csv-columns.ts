// The feature columns of a training CSV while it streams in: numbers go straight into the
// matrix; a column that meets text starts a category table; missing cells are NaN (or an error).
// Once all rows are in, finish() decides which columns are categorical and writes each such
// column's category index into the matrix. The one-hot expansion is column-encoder.ts's job.
import { ChunkedArray } from "./chunked-array.js";
import { categoryOf, categoryOfNumber, describeMissing, isMissingCell } from "./csv-cells.js";
import { parseCsvNumber } from "./csv-number.js";
import { DataFormatError } from "./errors.js";
import { sortLabels } from "./label-table.js";

/** A feature column as read: numeric, or categorical with its categories (sorted). */
export interface CsvColumn {
  name: string;
  /** Present for a categorical column: the values, sorted as class labels are. */
  categories?: string[];
}

/** Distinct text values a column may hold (beyond this it is not a set of categories). */
const MAX_CATEGORIES = 65536;
/** "auto" takes a text column as categorical when its distinct values are at most this many… */
const AUTO_MIN_CAP = 20;
/** …or at most this fraction of its non-missing cells. */
const AUTO_FRACTION = 0.5;

/** The text cells of one column, from the first one on (or from row 0 when declared). */
class TextCells {
  readonly ids = new Map<string, number>(); // name → id, first seen
  readonly rowIds = new ChunkedArray<Int32Array>(Int32Array); // −1: a number or a gap
  count = 0;
  first: { cell: string; line: number } | null = null;

  constructor(readonly startRow: number) {}
}

export class FeatureColumns {
  private readonly text: (TextCells | null)[];
  private readonly numbers: number[];

  /**
   * names: the feature columns; fileColumns[k]: where feature k sits in a record; declared:
   * columns that are categorical whatever they hold; allowMissing: false → the first missing cell
   * throws.
   */
  constructor(
    private readonly names: readonly string[],
    private readonly fileColumns: readonly number[],
    private readonly declared: ReadonlySet<string>,
    private readonly allowMissing: boolean,
    private readonly file: string | undefined,
  ) {
    this.text = names.map((name) => (declared.has(name) ? new TextCells(0) : null));
    this.numbers = names.map(() => 0);
  }

  /** Whether any feature cell of the record is missing (for impute "drop"). */
  hasMissing(fields: readonly string[]): boolean {
    return this.fileColumns.some((j) => isMissingCell(fields[j]));
  }

  /** The feature cells of data row `row` → out (a number, NaN for a gap or a text cell). */
  pushRow(fields: readonly string[], fieldLines: readonly number[], row: number, out: Sink): void {
    for (let k = 0; k < this.fileColumns.length; k++) {
      const j = this.fileColumns[k];
      const cell = fields[j];
      const tracked = this.text[k];
      if (isMissingCell(cell)) {
        if (!this.allowMissing) throw this.missing(k, cell, fieldLines[j]);
        tracked?.rowIds.push(-1);
        out.push(NaN);
        continue;
      }
      if (tracked !== null && this.declared.has(this.names[k])) {
        this.pushText(k, tracked, categoryOf(cell), fieldLines[j]);
        out.push(NaN);
        continue;
      }
      const v = parseCsvNumber(cell);
      if (typeof v === "number") {
        this.numbers[k]++;
        tracked?.rowIds.push(-1);
        out.push(v);
        continue;
      }
      if (looksLikeNumber(cell))
        throw this.error(`column ${JSON.stringify(this.names[k])}: ${v.reason}`, fieldLines[j], k);
      const cells = tracked ?? (this.text[k] = new TextCells(row));
      for (let r = cells.startRow + cells.rowIds.length; r < row; r++) cells.rowIds.push(-1);
      this.pushText(k, cells, cell, fieldLines[j]);
      out.push(NaN);
    }
  }

  private pushText(k: number, cells: TextCells, cell: string, line: number): void {
    let id = cells.ids.get(cell);
    if (id === undefined) {
      if (cells.ids.size >= MAX_CATEGORIES) {
        throw this.error(
          `column ${JSON.stringify(this.names[k])}: more than ${MAX_CATEGORIES} distinct text values; not a categorical column`,
          line,
          k,
        );
      }
      id = cells.ids.size;
      cells.ids.set(cell, id);
    }
    cells.rowIds.push(id);
    cells.count++;
    cells.first ??= { cell, line };
  }

  /**
   * Decide each column and rewrite x [rows, D] in place: a categorical column's cells become
   * category indices (NaN stays NaN). A text column that is not categorical by the rule below
   * throws at its first text cell. Rule ("auto"): text cells outnumber numbers, there are at
   * least 2 of them, and at most max(20, half the non-missing cells) distinct values.
   */
  finish(x: Float32Array, rows: number): CsvColumn[] {
    const d = this.names.length;
    const refused = this.names
      .map((name, k) => ({ k, cells: this.text[k] }))
      .filter(({ k, cells }) => cells !== null && !this.declared.has(this.names[k]))
      .filter(({ k, cells }) => !this.isAutoCategorical(k, cells!))
      .sort((a, b) => a.cells!.first!.line - b.cells!.first!.line || a.k - b.k);
    if (refused.length > 0) throw this.notCategorical(refused[0].k, refused[0].cells!);
    return this.names.map((name, k) => {
      const cells = this.text[k];
      if (cells === null) return { name };
      const numeric = new Set<string>();
      for (let i = 0; i < rows; i++) {
        const v = x[i * d + k];
        if (!Number.isNaN(v)) numeric.add(categoryOfNumber(v));
      }
      const categories = sortLabels([...new Set([...cells.ids.keys(), ...numeric])]);
      const rank = new Map(categories.map((c, r) => [c, r]));
      const byId = [...cells.ids.keys()].map((c) => rank.get(c)!);
      for (let i = 0; i < rows; i++) {
        const v = x[i * d + k];
        const id = i < cells.startRow ? -1 : cells.rowIds.get(i - cells.startRow);
        if (id >= 0) x[i * d + k] = byId[id];
        else if (!Number.isNaN(v)) x[i * d + k] = rank.get(categoryOfNumber(v))!;
      }
      return { name, categories };
    });
  }

  private isAutoCategorical(k: number, cells: TextCells): boolean {
    const present = cells.count + this.numbers[k];
    const distinct = cells.ids.size;
    const limit = Math.max(AUTO_MIN_CAP, AUTO_FRACTION * present);
    return cells.count > this.numbers[k] && cells.count >= 2 && distinct <= limit;
  }

  /** The error at the first text cell of a column that stays numeric. */
  private notCategorical(k: number, cells: TextCells): DataFormatError {
    const present = cells.count + this.numbers[k];
    const distinct = cells.ids.size;
    const { cell, line } = cells.first!;
    const reason = parseCsvNumber(cell);
    const why = typeof reason === "number" ? "" : reason.reason;
    const name = this.names[k];
    return this.error(
      `column ${JSON.stringify(name)}: ${why} (${cells.count} of ${present} cells are text, ${distinct} distinct; ` +
        `a column is taken as categorical when most of its cells (at least 2) are text with at most max(20, half the cells) distinct values) — ` +
        `fix the cell, or declare the column categorical: categorical ${JSON.stringify([name])}, --categorical ${name}`,
      line,
      k,
    );
  }

  private missing(k: number, cell: string, line: number): DataFormatError {
    return this.error(
      `column ${JSON.stringify(this.names[k])}: ${describeMissing(cell)}; missing values are not filled in unless asked — impute "mean", "median" or "drop" (--impute mean|median|drop)`,
      line,
      k,
    );
  }

  private error(reason: string, line: number, k: number): DataFormatError {
    return new DataFormatError(reason, { file: this.file, line, column: this.fileColumns[k] + 1 });
  }
}

/**
 * A cell that is a number written wrongly (decimal comma, padding, NaN, hexadecimal, overflow):
 * an error where it stands, never a vote for a categorical column.
 */
function looksLikeNumber(cell: string): boolean {
  return /^\s*[+-]?(?:[\d.,]*\d[\d.,]*(?:[eE][+-]?\d+)?|nan|inf|infinity|0[xob][\da-f]*)\s*$/i.test(
    cell,
  );
}

/** Where pushRow writes: the builder's growing feature matrix. */
interface Sink {
  push(value: number): void;
}
