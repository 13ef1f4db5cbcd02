// Text from files and users made safe to print for people: escape sequences, carriage returns and
// bidi overrides are shown as visible escapes, and long text is capped. Display only: data (CSV
// files, JSON) keeps the exact bytes; a backslash is not escaped, so this is not reversible.

/** Longest text shown by default, in UTF-16 code units, ellipsis included. */
export const DEFAULT_MAX_LENGTH = 200;

/**
 * Characters a terminal may act on instead of showing: C0 controls (ESC, CR, LF, BEL, …), DEL,
 * C1 controls (U+009B is an 8-bit CSI on some terminals), and the bidi embeddings, overrides and
 * isolates U+202A–202E, U+2066–2069 that reorder what follows them ("Trojan Source").
 */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** The visible spelling of one unsafe character: \n \r \t, \xNN below U+0100, else \uNNNN. */
function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  const hex = code.toString(16).padStart(code < 0x100 ? 2 : 4, "0");
  return code < 0x100 ? `\\x${hex}` : `\\u${hex}`;
}

/**
 * `text` with every unsafe character escaped (`"\x1b[2J"` → `\x1b[2J` as 7 visible characters,
 * `"ok\rEVIL"` → `ok\rEVIL`, U+202E → `\u202e`), cut to at most `maxLength` code units with a
 * trailing "…" when longer. Cuts never split an escape or a surrogate pair.
 *   terminalSafe("\x1b[31mred") === "\\x1b[31mred"
 */
export function terminalSafe(text: string, maxLength = DEFAULT_MAX_LENGTH): string {
  const pieces: string[] = [];
  let length = 0;
  for (const c of text) {
    const piece = UNSAFE.test(c) ? escapeChar(c) : c;
    pieces.push(piece);
    length += piece.length;
  }
  if (length <= maxLength) return pieces.join("");
  let kept = "";
  for (const piece of pieces) {
    if (kept.length + piece.length > maxLength - 1) break;
    kept += piece;
  }
  return kept + "…";
}

/** What JSON.stringify leaves raw that a terminal may act on: DEL, C1 and bidi controls. */
const UNSAFE_IN_JSON = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with DEL, C1 controls and bidi overrides written as \uXXXX escapes, so it is safe to
 * print; JSON.stringify already escapes C0 controls. Parses back to exactly the same value.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
