// csvCell / csvRow: quoting and formula neutralisation (RELIABILITY #25), hand-written expectations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "./csv.js";
import { csvCell, csvRow } from "./csv-write.js";

test("cells starting with = + - @ tab CR get a leading apostrophe", () => {
  assert.equal(csvCell("=1+1"), "'=1+1");
  assert.equal(csvCell("+41"), "'+41");
  assert.equal(csvCell("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("\tx"), "'\tx");
  assert.equal(csvCell("\rx"), '"\'\rx"');
  assert.equal(csvCell("a=b"), "a=b");
});

test("quotes, commas and newlines are quoted; numbers stay numbers", () => {
  assert.equal(csvCell('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
  assert.equal(csvCell(-0.5), "-0.5");
  assert.equal(csvCell(1e-7), "1e-7");
  assert.equal(csvRow(["setosa", 0.25, "a,b"]), 'setosa,0.25,"a,b"\n');
});

test("the parser reads back what the writer wrote (neutralised cells keep their apostrophe)", () => {
  const cells = ["plain", "with,comma", 'q"uote', "multi\nline", "=cmd", "ünïcødé 😀"];
  const [record] = parseCsv(csvRow(cells));
  assert.deepEqual(record.fields, [
    "plain",
    "with,comma",
    'q"uote',
    "multi\nline",
    "'=cmd",
    "ünïcødé 😀",
  ]);
});

test("round-trip gaps found by csv-fuzz.test.ts: a lone empty cell, a leading BOM, −0", () => {
  assert.equal(csvRow([""]), '""\n', "an unquoted empty record would be an empty line, skipped");
  assert.equal(
    csvCell("\uFEFFa"),
    '"\uFEFFa"',
    "a leading BOM is dropped by readers unless quoted",
  );
  assert.equal(csvCell(-0), "-0");
  const records = parseCsv(csvRow(["\uFEFFa", -0]) + csvRow([""]) + csvRow(["b"]));
  assert.deepEqual(
    records.map((r) => r.fields),
    [["\uFEFFa", "-0"], [""], ["b"]],
  );
});
