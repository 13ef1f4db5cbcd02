// Canonical JSON text for model headers: keys sorted (UTF-16 code-unit order) at every level,
// no whitespace, numbers in JavaScript's shortest round-trip form. Equal values give equal bytes.
// Only plain data is accepted; anything JSON.stringify would drop or coerce is refused here, with
// the JSON path of the value (ModelEncodeError: a save-time refusal, not a damaged file).
import { ModelEncodeError } from "./errors.js";
import { FORBIDDEN_KEYS } from "./strict-json.js";

/** Longest path shown in a message; deeper paths keep their end ("…" + the last characters). */
const MAX_PATH_CHARS = 300;

/**
 * Canonical JSON of `value`. Depth counts containers as in parseStrictJson; `depth` is the depth
 * `value` sits at (0 for a top-level value); `path` names it in messages ("header", "meta").
 * Throws ModelEncodeError (bad-value, forbidden-key, json-too-deep) for undefined, functions,
 * symbols, bigints, NaN/±Infinity, sparse arrays, cycles, class instances (Date, Map, typed
 * arrays, …), forbidden keys, or nesting beyond maxDepth.
 */
export function canonicalJson(value: unknown, maxDepth: number, depth = 0, path = "$"): string {
  return write(value, { maxDepth, ancestors: new Map() }, depth, path);
}

interface Walk {
  maxDepth: number;
  /** Objects and arrays on the way down from the root, with their paths (cycle detection). */
  ancestors: Map<object, string>;
}

function write(value: unknown, walk: Walk, depth: number, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) bad(path, `is ${value}; JSON cannot store non-finite numbers`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      bad(path, `is ${article(typeof value)}; only plain JSON data can be stored`);
  }
  const seenAt = walk.ancestors.get(value);
  if (seenAt !== undefined) bad(path, `refers back to ${shortPath(seenAt)} (a cycle)`);
  if (depth + 1 > walk.maxDepth) {
    throw new ModelEncodeError(
      "json-too-deep",
      path,
      `${shortPath(path)} nests deeper than ${walk.maxDepth} levels`,
    );
  }
  walk.ancestors.set(value, path);
  const text = Array.isArray(value)
    ? writeArray(value, walk, depth, path)
    : writeObject(value, walk, depth, path);
  walk.ancestors.delete(value);
  return text;
}

function writeArray(value: unknown[], walk: Walk, depth: number, path: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) bad(`${path}[${i}]`, "is a hole in a sparse array");
    parts.push(write(value[i], walk, depth + 1, `${path}[${i}]`));
  }
  return `[${parts.join(",")}]`;
}

function writeObject(value: object, walk: Walk, depth: number, path: string): string {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    const shown = typeof kind === "string" ? `a ${kind}` : "a class instance";
    bad(path, `is ${shown}; only plain objects are JSON data`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) bad(path, "has symbol keys");
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const at = childPath(path, key);
    if (FORBIDDEN_KEYS.has(key)) {
      throw new ModelEncodeError(
        "forbidden-key",
        at,
        `${shortPath(at)}: the key "${key}" is reserved`,
      );
    }
    const v = (value as Record<string, unknown>)[key];
    parts.push(`${JSON.stringify(key)}:${write(v, walk, depth + 1, at)}`);
  }
  return `{${parts.join(",")}}`;
}

/** path.key for identifier keys, path["any key"] otherwise (keys cut to 60 characters). */
function childPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 60) return `${path}.${key}`;
  const shown = key.length > 60 ? `${key.slice(0, 59)}…` : key;
  return `${path}[${JSON.stringify(shown)}]`;
}

function shortPath(path: string): string {
  return path.length <= MAX_PATH_CHARS ? path : `…${path.slice(-(MAX_PATH_CHARS - 1))}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function bad(path: string, what: string): never {
  throw new ModelEncodeError("bad-value", path, `${shortPath(path)} ${what}`);
}
