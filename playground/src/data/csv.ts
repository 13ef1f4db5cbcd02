// A small CSV dropped on the page → a PointSet: a header, then rows of two numeric feature columns
// and a target. Fields are split by the library's CSV parser (data.parseCsv) and numbers read by
// its strict data.parseCsvNumber; this file only decides what the columns mean. A problem throws
// CsvInputError with one sentence naming the line and column, for the page to show as text.
import { data } from "../../../src/index.js";
import { fitToUnitBox, type PointSet } from "./point-set.js";

export class CsvInputError extends Error {
  override readonly name = "CsvInputError";
}

/** Bounds that keep the page responsive: a playground CSV is small. */
export const CSV_LIMITS = { maxBytes: 1 << 20, minRows: 4, maxRows: 5000, maxClasses: 8 };

export interface CsvPoints {
  set: PointSet;
  /** The header's three names (user text: show with textContent only). */
  columns: [string, string, string];
  /** What was made of the target, in words (e.g. "3 classes: a, b, c"). */
  summary: string;
}

interface Row {
  x1: number;
  x2: number;
  target: string;
  line: number;
}

function readRows(text: string, file: string): { columns: [string, string, string]; rows: Row[] } {
  let records;
  try {
    records = data.parseCsv(text, { delimiter: "auto", file, maxColumns: 16 });
  } catch (e) {
    throw new CsvInputError(e instanceof Error ? e.message : String(e));
  }
  if (records.length === 0) throw new CsvInputError(`${file} is empty`);
  const header = records[0].fields;
  if (header.length !== 3) {
    throw new CsvInputError(
      `${file} line 1: expected 3 columns (feature 1, feature 2, target), the header has ${header.length}`,
    );
  }
  const rows: Row[] = [];
  for (const r of records.slice(1)) {
    if (r.fields.length !== 3) {
      throw new CsvInputError(`${file} line ${r.line}: ${r.fields.length} fields, expected 3`);
    }
    const xs = [0, 1].map((j) => {
      const v = data.parseCsvNumber(r.fields[j]);
      if (typeof v !== "number") {
        throw new CsvInputError(`${file} line ${r.line}, column "${header[j]}": ${v.reason}`);
      }
      return v;
    });
    rows.push({ x1: xs[0], x2: xs[1], target: r.fields[2], line: r.line });
  }
  const { minRows, maxRows } = CSV_LIMITS;
  if (rows.length < minRows || rows.length > maxRows) {
    throw new CsvInputError(
      `${file}: ${rows.length} data rows; the playground takes ${minRows}–${maxRows}`,
    );
  }
  return { columns: [header[0], header[1], header[2]], rows };
}

/**
 * What the target column is: numbers that are all integers with at most maxClasses distinct
 * values are class labels (sorted numerically); other numbers are a regression target; any
 * non-number makes every value a class label (in order of first appearance).
 */
function readTargets(
  rows: Row[],
  column: string,
  file: string,
): { targets: Float32Array; labels: string[] | null } {
  const numbers = rows.map((r) => data.parseCsvNumber(r.target));
  const numeric = numbers.every((v) => typeof v === "number");
  const distinct = [...new Set(rows.map((r) => r.target))];
  const integers = numeric && numbers.every((v) => Number.isInteger(v));
  if (numeric && !(integers && distinct.length <= CSV_LIMITS.maxClasses)) {
    return { targets: Float32Array.from(numbers as number[]), labels: null };
  }
  const labels = integers ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct;
  if (labels.length < 2 || labels.length > CSV_LIMITS.maxClasses) {
    const empty = rows.find((r) => r.target === "");
    const where = empty ? ` (line ${empty.line} has an empty target)` : "";
    throw new CsvInputError(
      `${file}, column "${column}": ${labels.length} distinct labels${where}; a class target needs 2–${CSV_LIMITS.maxClasses}`,
    );
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  return { targets: Float32Array.from(rows, (r) => index.get(r.target)!), labels };
}

/** Scale values into [−1, 1]: v ← (v − mid)/half (a constant column becomes 0). */
function fitToUnitRange(values: Float32Array): void {
  fitToUnitBox(values, 1);
}

/**
 * Scale each column of points [N, 2] into [−1, 1] on its own: a file's columns come in their own
 * units (cm and g), so one common scale would flatten the plot onto one axis.
 */
function fitColumns(points: Float32Array): void {
  for (let j = 0; j < 2; j++) {
    const column = points.filter((_, k) => k % 2 === j);
    fitToUnitRange(column);
    column.forEach((v, i) => (points[2 * i + j] = v));
  }
}

/** Parse a playground CSV. `file` names it in messages. Throws CsvInputError. */
export function readCsvPoints(text: string, file = "the CSV file"): CsvPoints {
  if (text.length > CSV_LIMITS.maxBytes) {
    throw new CsvInputError(`${file} is larger than ${CSV_LIMITS.maxBytes >> 10} KB`);
  }
  const { columns, rows } = readRows(text, file);
  const points = new Float32Array(rows.length * 2);
  rows.forEach((r, i) => {
    points[2 * i] = r.x1;
    points[2 * i + 1] = r.x2;
  });
  fitColumns(points);
  const { targets, labels } = readTargets(rows, columns[2], file);
  if (labels === null) {
    fitToUnitRange(targets);
    const set: PointSet = { task: "regression", dims: 2, classes: 0, points, targets };
    const summary = `${rows.length} rows, a numeric target (scaled to [−1, 1])`;
    return { set, columns, summary };
  }
  const set: PointSet = {
    task: labels.length === 2 ? "binary" : "multiclass",
    dims: 2,
    classes: labels.length,
    points,
    targets,
    labelNames: labels,
  };
  return {
    set,
    columns,
    summary: `${rows.length} rows, ${labels.length} classes: ${labels.join(", ")}`,
  };
}
