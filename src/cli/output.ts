// What the CLI prints: human text or --json on stdout, and errors as one line on stderr
// ("myelin CMD: what — how to fix"), with the stack only under --verbose. Exit codes: 0 ok,
// 1 error (bad data, corrupt model, I/O), 2 usage (bad flags or arguments).
import { DataFormatError, EmptyDatasetError } from "../data/errors.js";
import { MyelinError } from "../errors.js";
import { IoError, ModelFormatError } from "../io/errors.js";
import { jsonTerminalSafe } from "./terminal-text.js";

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called: exit code 2, with a hint to --help. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

/** A runtime failure the CLI explains itself (what, where, how to fix): exit code 1. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where output goes; tests and main() pass the process streams. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars are redrawn in place only then). */
  isTTY: boolean;
  cwd: string;
}

/** Print an object as pretty JSON on one stdout block. */
export function printJson(io: Io, value: unknown): void {
  io.stdout(jsonTerminalSafe(JSON.stringify(value, jsonReplacer, 2)) + "\n");
}

/** NaN and ±Infinity are not JSON: print them as null. */
function jsonReplacer(_key: string, v: unknown): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}

/** The one-line explanation of an error, with a fix where the error type suggests one. */
function describeError(e: unknown, command: string): { line: string; code: number } {
  const prefix = `myelin${command ? " " + command : ""}: `;
  if (e instanceof UsageError) {
    const help = `myelin ${e.command ? e.command + " " : ""}--help`;
    return { line: `${prefix}${oneLine(e.message)} (see ${help})`, code: EXIT_USAGE };
  }
  if (e instanceof CliError) {
    const hint = e.hint ? `; ${e.hint}` : "";
    return { line: `${prefix}${oneLine(e.message)}${hint}`, code: EXIT_ERROR };
  }
  if (e instanceof Error && e.name === "ModelEncodeError") {
    // a model being written, not a file being read: "not a valid model file" would mislead
    return { line: `${prefix}could not write the model: ${oneLine(e.message)}`, code: EXIT_ERROR };
  }
  if (e instanceof ModelFormatError) {
    return {
      line: `${prefix}not a valid model file: ${oneLine(e.message)}; re-create it with \`myelin train --out FILE\``,
      code: EXIT_ERROR,
    };
  }
  if (e instanceof DataFormatError || e instanceof EmptyDatasetError) {
    // a cell or row can be fixed in place; a header, a whole column or a file: the message says how
    const atCell = e instanceof DataFormatError && (e.fault === "cell" || e.fault === "row");
    const fix = atCell ? "; fix that cell or row and run again" : "";
    return { line: `${prefix}bad data: ${oneLine(e.message)}${fix}`, code: EXIT_ERROR };
  }
  if (e instanceof IoError || e instanceof MyelinError) {
    // typed errors say what and where themselves: no class name in front
    return { line: `${prefix}${oneLine(e.message)}`, code: EXIT_ERROR };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === "string" && code.startsWith("E")) {
    // a system error Myelin did not wrap: its message names the call and the path
    const fix =
      code === "ENOENT" ? "; check the path" : code === "EACCES" ? "; check the permissions" : "";
    return { line: `${prefix}${oneLine(err.message)}${fix}`, code: EXIT_ERROR };
  }
  return {
    line: `${prefix}internal error: ${err.name}: ${oneLine(err.message)}; run again with --verbose for the stack and report it`,
    code: EXIT_ERROR,
  };
}

/** Collapse newlines, control and bidi characters so the message stays on one terminal line. */
function oneLine(s: string): string {
  return s.replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+/g, " ").trim();
}

/** Report an error on stderr (and as JSON on stdout under --json); return the exit code. */
export function reportError(
  io: Io,
  e: unknown,
  command: string,
  options: { verbose?: boolean; json?: boolean },
): number {
  const { line, code } = describeError(e, command);
  io.stderr(line + "\n");
  if (options.verbose && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
  if (options.json) {
    const name = e instanceof Error ? e.name : "Error";
    printJson(io, { ok: false, exitCode: code, error: { type: name, message: line } });
  }
  return code;
}

/** Format a number for people: 4 significant decimals, exponent for tiny values. */
export function fmt(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return "n/a";
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return v.toFixed(4);
}
