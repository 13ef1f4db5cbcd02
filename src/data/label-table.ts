// The target column of a CSV while it streams in: class names → indices, or numbers for regression,
// and the "auto" rule that decides between the two once all rows are seen.
import { ChunkedArray } from "./chunked-array.js";
import { parseCsvNumber } from "./csv-number.js";

/** Distinct numeric targets beyond which "auto" stops tracking names and chooses regression. */
const MAX_TRACKED = 65536;

type TargetResult =
  | { kind: "regression"; values: Float32Array }
  | { kind: "classification"; indices: Float32Array; names: string[] };

/** Collects target cells; `push` returns null or the reason a cell is rejected. */
export class LabelTable {
  private readonly ids = new Map<string, number>(); // name → id in order of first appearance
  private readonly rowIds = new ChunkedArray<Int32Array>(Int32Array);
  private readonly numbers = new ChunkedArray<Float64Array>(Float64Array);
  private allNumeric = true;
  private tracking: boolean; // still recording class ids

  constructor(private readonly task: "classification" | "regression" | "auto") {
    this.tracking = task !== "regression";
  }

  push(cell: string): string | null {
    if (cell === "") return "empty target cell (missing values are not filled in)";
    if (this.task !== "classification" && this.allNumeric) {
      const v = parseCsvNumber(cell);
      if (typeof v === "number") this.numbers.push(v);
      else if (this.task === "regression") return `${v.reason} (task "regression")`;
      else if (!this.tracking) {
        return `${v.reason}; the column had over ${MAX_TRACKED} distinct numbers, so it was taken as a regression target`;
      } else this.allNumeric = false;
    }
    if (this.tracking) {
      let id = this.ids.get(cell);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(cell, id);
      }
      this.rowIds.push(id);
      if (this.task === "auto" && this.allNumeric && this.ids.size > MAX_TRACKED) {
        this.tracking = false; // regression for sure; free the name table
        this.ids.clear();
      }
    }
    return null;
  }

  finish(rows: number): TargetResult {
    const distinct = this.tracking ? this.ids.size : Infinity;
    const regression =
      this.task === "regression" ||
      (this.task === "auto" && this.allNumeric && distinct > 20 && distinct > 0.05 * rows);
    if (regression)
      return { kind: "regression", values: this.numbers.drain(Float32Array) as Float32Array };
    const names = sortLabels([...this.ids.keys()]);
    const rank = new Map(names.map((name, i) => [name, i]));
    const remap = new Int32Array(this.ids.size);
    for (const [name, id] of this.ids) remap[id] = rank.get(name)!;
    const indices = new Float32Array(rows);
    for (let i = 0; i < rows; i++) indices[i] = remap[this.rowIds.get(i)];
    return { kind: "classification", indices, names };
  }
}

/** Numeric order when every label is a number ("2" < "10"), else UTF-16 code-unit order. */
export function sortLabels(names: string[]): string[] {
  const numeric = names.every((s) => typeof parseCsvNumber(s) === "number");
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  if (!numeric) return [...names].sort(byText);
  return [...names].sort((a, b) => Number(a) - Number(b) || byText(a, b));
}
