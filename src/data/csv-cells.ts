// What a CSV feature cell means beyond a number: a missing value (a small fixed set of spellings)
// or a category name. Shared by the training reader and the features reader, so both agree.
import { parseCsvNumber } from "./csv-number.js";

/**
 * The spellings of a missing value, compared exactly: the empty cell, R's NA, and the common
 * "N/A" and "null". Not "NaN" (a float that went wrong is an error, not a gap) and not "?".
 */
export const MISSING_VALUES: readonly string[] = ["", "NA", "N/A", "n/a", "null", "NULL"];

const MISSING = new Set(MISSING_VALUES);

/** True when  is one of {@link MISSING_VALUES} (compared exactly). */
export function isMissingCell(cell: string): boolean {
  return MISSING.has(cell);
}

/** "missing value (empty cell)" or 'missing value "NA"'. */
export function describeMissing(cell: string): string {
  return cell === "" ? "missing value (empty cell)" : `missing value ${JSON.stringify(cell)}`;
}

/**
 * The category a cell of a categorical column stands for: the text itself, except that a cell
 * which is a number is named by its float32 value ("1.0" and "1" are one category, "1"), since
 * a column may hold numbers read before it turned out to be categorical.
 */
export function categoryOf(cell: string): string {
  const v = parseCsvNumber(cell);
  return typeof v === "number" ? categoryOfNumber(v) : cell;
}

/** The category name of a number already stored as float32. */
export function categoryOfNumber(v: number): string {
  return String(Math.fround(v));
}

/** `a, b, c` quoted, at most `limit` of them, then "… and N more". */
export function listCategories(categories: readonly string[], limit = 20): string {
  const shown = categories.slice(0, limit).map((c) => JSON.stringify(c.slice(0, 40)));
  const more = categories.length - shown.length;
  return shown.join(", ") + (more > 0 ? `, … and ${more} more` : "");
}
