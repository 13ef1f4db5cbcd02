// Canonical JSON text for model headers: keys sorted (UTF-16 code-unit order) at every level,
// no whitespace, numbers in JavaScript's shortest round-trip form. Equal values give equal bytes.
// Only plain data is accepted; anything JSON.stringify would drop or coerce is an error here.
import { ModelFormatError } from "./errors.js";
import { FORBIDDEN_KEYS } from "./strict-json.js";

/**
 * Canonical JSON of `value`. Depth counts containers as in parseStrictJson; `depth` is the depth
 * `value` sits at (0 for a top-level value). Throws ModelFormatError (bad-value, forbidden-key,
 * json-too-deep) for undefined, functions, symbols, bigints, NaN/±Infinity, sparse arrays,
 * class instances (Date, Map, typed arrays, …), forbidden keys, or nesting beyond maxDepth.
 */
export function canonicalJson(value: unknown, maxDepth: number, depth = 0, path = "$"): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) bad(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      bad(path, `a ${typeof value} is not JSON data`);
  }
  if (depth + 1 > maxDepth) {
    throw new ModelFormatError("json-too-deep", `header: ${path} nests deeper than ${maxDepth}`);
  }
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) bad(`${path}[${i}]`, "hole in a sparse array");
      parts.push(canonicalJson(value[i], maxDepth, depth + 1, `${path}[${i}]`));
    }
    return `[${parts.join(",")}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) bad(path, "only plain objects are JSON data");
  if (Object.getOwnPropertySymbols(value).length > 0) bad(path, "symbol keys are not JSON data");
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new ModelFormatError("forbidden-key", `header: key "${key}" at ${path}`);
    }
    const v = (value as Record<string, unknown>)[key];
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v, maxDepth, depth + 1, `${path}.${key}`)}`);
  }
  return `{${parts.join(",")}}`;
}

function bad(path: string, what: string): never {
  throw new ModelFormatError("bad-value", `header: ${path}: ${what}`);
}
