// Run one attack case in a child process and classify what happened. The child is killed after
// HANG_MS (a hang) or when its resident memory passes a hard cap (so a reader that slurps
// /dev/zero cannot take the machine down); its peak RSS is the larger of what it reports itself
// (process.resourceUsage().maxRSS, at exit) and what the parent saw in /proc/PID/status (VmHWM).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Library } from "./library.js";

export const MiB = 1024 * 1024;
/** A case that uses this much CPU, or is blocked this long, is a hang (see runCase). */
export const HANG_MS = 5000;
/** Wall-time ceiling for a child that keeps making progress on a loaded machine. */
const HANG_CEILING_MS = 60_000;
const POLL_MS = 20;
/** Added to twice the declared data size: the "2× declared + 150 MB". */
export const RSS_ALLOWANCE = 150 * MiB;
/** V8 heap limit of every child: generous, so it never changes an outcome. */
const HEAP_MB = 4096;
/** Hard cap on a child's RSS (the case has long failed its budget by then). */
const RSS_CAP = 3 * 1024 * MiB;

const RUN_ENTRY = fileURLToPath(new URL("./fixtures/run-entry.mjs", import.meta.url));
const RSS_ON_EXIT = fileURLToPath(new URL("./fixtures/rss-on-exit.mjs", import.meta.url));

export type InputKind = "model" | "checkpoint" | "csv" | "idx";
export type InputClass = "valid" | "mutation" | "bomb" | "special" | "control";

export interface AttackCase {
  kind: InputKind;
  inputClass: InputClass;
  /** What the input is: "flip", "fifo", "gzip-beyond-declared", … */
  input: string;
  /** "lib:load", "cli:inspect", … */
  entry: string;
  /** lib: [entry name, ...paths] for run-entry.mjs; cli: the CLI's argv. */
  argv: string[];
  /** Working directory of a CLI child (its outputs go there). */
  cwd?: string;
  /** Data size the input claims (see declared.ts); the RSS budget is 2× this + 150 MiB. */
  declaredBytes: number;
}

export type Status = "ok" | "typed" | "untyped" | "crash" | "hang" | "rss-cap";

export interface Outcome {
  status: Status;
  /** Error name and message, or the CLI's stderr line. */
  detail: string;
  peakRssBytes: number;
  budgetBytes: number;
  overBudget: boolean;
  ms: number;
}

/** 2 × declared + 150 MiB, applied to the child's TOTAL peak RSS (baseline included). */
export function budgetOf(declaredBytes: number): number {
  return 2 * declaredBytes + RSS_ALLOWANCE;
}

/** The command line of a case, for a one-line repro. */
export function commandOf(c: AttackCase, lib: Library): string[] {
  return c.entry.startsWith("cli:")
    ? ["node", "--import", RSS_ON_EXIT, lib.cliMain, ...c.argv]
    : ["node", RUN_ENTRY, lib.libEntry, ...c.argv];
}

export function runCase(c: AttackCase, lib: Library): Promise<Outcome> {
  const [, ...args] = commandOf(c, lib);
  const budgetBytes = budgetOf(c.declaredBytes);
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...args], {
    cwd: c.cwd,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", NODE_OPTIONS: "" },
  });
  const out = collect(child.stdout!);
  const err = collect(child.stderr!);
  const fd3 = collect(child.stdio[3] as NodeJS.ReadableStream);
  let polledPeak = 0;
  let killedFor: "hang" | "rss-cap" | null = null;
  const kill = (why: "hang" | "rss-cap"): void => {
    killedFor ??= why;
    child.kill("SIGKILL");
  };
  // a hang: 5 s of CPU, or past 5 s of wall time with no CPU used in the last second (blocked);
  // a slow child on a loaded machine keeps running until HANG_CEILING_MS
  const progress: number[] = [];
  const poll = setInterval(() => {
    polledPeak = Math.max(polledPeak, peakRssOf(child.pid));
    if (polledPeak > RSS_CAP) kill("rss-cap");
    const cpu = cpuMsOf(child.pid);
    if (cpu === 0 && child.exitCode !== null) return; // exited; "close" follows
    progress.push(cpu);
    const wall = performance.now() - started;
    const lastSecond = cpu - (progress.at(-1000 / POLL_MS) ?? 0);
    if (cpu > HANG_MS || (wall > HANG_MS && lastSecond < 1) || wall > HANG_CEILING_MS) kill("hang");
  }, POLL_MS);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearInterval(poll);
      const ms = performance.now() - started;
      const reported = lastJson(c.entry.startsWith("cli:") ? fd3.text() : out.text());
      const peakRssBytes = Math.max(polledPeak, Number(reported?.maxRssBytes ?? 0));
      const verdict =
        killedFor !== null
          ? { status: killedFor, detail: `killed after ${Math.round(ms)} ms` }
          : c.entry.startsWith("cli:")
            ? classifyCli(c.argv[0] ?? "", code, signal, err.text())
            : classifyLibrary(reported, code, signal, err.text());
      resolve({
        ...verdict,
        peakRssBytes,
        budgetBytes,
        overBudget: peakRssBytes > budgetBytes,
        ms,
      });
    });
  });
}

/** Peak RSS so far (VmHWM) of a live process, 0 once it is gone. */
function peakRssOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, all threads) of a live process in ms, 0 once it is gone. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/** Linux's USER_HZ: /proc times are in 1/100 s on every mainstream architecture. */
const CLOCK_TICKS = 100;

/** Up to 256 KiB of a stream (the rest is drained and dropped). */
function collect(stream: NodeJS.ReadableStream): { text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    if (size < 256 * 1024) chunks.push(chunk);
    size += chunk.length;
  });
  return { text: () => Buffer.concat(chunks).toString("utf8") };
}

function lastJson(text: string): Record<string, unknown> | null {
  const line = text.trim().split("\n").at(-1);
  try {
    return line ? (JSON.parse(line) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

type Verdict = { status: Status; detail: string };

function classifyLibrary(
  reported: Record<string, unknown> | null,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): Verdict {
  if (reported === null || code !== 0)
    return { status: "crash", detail: `exit ${code ?? signal}: ${firstLine(stderr)}` };
  if (reported.ok === true) return { status: "ok", detail: "" };
  const detail = `${String(reported.errorName)}: ${String(reported.message)}`;
  return { status: reported.errorTyped === true ? "typed" : "untyped", detail: oneLine(detail) };
}

/** Error classes that are not Myelin's: naming one on stderr means an untyped error escaped. */
const UNTYPED_NAMES =
  /^(Error|TypeError|RangeError|SyntaxError|ReferenceError|EvalError|URIError|AggregateError|AbortError|SystemError)\b/;

/**
 * Typed = exit 1 or 2 and a last stderr line "myelin CMD: …" that names no JavaScript error class;
 * a stack trace, "internal error", any other exit code or a signal is not.
 */
export function classifyCli(
  command: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): Verdict {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "");
  const last = lines.at(-1) ?? "";
  if (code === 0) return { status: "ok", detail: "" };
  if (code !== 1 && code !== 2)
    return { status: "crash", detail: `exit ${code ?? signal}: ${oneLine(last)}` };
  const prefix = `myelin ${command}: `;
  const errorLine = lines.filter((l) => l.startsWith(prefix)).at(-1);
  const stack = lines.some((l) => /^\s+at\s/.test(l));
  if (stack || /internal error/.test(stderr) || errorLine === undefined)
    return { status: "untyped", detail: oneLine(errorLine ?? last) };
  const named = UNTYPED_NAMES.test(errorLine.slice(prefix.length));
  return { status: named ? "untyped" : "typed", detail: oneLine(errorLine) };
}

function firstLine(s: string): string {
  return oneLine(s.split("\n").find((l) => l.trim() !== "") ?? "");
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim().slice(0, 300);
}
