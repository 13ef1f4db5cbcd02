// Run attack cases in parallel child processes and summarise them: per input kind, the cases,
// untyped errors (crashes included), hangs, cases over their RSS budget and the worst ratio of
// peak RSS to budget; and one line per failing case with its command line, to reproduce it.
import { budgetOf, commandOf, runCase, MiB, type AttackCase, type Outcome } from "./run-case.js";
import type { Library } from "./library.js";

export interface Result {
  c: AttackCase;
  o: Outcome;
}

/** Run `cases` with `parallel` children at a time, in order of the list. */
export async function runAll(
  cases: readonly AttackCase[],
  lib: Library,
  parallel: number,
  onDone?: (r: Result, done: number) => void,
): Promise<Result[]> {
  const results: Result[] = new Array<Result>(cases.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const k = next++;
      results[k] = { c: cases[k], o: await runCase(cases[k], lib) };
      onDone?.(results[k], ++done);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** Peak RSS of a child that loads the library and does nothing (lib), and of `myelin --version`. */
export async function baselines(lib: Library): Promise<{ lib: number; cli: number }> {
  const idle = (entry: string, argv: string[]): AttackCase => ({
    kind: "model",
    inputClass: "control",
    input: "idle",
    entry,
    argv,
    declaredBytes: 0,
  });
  const [a, b] = await runAll([idle("lib:idle", ["idle"]), idle("cli:", ["--version"])], lib, 1);
  return { lib: a.o.peakRssBytes, cli: b.o.peakRssBytes };
}

/** A case fails the bar if it is untyped, crashed, hung, or went over its RSS budget. */
export function failed(r: Result): boolean {
  return !(r.o.status === "ok" || r.o.status === "typed") || r.o.overBudget;
}

/** What kind of failure, for grouping: "hang", "untyped", "rss", "untyped+rss", … */
export function failureClass(r: Result): string {
  const parts: string[] = [];
  if (!(r.o.status === "ok" || r.o.status === "typed")) parts.push(r.o.status);
  if (r.o.overBudget) parts.push("rss");
  return parts.join("+");
}

export function summary(results: readonly Result[], lib: Library): string {
  const rows = [
    ["kind", "cases", "untyped", "crash", "hangs", "over RSS", "worst RSS/budget", "ok", "typed"],
  ];
  const kinds = [...new Set(results.map((r) => r.c.kind)), "all"];
  for (const kind of kinds) {
    const rs = results.filter((r) => kind === "all" || r.c.kind === kind);
    const count = (f: (r: Result) => boolean): string => String(rs.filter(f).length);
    const worst = rs.reduce((m, r) => Math.max(m, r.o.peakRssBytes / r.o.budgetBytes), 0);
    rows.push([
      kind,
      String(rs.length),
      count((r) => r.o.status === "untyped"),
      count((r) => r.o.status === "crash"),
      count((r) => r.o.status === "hang"),
      count((r) => r.o.overBudget),
      worst.toFixed(2),
      count((r) => r.o.status === "ok"),
      count((r) => r.o.status === "typed"),
    ]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  const table = rows.map((row) => row.map((cell, j) => cell.padStart(widths[j])).join("  "));
  return table.join("\n") + "\n" + failures(results, lib) + "\n" + acceptedSpecials(results);
}

/** Special files that an entry point read without any error: not a failure here, but worth a look. */
function acceptedSpecials(results: readonly Result[]): string {
  const accepted = results.filter((r) => r.c.inputClass === "special" && r.o.status === "ok");
  const shown = accepted.map((r) => `${r.c.entry} ${r.c.input}`);
  return `special files accepted without error (${accepted.length}): ${shown.join("; ") || "none"}`;
}

/** Failing cases grouped by (kind, entry, input class, failure class), one repro each. */
function failures(results: readonly Result[], lib: Library): string {
  const groups = new Map<string, Result[]>();
  for (const r of results.filter(failed)) {
    const key = `${failureClass(r)} · ${r.c.entry} · ${r.c.inputClass}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const lines = [`failing groups: ${groups.size}`];
  for (const [key, rs] of [...groups].sort()) {
    const r = rs[0];
    const inputs = [...new Set(rs.map((x) => x.c.input))].slice(0, 6).join(", ");
    lines.push(`- ${key}: ${rs.length} case(s) [${inputs}]`);
    lines.push(`    e.g. ${describe(r)}`);
    lines.push(`    repro: ${repro(r.c, lib)}`);
  }
  return lines.join("\n");
}

/** One line: what happened, peak RSS against budget, time. */
export function describe(r: Result): string {
  const rss = `${(r.o.peakRssBytes / MiB).toFixed(0)} MiB of ${(budgetOf(r.c.declaredBytes) / MiB).toFixed(0)} MiB`;
  return `${r.c.kind}/${r.c.input} → ${r.o.status} (${rss}, ${r.o.ms.toFixed(0)} ms) ${r.o.detail.slice(0, 160)}`;
}

export function repro(c: AttackCase, lib: Library): string {
  const cmd = commandOf(c, lib)
    .map((a) => (/^[\w./:=@,+-]+$/.test(a) ? a : JSON.stringify(a)))
    .join(" ");
  return c.cwd ? `(cd ${c.cwd} && ${cmd})` : cmd;
}
