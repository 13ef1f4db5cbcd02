// A small typed command-line parser: `--flag value`, `--flag=value`, boolean switches and
// positional arguments. Not a framework: no sub-command registry, no short-flag bundling.
import { UsageError } from "./output.js";

/** How one flag is read: string, number (finite), integer (≥ min) or boolean switch. */
export type FlagType = "string" | "number" | "int" | "boolean";

export interface FlagSpec {
  type: FlagType;
  /** One line for --help. */
  help: string;
  /** Shown as the value's placeholder in --help (e.g. "N", "FILE"). */
  value?: string;
  /** Smallest allowed value for number / int flags. */
  min?: number;
  /** Largest allowed value for number / int flags. */
  max?: number;
  /** Allowed values for string flags. */
  choices?: readonly string[];
}

export type FlagSpecs = Record<string, FlagSpec>;

/** Parsed flags: string | number | boolean by spec, absent flags are undefined. */
export type ParsedFlags = Record<string, string | number | boolean | undefined>;

export interface ParsedArgs {
  flags: ParsedFlags;
  positionals: string[];
}

/** Flags every command accepts. */
export const COMMON_FLAGS: FlagSpecs = {
  help: { type: "boolean", help: "show this help and exit" },
  json: { type: "boolean", help: "print machine-readable JSON to stdout" },
  verbose: { type: "boolean", help: "show stack traces on errors" },
};

/**
 * Parse argv (without node and script) against `specs`. Throws UsageError for an unknown flag
 * (suggesting the closest known one), a missing or malformed value, or a repeated flag.
 * `--` ends the flags; everything after it is positional.
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs, command: string): ParsedArgs {
  const flags: ParsedFlags = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("--")) {
      throw new UsageError(`unknown option ${arg}${suggest(arg, specs)}`, command);
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) {
      throw new UsageError(`unknown option --${name}${suggest(name, specs)}`, command);
    }
    if (flags[name] !== undefined) {
      throw new UsageError(`option --${name} given more than once`, command);
    }
    let raw: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (spec.type === "boolean") {
      flags[name] = raw === undefined ? true : parseBoolean(raw, name, command);
      continue;
    }
    if (raw === undefined) {
      raw = argv[i + 1];
      if (raw === undefined || (raw.startsWith("--") && raw.length > 2)) {
        throw new UsageError(`option --${name} needs a value (${spec.value ?? "VALUE"})`, command);
      }
      i++;
    }
    flags[name] = convert(raw, name, spec, command);
  }
  return { flags, positionals };
}

function parseBoolean(raw: string, name: string, command: string): boolean {
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new UsageError(`option --${name} is a switch; use --${name} or --${name}=false`, command);
}

function convert(raw: string, name: string, spec: FlagSpec, command: string): string | number {
  if (spec.type === "string") {
    if (spec.choices && !spec.choices.includes(raw)) {
      const hint = closest(raw, spec.choices);
      throw new UsageError(
        `--${name} must be one of ${spec.choices.join(", ")}; got ${JSON.stringify(raw)}` +
          (hint ? ` (did you mean ${hint}?)` : ""),
        command,
      );
    }
    return raw;
  }
  const v = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(v) || (spec.type === "int" && !Number.isInteger(v))) {
    const kind = spec.type === "int" ? "an integer" : "a number";
    throw new UsageError(`--${name} must be ${kind}; got ${JSON.stringify(raw)}`, command);
  }
  if (spec.min !== undefined && v < spec.min) {
    throw new UsageError(`--${name} must be ≥ ${spec.min}; got ${raw}`, command);
  }
  if (spec.max !== undefined && v > spec.max) {
    throw new UsageError(`--${name} must be ≤ ${spec.max}; got ${raw}`, command);
  }
  return v;
}

function suggest(name: string, specs: FlagSpecs): string {
  const hint = closest(name.replace(/^-+/, ""), Object.keys(specs));
  return hint ? ` (did you mean --${hint}?)` : "; see --help";
}

/** The candidate with the smallest edit distance, if it is within about a third of the length. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.ceil(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance (insert, delete, substitute each cost 1), one row at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, substitute));
    }
    prev = row;
  }
  return prev[b.length];
}

/** The --help text of a command: usage line, description, and one line per flag. */
export function helpText(usage: string, description: string, specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const left = `  --${name}${s.type === "boolean" ? "" : ` ${s.value ?? "VALUE"}`}`;
    const choices = s.choices ? ` (${s.choices.join("|")})` : "";
    return `${left.padEnd(26)} ${s.help}${choices}`;
  });
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.join("\n")}\n`;
}
