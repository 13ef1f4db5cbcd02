// Strict decimal number parsing for CSV cells: what is accepted, and a precise reason for what is not.

/** A plain decimal: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parse a cell as a float32-representable decimal number, or return the reason it is not one.
 * Accepted: "1", "-2.5", "+.5", "1e-3", "-0" (kept as −0). Rejected: "" (a missing value is never
 * filled in), " 1 " (whitespace: a sign of a mis-split file, so it is not trimmed silently),
 * "NaN", "Infinity", hexadecimal "0x1F", decimal commas "1,5", anything else non-decimal, and
 * magnitudes that overflow float32 ("1e400", "1e39"). Values below float32's range become 0 or a
 * subnormal, as Math.fround does.
 */
export function parseCsvNumber(cell: string): number | { reason: string } {
  if (DECIMAL.test(cell)) {
    const v = Number(cell);
    if (!Number.isFinite(Math.fround(v))) {
      return { reason: `${JSON.stringify(cell)} overflows float32 (|x| > 3.4e38)` };
    }
    return v;
  }
  return { reason: describeNonNumber(cell) };
}

function describeNonNumber(cell: string): string {
  const shown = JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + "…" : cell);
  if (cell === "") return "empty cell (missing values are not filled in)";
  if (cell.trim() !== cell && DECIMAL.test(cell.trim())) {
    return `${shown} has leading or trailing whitespace`;
  }
  if (/^[+-]?(nan|inf|infinity)$/i.test(cell)) return `${shown}: NaN and Infinity are not accepted`;
  if (/^[+-]?0[xob]/i.test(cell)) return `${shown} is not a decimal number`;
  if (/^[+-]?\d+,\d+$/.test(cell)) return `${shown} uses a decimal comma; use a point`;
  return `${shown} is not a number`;
}
