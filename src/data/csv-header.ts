// The header check every CSV reader applies (training, features-only for predict and evaluate),
// so a file one command accepts is never refused by another: names non-empty and unique. Also
// the note for a header that looks like one long column (a delimiter the reader did not find).
import type { CsvRecord } from "./csv.js";
import { DataFormatError } from "./errors.js";

/** A one-column header longer than this is probably a whole line in an unknown delimiter. */
const ONE_COLUMN_CHARS = 20;

/**
 * The column names of a header record. Throws DataFormatError at the header cell for an empty
 * (or all-whitespace) name or a name used twice.
 */
export function checkHeader(record: CsvRecord, file: string | undefined): string[] {
  const names = record.fields;
  const seen = new Map<string, number>();
  for (let j = 0; j < names.length; j++) {
    const where = { file, line: record.fieldLines[j], column: j + 1 };
    if (names[j].trim() === "") {
      throw new DataFormatError(`header: column ${j + 1} has an empty name`, where);
    }
    const before = seen.get(names[j]);
    if (before !== undefined) {
      throw new DataFormatError(
        `header: duplicate column name ${JSON.stringify(names[j])} (also column ${before + 1})`,
        where,
      );
    }
    seen.set(names[j], j);
  }
  return names;
}

/**
 * "" or, for a header that is one column of more than 20 characters, a sentence saying so: the
 * file probably separates its fields with something other than "," ";" or tab.
 */
export function oneColumnNote(names: readonly string[]): string {
  if (names.length !== 1 || names[0].length <= ONE_COLUMN_CHARS) return "";
  const shown = JSON.stringify(names[0].slice(0, 40)) + (names[0].length > 40 ? "…" : "");
  return `; it looks like a whole line (${shown}): no "," ";" or tab was found between names — Myelin reads those three (option delimiter, --delimiter ,|;|tab); convert a file separated by anything else`;
}
