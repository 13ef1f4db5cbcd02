// Errors for bad data files: where (file, line, column) and why. Not for programming mistakes
// such as a wrong option type; those throw ValueError/IndexError from src/errors.ts.
import { MyelinError } from "../errors.js";

/** Where a DataFormatError points: a file name and, for text formats, a 1-based line and column. */
export interface DataLocation {
  /** File name, as given to the reader. */
  file?: string;
  /** 1-based line; in a CSV the header is line 1 and newlines inside quotes count. */
  line?: number;
  /** 1-based column (the CSV field index), or a column name. */
  column?: number | string;
  /**
   * What is at fault when it is more than the cell or row at line:column: the header as a whole
   * (a target or feature name it lacks) or a whole column (a one-class target). The message then
   * says the fix itself. Default: "cell" with a column, "row" with a line only, else "file".
   */
  fault?: DataFault;
}

/** What a DataFormatError blames: one cell, one row, the header, one whole column, or the file. */
export type DataFault = "cell" | "row" | "header" | "column" | "file";

/**
 * A data file that does not follow its format: a bad number, a ragged row, a truncated IDX file.
 * Message: "FILE:LINE:COL: reason" (parts that are unknown are left out; "<input>" if no file).
 */
export class DataFormatError extends MyelinError {
  /** "DataFormatError", as `err.name` and stack traces show it. */
  override name = "DataFormatError";
  /** File name, when the reader was given one. */
  readonly file?: string;
  /** 1-based line of the defect (text formats). */
  readonly line?: number;
  /** 1-based column or column name of the defect. */
  readonly column?: number | string;
  /** What is blamed: a cell, a row, the header, a column or the file. */
  readonly fault: DataFault;
  /** The message without its "FILE:LINE:COL: " prefix. */
  readonly reason: string;

  constructor(reason: string, where: DataLocation = {}) {
    const parts: (string | number)[] = [where.file ?? "<input>"];
    if (where.line !== undefined) parts.push(where.line);
    if (where.column !== undefined) parts.push(where.column);
    super(`${parts.join(":")}: ${reason}`);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.fault =
      where.fault ??
      (where.column !== undefined ? "cell" : where.line !== undefined ? "row" : "file");
    this.reason = reason;
  }
}

/** A data source with no samples: an empty file, a CSV with only a header, an IDX with N = 0. */
export class EmptyDatasetError extends MyelinError {
  /** "EmptyDatasetError", as `err.name` and stack traces show it. */
  override name = "EmptyDatasetError";
  /** File name, when the reader was given one. */
  readonly file?: string;

  constructor(reason: string, file?: string) {
    super(`${file ?? "<input>"}: ${reason}`);
    this.file = file;
  }
}
