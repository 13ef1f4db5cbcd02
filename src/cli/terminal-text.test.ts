// terminalSafe: file- and user-controlled text made harmless for a terminal (no escape sequence,
// carriage return or bidi override reaches it raw) and bounded in length.
import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonTerminalSafe, terminalSafe } from "./terminal-text.js";

test("ANSI escapes, CR, LF, tab, NUL, DEL and C1 controls become visible escapes", () => {
  assert.equal(terminalSafe("\x1b[2J"), "\\x1b[2J");
  assert.equal(terminalSafe("ok\rEVIL"), "ok\\rEVIL");
  assert.equal(terminalSafe("a\nb\tc"), "a\\nb\\tc");
  assert.equal(terminalSafe("\0\x07\x7f"), "\\x00\\x07\\x7f");
  // U+009B is the 8-bit CSI: some terminals treat it as ESC [
  assert.equal(terminalSafe("\u009b31m\u0085"), "\\x9b31m\\x85");
});

test("bidi overrides and isolates are shown as \\u escapes", () => {
  assert.equal(terminalSafe("abc\u202edef"), "abc\\u202edef");
  for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
    const out = terminalSafe(String.fromCodePoint(c));
    assert.equal(out, `\\u${c.toString(16)}`);
  }
});

test("ordinary text (accents, CJK, emoji, quotes, backslashes) passes unchanged", () => {
  for (const s of ["", "Iris-setosa", "café", "猫", "🐱 cat", 'say "hi"', "C:\\path", "a b"]) {
    assert.equal(terminalSafe(s), s);
  }
});

test("no control, DEL, C1 or bidi character survives, whatever the input", () => {
  const all = Array.from({ length: 0x2100 }, (_, i) => String.fromCharCode(i)).join("");
  const out = terminalSafe(all, Infinity);
  assert.doesNotMatch(out, /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
});

test("long text is capped with an ellipsis, never splitting an escape or a surrogate pair", () => {
  assert.equal(terminalSafe("abcdef", 4), "abc…");
  assert.equal(terminalSafe("abcd", 4), "abcd");
  const s = terminalSafe("x".repeat(1000));
  assert.equal(s.length, 200);
  assert.ok(s.endsWith("…"));
  assert.equal(terminalSafe("ab\x1bcd", 5), "ab…", "the 4-character \\x1b does not fit");
  assert.equal(terminalSafe("a🐱🐱", 3), "a…", "a surrogate pair is never cut in half");
});

test("jsonTerminalSafe escapes DEL, C1 and bidi characters and parses back to the same value", () => {
  const value = { label: "a\x7fb\u009bc\u202ed\u2069", n: [1, "\x1b"] };
  const text = jsonTerminalSafe(JSON.stringify(value, null, 2));
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  assert.match(text, /a\\u007fb\\u009bc\\u202ed\\u2069/);
  assert.deepEqual(JSON.parse(text), value);
});
