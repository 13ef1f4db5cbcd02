// The flags that say how a command reads CSV rows for a trained model (predict, evaluate), and the
// --delimiter spelling every CSV-reading command shares (train adds it as a fixed hyper-parameter).
import type { CsvReadOptions } from "./csv-file.js";
import { defineFlags } from "./args.js";

/** --delimiter as train, predict and evaluate declare it. */
export const DELIMITER_FLAG = {
  type: "string",
  value: "D",
  help: 'CSV field separator (default: detected from the header: ",", else ";" or tab)',
  choices: [",", ";", "tab"],
} as const;

/** How predict and evaluate read new rows: unseen categories, and the field separator. */
export const MODEL_CSV_FLAGS = defineFlags({
  "unknown-category": {
    type: "string",
    value: "HOW",
    default: "error",
    help: "a category the model never saw in a categorical column: error, or ignore (all-zero one-hot)",
    choices: ["error", "ignore"],
  },
  delimiter: DELIMITER_FLAG,
});

/** --delimiter's value (",", ";" or "tab") → the character. */
export function delimiterOf(flag: string): CsvReadOptions["delimiter"] {
  return flag === "tab" ? "\t" : (flag as "," | ";");
}
