// Writing CSV safely: RFC 4180 quoting, and cells that a spreadsheet would run as a formula
// neutralised with a leading apostrophe (RELIABILITY #25). Not a general CSV library.

/** Characters that make a spreadsheet treat a cell as a formula or control input. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: numbers as they are (finite: shortest round-trip text), strings neutralised when they
 * start with = + - @ tab or CR (prefix '), then quoted when they hold a comma, quote, CR or LF
 * (quotes doubled). Negative numbers stay numbers: only strings are neutralised.
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record: cells joined by commas, ending in "\n". */
export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(",") + "\n";
}
