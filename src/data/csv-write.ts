// Writing CSV safely: RFC 4180 quoting, and cells that a spreadsheet would run as a formula
// neutralised with a leading apostrophe (RELIABILITY #25). Not a general CSV library.

/** Characters that make a spreadsheet treat a cell as a formula or control input. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Cells that must be quoted: a quote, comma, CR or LF anywhere, or a leading BOM (readers drop it). */
const NEEDS_QUOTES = /^\uFEFF|[",\r\n]/;

/**
 * One cell: numbers as they are (finite: shortest round-trip text, −0 as "-0"), strings
 * neutralised when they start with = + - @ tab or CR (prefix '), then quoted when they hold a
 * comma, quote, CR or LF or start with U+FEFF (quotes doubled). Negative numbers stay numbers:
 * only strings are neutralised.
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  const safe = FORMULA_START.test(value) ? "'" + value : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One record: cells joined by commas, ending in "\n". A record of one empty string is written
 * as `""` so that it is not an empty line (which readers skip).
 */
export function csvRow(cells: readonly (string | number)[]): string {
  if (cells.length === 1 && cells[0] === "") return '""\n';
  return cells.map(csvCell).join(",") + "\n";
}
