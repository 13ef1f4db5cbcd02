// A small typed command-line parser: `--flag value`, `--flag=value`, boolean switches and
// positional arguments. Not a framework: no sub-command registry, no short-flag bundling.
import { UsageError } from "./output.js";

interface FlagBase {
  /** One line for --help. */
  help: string;
  /** Shown as the value's placeholder in --help (e.g. "N", "FILE"). */
  value?: string;
  /**
   * A hyper-parameter of a training run: recorded in the model file and the report. "fixed" ones
   * must be equal when a checkpoint is resumed; "may-grow" ones (--epochs) may change.
   */
  hyper?: "fixed" | "may-grow";
}

export interface StringFlag extends FlagBase {
  type: "string";
  /** Allowed values (the parsed type is their union; --help lists them). */
  choices?: readonly string[];
  /**
   * Known names (an optimizer, an activation, a loss): checked at parse time like choices — so an
   * unknown name is a usage error before any file is read, with "did you mean" — but the value
   * stays a string and --help does not list them all.
   */
  names?: readonly string[];
  /** Value when the flag is absent (shown in --help). */
  default?: string;
}

export interface NumberFlag extends FlagBase {
  type: "number" | "int";
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** Value when the flag is absent (shown in --help). */
  default?: number;
}

/** A switch: true when given (or --name=true), absent otherwise. */
export interface BooleanFlag extends FlagBase {
  type: "boolean";
}

export type FlagSpec = StringFlag | NumberFlag | BooleanFlag;

export type FlagSpecs = Record<string, FlagSpec>;

/** The value one flag parses to: boolean, number, one of its choices, or string. */
export type FlagValue<S extends FlagSpec> = S extends BooleanFlag
  ? boolean
  : S extends NumberFlag
    ? number
    : S extends { choices: readonly (infer C extends string)[] }
      ? C
      : string;

/** Parsed flags, typed by their specs: flags with a default are always set, others may be absent. */
export type Flags<S extends FlagSpecs> = {
  -readonly [K in keyof S as S[K] extends { default: unknown } ? K : never]: FlagValue<S[K]>;
} & {
  -readonly [K in keyof S as S[K] extends { default: unknown } ? never : K]?: FlagValue<S[K]>;
};

/**
 * Declare a command's flags once: the literal types (choices, defaults) are kept, so parseArgs
 * returns a typed record and no caller casts.
 */
export function defineFlags<const S extends FlagSpecs>(specs: S): S {
  return specs;
}

export interface ParsedArgs<S extends FlagSpecs> {
  flags: Flags<S>;
  positionals: string[];
}

/** Flags every command accepts. */
export const COMMON_FLAGS = defineFlags({
  help: { type: "boolean", help: "show this help and exit" },
  json: { type: "boolean", help: "print machine-readable JSON to stdout" },
  verbose: { type: "boolean", help: "show stack traces on errors" },
});

/**
 * Parse argv (without node and script) against `specs`. Throws UsageError for an unknown flag
 * (suggesting the closest known one), a missing or malformed value, or a repeated flag.
 * `--` ends the flags; everything after it is positional. Absent flags take their default.
 */
export function parseArgs<S extends FlagSpecs>(
  argv: readonly string[],
  specs: S,
  command: string,
): ParsedArgs<S> {
  const flags: Record<string, string | number | boolean> = {};
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
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type !== "boolean" && spec.default !== undefined) flags[name] ??= spec.default;
  }
  // the one cast of the CLI's flags: every value above was checked against its own spec
  return { flags: flags as Flags<S>, positionals };
}

function parseBoolean(raw: string, name: string, command: string): boolean {
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new UsageError(`option --${name} is a switch; use --${name} or --${name}=false`, command);
}

function convert(
  raw: string,
  name: string,
  spec: StringFlag | NumberFlag,
  command: string,
): string | number {
  if (spec.type === "string") {
    const allowed = spec.choices ?? spec.names;
    if (allowed && !allowed.includes(raw)) {
      const hint = closest(raw, allowed);
      throw new UsageError(
        `--${name} must be one of ${allowed.join(", ")}; got ${JSON.stringify(raw)}` +
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

/** " (did you mean --x?)", or "": the usage line already ends with "(see myelin CMD --help)". */
function suggest(name: string, specs: FlagSpecs): string {
  const hint = closest(name.replace(/^-+/, ""), Object.keys(specs));
  return hint ? ` (did you mean --${hint}?)` : "";
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
    const choices = s.type === "string" && s.choices ? ` (${s.choices.join("|")})` : "";
    const given = s.type === "boolean" ? undefined : s.default;
    const fallback = given === undefined ? "" : ` (default ${given})`;
    return `${left.padEnd(26)} ${s.help}${choices}${fallback}`;
  });
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.join("\n")}\n`;
}
