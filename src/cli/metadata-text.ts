// Human-readable lines for the free-form parts of a model file's metadata (preprocessing, the
// training summary, name lists), for `myelin inspect`. Reads defensively: any JSON value may
// appear where a number or string is expected, and what cannot be shown is shown as "?".
import { fmt } from "./output.js";
import { terminalSafe } from "./terminal-text.js";

/** Longest single name or value shown in a line. */
const MAX_ITEM = 80;

/** `key` of `v` when `v` is a plain object that has it as its own property, else undefined. */
function field(v: unknown, key: string): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  return Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}

/** A string (escaped), finite number or boolean as text; anything else as `missing`. */
function scalarText(v: unknown, missing = "?"): string {
  if (typeof v === "string") return terminalSafe(v, MAX_ITEM);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return missing;
}

/** Names joined by ", ", each escaped; past `shown` names the rest is counted, not listed. */
export function namesText(names: readonly string[], shown: number): string {
  const safe = (list: readonly string[]): string =>
    list.map((n) => terminalSafe(n, MAX_ITEM)).join(", ");
  return names.length <= shown
    ? safe(names)
    : `${safe(names.slice(0, shown - 2))}, … (${names.length} in all)`;
}

/** "standardize over 4 columns (fitted on training rows)", "none", or "unknown …" for odd values. */
export function preprocessingText(p: unknown): string {
  if (p === null || p === undefined) return "none";
  if (Array.isArray(p)) return p.length === 0 ? "none" : p.map(preprocessingText).join("; then ");
  if (field(p, "kind") === "columns") return columnsText(field(p, "columns"));
  const mean = field(p, "mean");
  const min = field(p, "min");
  const cols = Array.isArray(mean) ? mean.length : Array.isArray(min) ? min.length : undefined;
  const kind = scalarText(field(p, "kind"), "unknown");
  return `${kind}${cols !== undefined ? ` over ${cols} columns (fitted on training rows)` : ""}`;
}

/** A column encoder: "one-hot 2 of 4 columns (5 categories), missing values filled". */
function columnsText(columns: unknown): string {
  if (!Array.isArray(columns)) return "columns";
  const list: unknown[] = columns;
  const sizes = list.map((c) => field(c, "categories")).filter(Array.isArray);
  const categories = sizes.reduce((n, c) => n + c.length, 0);
  const filled = list.some((c) => field(c, "fill") !== undefined);
  const oneHot = `one-hot ${sizes.length} of ${list.length} columns (${categories} categories)`;
  return filled ? `${oneHot}, missing values filled` : oneHot;
}

/** The "Training:" and "Final metrics:" lines; numeric metrics only, others are left out. */
export function trainingLines(t: unknown): string[] {
  if (t === null || typeof t !== "object" || Array.isArray(t)) return ["Training:      no summary"];
  const metrics = field(t, "finalMetrics");
  const shown = (typeof metrics === "object" && metrics !== null ? Object.entries(metrics) : [])
    .filter(([k, v]) => /^(train|test|validation)\.(accuracy|loss|r2|mae)$/.test(k) && isNumber(v))
    .map(([k, v]) => `${k} ${fmt(v as number)}`)
    .join(" · ");
  const epochs = scalarText(field(t, "epochsRun"));
  const source = scalarText(field(t, "dataSource"));
  const seed = scalarText(field(t, "seed"));
  const date = scalarText(field(t, "date"), "");
  return [
    `Training:      ${epochs} epochs on ${source}, seed ${seed}, ${date}`,
    `Final metrics: ${shown || "none"}`,
  ];
}

function isNumber(v: unknown): v is number {
  return typeof v === "number";
}
