// Typed errors thrown by Myelin. Every message names the operation and the values involved,
// so a user can see what was wrong and where without reading a stack trace.

/** Base class of every error Myelin throws on purpose. */
export class MyelinError extends Error {
  override name = "MyelinError";
}

/** Shapes that do not fit an operation (mismatch, bad rank, not broadcastable, bad reshape). */
export class ShapeError extends MyelinError {
  override name = "ShapeError";
}

/** An unknown dtype, or a dtype an operation does not accept. */
export class DTypeError extends MyelinError {
  override name = "DTypeError";
}

/** A malformed argument that is neither a shape nor a dtype problem (NaN where an integer is needed, …). */
export class ValueError extends MyelinError {
  override name = "ValueError";
}

/** An index outside its valid range (row index, axis, class label). */
export class IndexError extends MyelinError {
  override name = "IndexError";
}

/** Misuse of automatic differentiation (backward on a non-scalar without a gradient, …). */
export class GradError extends MyelinError {
  override name = "GradError";
}

/** A NaN or ±Infinity found in a loss or gradient; names where it was found. */
export class NonFiniteError extends MyelinError {
  override name = "NonFiniteError";
}

/** Format a shape for messages: [2, 3]. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * A list of names for an error message, bounded whatever comes in: at most `max` names, each cut
 * to `maxName` characters, then how many were left out — so 100,000 names from a hostile file
 * still give one short line. Empty input gives "".
 *
 *   listForMessage(["a", "b", "c"], 2)  →  "a, b, … and 1 more (3 in all)"
 */
export function listForMessage(names: readonly string[], max = 10, maxName = 64): string {
  const shown = names
    .slice(0, max)
    .map((n) => (n.length > maxName ? `${n.slice(0, maxName - 1)}…` : n))
    .join(", ");
  const rest = names.length - Math.min(names.length, max);
  if (rest === 0) return shown;
  const count = (k: number): string => k.toLocaleString("en-US");
  return `${shown}, … and ${count(rest)} more (${count(names.length)} in all)`;
}
