// A strict JSON reader for untrusted headers: RFC 8259 grammar, bounded nesting depth, no
// duplicate keys, no `__proto__`/`constructor`/`prototype` keys, objects without a prototype.
// It is not a general JSON library: numbers must be finite, and the top level must be an object.
import { ModelFormatError } from "./errors.js";

/** Keys that could reach an object's prototype chain in naive code; rejected everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** A parsed JSON value; objects are null-prototype records. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A parsed JSON object: a null-prototype record of JSON values. */
export interface JsonObject {
  [key: string]: JsonValue;
}

const PLAIN_RUN_RE = /[^"\\\u0000-\u001f]*/y;
const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Parse `text` (a whole JSON document whose first character is "{") into null-prototype objects.
 * Depth counts containers: `{}` has depth 1, `{"a":[{}]}` depth 3; depth > maxDepth is rejected
 * as soon as it is reached, so a depth bomb costs O(maxDepth) stack, never a RangeError.
 * `maxTableEntries` bounds the members of the top-level "tensors" object while parsing, so a
 * table of a million entries stops at entry maxTableEntries + 1 instead of being built.
 * Throws ModelFormatError: bad-json, json-too-deep, duplicate-key, forbidden-key, too-many-tensors.
 */
export function parseStrictJson(
  text: string,
  maxDepth: number,
  maxTableEntries = Infinity,
): JsonObject {
  if (text.charCodeAt(0) !== 0x7b) {
    throw new ModelFormatError("bad-json", 'header JSON must start with "{"');
  }
  const p = new Parser(text, maxDepth, maxTableEntries);
  const value = p.value(0);
  p.ws();
  if (p.i !== text.length) p.fail("unexpected data after the top-level object");
  return value as JsonObject;
}

class Parser {
  i = 0;
  constructor(
    readonly s: string,
    readonly maxDepth: number,
    readonly maxTableEntries: number,
  ) {}

  fail(what: string): never {
    throw new ModelFormatError("bad-json", `header JSON: ${what} at character ${this.i}`);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.i++;
    }
  }

  value(depth: number, key = ""): JsonValue {
    this.ws();
    const c = this.s[this.i];
    if (c === "{" || c === "[") {
      if (depth + 1 > this.maxDepth) {
        throw new ModelFormatError(
          "json-too-deep",
          `header JSON nests deeper than ${this.maxDepth} levels at character ${this.i}`,
        );
      }
      if (c === "[") return this.array(depth + 1);
      const isTable = depth === 1 && key === "tensors";
      return this.object(depth + 1, isTable ? this.maxTableEntries : Infinity);
    }
    if (c === '"') return this.string();
    if (c === "t") return this.literal("true", true);
    if (c === "f") return this.literal("false", false);
    if (c === "n") return this.literal("null", null);
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    return this.fail(c === undefined ? "unexpected end" : `unexpected ${JSON.stringify(c)}`);
  }

  object(depth: number, maxMembers: number): JsonObject {
    const out = Object.create(null) as JsonObject;
    this.i++; // "{"
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (let members = 1; ; members++) {
      if (members > maxMembers) {
        throw new ModelFormatError("too-many-tensors", `more than ${maxMembers} tensors`);
      }
      this.ws();
      if (this.s[this.i] !== '"') this.fail("expected a string key");
      const at = this.i;
      const key = this.string();
      if (FORBIDDEN_KEYS.has(key)) {
        throw new ModelFormatError("forbidden-key", `header JSON: key "${key}" at character ${at}`);
      }
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        throw new ModelFormatError(
          "duplicate-key",
          `header JSON: key ${JSON.stringify(key).slice(0, 300)} repeated at character ${at}`,
        );
      }
      this.ws();
      if (this.s[this.i] !== ":") this.fail('expected ":"');
      this.i++;
      out[key] = this.value(depth, key);
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return out;
      if (c !== ",") this.fail('expected "," or "}"');
    }
  }

  array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.i++; // "["
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") this.fail('expected "," or "]"');
    }
  }

  string(): string {
    const s = this.s;
    this.i++; // opening quote
    let out = "";
    let start = this.i;
    for (;;) {
      PLAIN_RUN_RE.lastIndex = this.i;
      PLAIN_RUN_RE.test(s); // skip characters that need no handling
      this.i = PLAIN_RUN_RE.lastIndex;
      if (this.i >= s.length) this.fail("unterminated string");
      const c = s.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail("control character in string");
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(start, this.i);
      const e = s[this.i + 1];
      if (e === "u") {
        const hex = s.slice(this.i + 2, this.i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 6;
      } else {
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) this.fail("bad escape");
        out += r;
        this.i += 2;
      }
      start = this.i;
    }
    out += s.slice(start, this.i);
    this.i++; // closing quote
    return out;
  }

  number(): number {
    NUMBER_RE.lastIndex = this.i;
    const m = NUMBER_RE.exec(this.s);
    if (m === null) return this.fail("bad number");
    const v = Number(m[0]);
    if (!Number.isFinite(v)) this.fail(`number ${m[0].slice(0, 40)} is out of range`);
    this.i += m[0].length;
    return v;
  }

  literal<T>(word: string, v: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail("bad literal");
    this.i += word.length;
    return v;
  }
}
