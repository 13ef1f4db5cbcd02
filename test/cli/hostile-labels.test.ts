// Class names are user data: a binary CSV whose labels look like a spreadsheet formula and like
// HTML. predict neutralises the formula (RELIABILITY #25); the report escapes the HTML.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "./helpers.js";

const FORMULA = "=HYPERLINK(1)";
const HTML = "<b>bold</b>";
let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  // separable by the sign of a: a > 0 → HTML, a < 0 → FORMULA
  const rows = ["a,b,kind"];
  for (let i = 0; i < 40; i++) {
    const a = (i % 2 === 0 ? 1 : -1) * (0.5 + (i % 7) / 7);
    rows.push(`${a},${(i % 5) - 2},"${a > 0 ? HTML : FORMULA}"`);
  }
  writeFileSync(join(work.dir, "h.csv"), rows.join("\n") + "\n");
});
after(() => work.done());

test("formula-like labels are neutralised in predictions; HTML-like labels are escaped in the report", () => {
  const t = cli(
    ["train", "--data", "h.csv", "--epochs", "40", "--out", "h.myelin", "--json"],
    work.dir,
  );
  assert.equal(t.code, 0, t.stderr);
  const result = JSON.parse(t.stdout);
  assert.equal(result.task, "binary");
  assert.equal(result.hyperParameters.loss, "bceWithLogits");
  assert.equal(result.test.accuracy, 1);
  const html = readFileSync(join(work.dir, "h.report.html"), "utf8");
  assert.ok(!html.includes(HTML), "raw HTML label in the report");
  assert.ok(html.includes("&#60;b&#62;bold&#60;/b&#62;"));

  const p = cli(["predict", "h.myelin", "--data", "h.csv"], work.dir);
  assert.equal(p.code, 0, p.stderr);
  const rows = p.stdout.trim().split("\n");
  // labels sort by UTF-16 code units: "<" (60) before "=" (61)
  assert.equal(rows[0], `label,p_${HTML},p_${FORMULA}`);
  assert.equal(rows.length, 41);
  for (const [i, row] of rows.slice(1).entries()) {
    const expected = i % 2 === 0 ? HTML : `'${FORMULA}`;
    assert.equal(row.split(",")[0], expected, `row ${i + 1}`);
    const [p0, p1] = row.split(",").slice(1).map(Number);
    assert.ok(Math.abs(p0 + p1 - 1) < 1e-6);
  }
});
