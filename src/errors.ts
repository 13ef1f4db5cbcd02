// Typed errors thrown by Myelin. Every message names the operation and the values involved,
// so a user can see what was wrong and where without reading a stack trace.

/** Longest message a MyelinError carries; longer ones are cut in the middle (boundMessage). */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * Base class of every error Myelin throws on purpose. Its message is bounded: whatever a hostile
 * file puts into it (a 400 KB column name, 100,000 tensor names), it keeps the first and last
 * characters — what and where, and the fix — and says how much was cut in between.
 */
export class MyelinError extends Error {
  /** "MyelinError", as `err.name` and stack traces show it. */
  override name = "MyelinError";

  constructor(message?: string, options?: ErrorOptions) {
    super(boundMessage(message ?? ""), options);
  }
}

/** message if it fits in `max` characters, else head + "… [N characters cut] …" + tail. */
export function boundMessage(message: string, max = MAX_MESSAGE_LENGTH): string {
  if (message.length <= max) return message;
  const marker = (cut: number): string => ` … [${cut.toLocaleString("en-US")} characters cut] … `;
  const room = max - marker(message.length).length;
  const head = Math.ceil(room * 0.75);
  const tail = room - head;
  return message.slice(0, head) + marker(message.length - head - tail) + message.slice(-tail);
}

/** Shapes that do not fit an operation (mismatch, bad rank, not broadcastable, bad reshape). */
export class ShapeError extends MyelinError {
  /** "ShapeError", as `err.name` and stack traces show it. */
  override name = "ShapeError";
}

/** An unknown dtype, or a dtype an operation does not accept. */
export class DTypeError extends MyelinError {
  /** "DTypeError", as `err.name` and stack traces show it. */
  override name = "DTypeError";
}

/** A malformed argument that is neither a shape nor a dtype problem (NaN where an integer is needed, …). */
export class ValueError extends MyelinError {
  /** "ValueError", as `err.name` and stack traces show it. */
  override name = "ValueError";
}

/** An index outside its valid range (row index, axis, class label). */
export class IndexError extends MyelinError {
  /** "IndexError", as `err.name` and stack traces show it. */
  override name = "IndexError";
}

/** Misuse of automatic differentiation (backward on a non-scalar without a gradient, …). */
export class GradError extends MyelinError {
  /** "GradError", as `err.name` and stack traces show it. */
  override name = "GradError";
}

/** A NaN or ±Infinity found in a loss or gradient; names where it was found. */
export class NonFiniteError extends MyelinError {
  /** "NonFiniteError", as `err.name` and stack traces show it. */
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
