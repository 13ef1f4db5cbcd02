/**
 * A LabResult as text (the terminal) and as one HTML page (the plots inline). Core: no Node
 * imports, so the playground renders the same page. Names are escaped here for HTML; the CLI
 * escapes the text version for the terminal.
 */
import type { LabResult, LabTable, LabVerdict } from "./experiment.js";
import { escapeXml } from "./svg.js";

/** A number for a table cell: 4 significant digits, exponent outside [1e-3, 1e6). */
export function formatCell(v: string | number): string {
  if (typeof v === "string") return v;
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : String(+v.toPrecision(4));
}

/** Columns padded to their widest cell, right-aligned numbers. */
export function tableText(table: LabTable): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(formatCell))];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[], raw?: (string | number)[]): string =>
    r
      .map((cell, c) =>
        typeof raw?.[c] === "number" ? cell.padStart(widths[c]) : cell.padEnd(widths[c]),
      )
      .join("  ")
      .trimEnd();
  return [
    table.title,
    line(table.columns),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...table.rows.map((r) => line(r.map(formatCell), r)),
  ].join("\n");
}

export function verdictWord(v: LabVerdict): string {
  return v.supported === true
    ? "SUPPORTED"
    : v.supported === "partly"
      ? "PARTLY SUPPORTED"
      : "NOT SUPPORTED under these conditions";
}

/** The whole result as plain text: claim, conditions, tables, verdicts. */
export function resultText(r: LabResult): string {
  return [
    `myelin lab ${r.name}`,
    `Claim:      ${r.claim}`,
    `Conditions: ${r.conditions}`,
    "",
    ...r.tables.flatMap((t) => [tableText(t), ""]),
    "Verdicts:",
    ...r.verdicts.map((v) => `  ${verdictWord(v)}: ${v.claim}\n    because ${v.because}`),
    "",
  ].join("\n");
}

function tableHtml(t: LabTable): string {
  const head = t.columns.map((c) => `<th>${escapeXml(c)}</th>`).join("");
  const body = t.rows
    .map((r) => `<tr>${r.map((v) => `<td>${escapeXml(formatCell(v))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><caption>${escapeXml(t.title)}</caption><tr>${head}</tr>\n${body}</table>`;
}

/** A self-contained HTML page: claim, conditions, verdicts, tables and inline SVG plots. */
export function resultHtml(r: LabResult): string {
  const verdicts = r.verdicts
    .map(
      (v) =>
        `<li><b>${escapeXml(verdictWord(v))}</b>: ${escapeXml(v.claim)} — ${escapeXml(v.because)}</li>`,
    )
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>myelin lab ${escapeXml(r.name)}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}caption{font-weight:bold;text-align:left}</style>
</head><body>
<h1>myelin lab ${escapeXml(r.name)}</h1>
<p><b>Claim:</b> ${escapeXml(r.claim)}</p>
<p><b>Conditions:</b> ${escapeXml(r.conditions)}</p>
<h2>Verdicts</h2><ul>${verdicts}</ul>
${r.plots.map((p) => `<figure>${p.svg}<figcaption>${escapeXml(p.title)}</figcaption></figure>`).join("\n")}
${r.tables.map(tableHtml).join("\n")}
</body></html>
`;
}
