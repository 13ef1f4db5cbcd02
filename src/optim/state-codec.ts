// Lossless number ⇄ JSON encoding for optimizer and scheduler state. JSON has no NaN, ±Infinity
// or −0, and JSON.stringify would turn the first three into null silently; we spell them as
// strings so a stateDict survives JSON.stringify → JSON.parse bit for bit.
import { ValueError } from "../errors.js";

/** A finite number as itself; NaN, ±Infinity and −0 as strings. */
export type EncodedNumber = number | "NaN" | "Infinity" | "-Infinity" | "-0";

export function encodeNumber(x: number): EncodedNumber {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return x;
}

/** Inverse of encodeNumber; anything else throws ValueError naming `where`. */
export function decodeNumber(v: unknown, where: string): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  switch (v) {
    case "NaN":
      return NaN;
    case "Infinity":
      return Infinity;
    case "-Infinity":
      return -Infinity;
    case "-0":
      return -0;
  }
  throw new ValueError(`${where}: expected a number, got ${JSON.stringify(v) ?? String(v)}`);
}

export function encodeArray(data: ArrayLike<number>): EncodedNumber[] {
  return Array.from(data, encodeNumber);
}

/** True for plain (JSON-like) objects, not arrays or null. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
