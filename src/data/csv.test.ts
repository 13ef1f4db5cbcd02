// The RFC 4180 parser: quoting, line endings, BOM, line numbers across quoted newlines, its
// rejections, and chunk independence (every split offset, and random multi-way splits).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CsvParser, parseCsv, type CsvRecord } from "./csv.js";
import { DataFormatError } from "./errors.js";

const fieldsOf = (text: string | string[]): string[][] => parseCsv(text).map((r) => r.fields);

/** Assert a DataFormatError at (line, column) whose reason matches `reason`. */
function throwsAt(fn: () => unknown, line: number, column: number, reason: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DataFormatError, `expected DataFormatError, got ${String(e)}`);
    assert.equal(e.line, line, e.message);
    assert.equal(e.column, column, e.message);
    assert.match(e.reason, reason);
    return true;
  });
}

describe("CsvParser: valid input", () => {
  test("quoted commas, doubled quotes, embedded LF and CRLF", () => {
    assert.deepEqual(fieldsOf('a,"b,c","say ""hi"""\n"x\ny","p\r\nq",z\n'), [
      ["a", "b,c", 'say "hi"'],
      ["x\ny", "p\r\nq", "z"],
    ]);
  });

  test("CRLF, LF and lone CR all end records; final newline optional", () => {
    const want = [
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ];
    assert.deepEqual(fieldsOf("a,b\r\n1,2\r\n3,4\r\n"), want);
    assert.deepEqual(fieldsOf("a,b\n1,2\n3,4"), want);
    assert.deepEqual(fieldsOf("a,b\r1,2\r3,4\r"), want);
  });

  test("BOM is dropped; empty fields kept; trailing comma gives an empty last field", () => {
    assert.deepEqual(fieldsOf("\uFEFFa,b\n,\n1,"), [
      ["a", "b"],
      ["", ""],
      ["1", ""],
    ]);
    assert.deepEqual(fieldsOf('""\n'), [[""]]);
  });

  test("line numbers count quoted newlines (LF, CRLF, CR) and skipped blank lines", () => {
    const records = parseCsv('h1,h2\n"a\nb",c\r\n\r\n"x\r\ny\rz",w\n\nlast,row');
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 5, 9],
    );
    assert.deepEqual(records[2].fieldLines, [5, 7]);
    assert.deepEqual(records[1].fieldLines, [2, 3]);
  });

  test("records arrive as soon as their line ends (streaming)", () => {
    const seen: CsvRecord[] = [];
    const p = new CsvParser((r) => seen.push(r));
    p.push("a,b\n1,");
    assert.equal(seen.length, 1);
    p.push("2\n3");
    assert.equal(seen.length, 2);
    p.end();
    assert.deepEqual(
      seen.map((r) => r.fields),
      [["a", "b"], ["1", "2"], ["3"]],
    );
  });
});

describe("CsvParser: rejections name line and column", () => {
  test("unterminated quote at EOF → line where the quote opened", () => {
    throwsAt(() => parseCsv('a,b\n1,"never\nclosed\n'), 2, 2, /unterminated quoted field/);
  });

  test("quote inside an unquoted field", () => {
    throwsAt(() => parseCsv('a,b\n1,2"3\n'), 2, 2, /quote character inside an unquoted field/);
  });

  test("text after a closing quote", () => {
    throwsAt(() => parseCsv('a,b\n"1"x,2\n'), 2, 1, /after the closing quote/);
  });

  test("NUL character, unquoted and quoted", () => {
    throwsAt(() => parseCsv("a,b\n1,\u00002\n"), 2, 2, /NUL/);
    throwsAt(() => parseCsv('a,b\n1,"\n\u0000"\n'), 3, 2, /NUL/);
    throwsAt(() => parseCsv("a,b\n1,2\n\u0000\n"), 3, 1, /NUL/);
  });

  test("a field over maxFieldLength fails while streaming, before the line ends", () => {
    let pushed = 0;
    const p = new CsvParser(() => undefined, { maxFieldLength: 1000, file: "big.csv" });
    assert.throws(() => {
      for (let k = 0; k < 1e6; k++) {
        p.push("x".repeat(100));
        pushed++;
      }
    }, /big\.csv:1:1: field is longer than 1000/);
    assert.ok(pushed <= 11, `stopped after ${pushed} chunks`);
  });

  test("more than maxColumns fields", () => {
    throwsAt(() => parseCsv("a,b,c,d\n", { maxColumns: 3 }), 1, 4, /more than 3 fields/);
  });

  test("message format FILE:LINE:COL: reason", () => {
    assert.throws(() => parseCsv('x\n"', { file: "f.csv" }), {
      message: "f.csv:2:1: unterminated quoted field (the quote opened on line 2 is never closed)",
    });
  });
});

/** RFC 4180 writer for tests: quote every field (so empty one-field records survive). */
function writeCsv(rows: string[][], eol: string): string {
  return rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(",")).join(eol) + eol;
}

/** Split `text` at the sorted cut points. */
function cut(text: string, points: number[]): string[] {
  const out: string[] = [];
  let prev = 0;
  for (const p of [...points].sort((a, b) => a - b)) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
}

describe("CsvParser: chunk boundaries do not matter", () => {
  const tricky = '\uFEFFid,"na,me",t\r\n1,"a ""q""\r\nb",x\r\r\n2,"",\n\n3,"z\rw","\n"\r';

  test("every 2-way split of a tricky file parses like the whole text", () => {
    const whole = parseCsv(tricky);
    assert.equal(whole.length, 4);
    for (let i = 0; i <= tricky.length; i++) {
      assert.deepEqual(parseCsv([tricky.slice(0, i), tricky.slice(i)]), whole, `split at ${i}`);
    }
  });

  test("an over-long field is reported before a later error in it, however the text is split", () => {
    // found by csv-fuzz.test.ts: the length was checked only at chunk ends and field ends
    const options = { maxFieldLength: 3 };
    for (const chunks of [['"abcdef"x'], ['"abcd', 'ef"x'], ["abcdef\0"], ["abcd", "ef\0"]]) {
      assert.throws(
        () => parseCsv(chunks, options),
        (e: unknown) =>
          e instanceof DataFormatError && e.reason === "field is longer than 3 characters",
        JSON.stringify(chunks),
      );
    }
  });

  test("every split into single characters", () => {
    assert.deepEqual(parseCsv([...tricky]), parseCsv(tricky));
  });

  test("property: random tables, random line ends, random multi-way splits → same records", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "1", " ", ",", '"', "\n", "\r", "é", "😀", "\uFEFF"),
      maxLength: 6,
    });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        table,
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.array(fc.nat()),
        (rows, eol, raw) => {
          const text = writeCsv(rows, eol);
          const points = raw.map((p) => p % (text.length + 1));
          const got = parseCsv(cut(text, points)).map((r) => r.fields);
          assert.deepEqual(got, rows);
        },
      ),
      { numRuns: 1000, seed: 20261129 },
    );
  });

  test("property: read(write(rows)) = rows for arbitrary Unicode without NUL", () => {
    const cell = fc.string({ unit: "binary", maxLength: 8 }).filter((s) => !s.includes("\u0000"));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (rows) => {
          assert.deepEqual(fieldsOf(writeCsv(rows, "\r\n")), rows);
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});
