// CSV fuzzing, seeded (see test/support/fuzz.ts; ~15,000 cases by default):
//  1. read(write(rows)) = rows for random Unicode cells with quotes, commas, CR/LF/CRLF, BOMs and
//     numbers, through csvRow and the parser in random chunk splits; record lines count the breaks.
//  2. Numeric tables with class labels written by csvRow load back through parseCsvDataset exactly
//     (float32 bits, label names, feature names).
//  3. Mutated valid files (character flips, bit flips, inserted quotes/NULs/BOMs/separators,
//     deletions, ragged rows, duplicated lines) and truncations at every offset go through
//     parseCsvDataset: a failure is a DataFormatError with file, line and column or an
//     EmptyDatasetError, never another type; a success has consistent shapes; and the outcome is
//     the same whatever the chunk split.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "./csv.js";
import { csvCell, csvRow } from "./csv-write.js";
import { parseCsvDataset, parseCsvDatasetSync, type CsvDatasetOptions } from "./csv-dataset.js";
import type { Dataset } from "./dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import type { Random } from "../tensor/random.js";
import { FUZZ_SCALE, SlowestCase, fuzzRandom, pick, replay } from "../../test/support/fuzz.js";

const FORMULA_START = /^[=+\-@\t\r]/;
const LINE_BREAK = /\r\n|\r|\n/g;

/** Text pieces cells are built from: the characters CSV quoting is about, and wide Unicode. */
const PIECES = [
  "a", "Z", "0", "7", " ", '"', '""', ",", "\n", "\r", "\r\n", "'", "=", "+", "-", "@", "\t",
  "é", "ß", "中", "😀", "\uFEFF", "\u2028", "\\", ";", ".", "e",
]; // prettier-ignore

function randomText(rng: Random, maxPieces: number): string {
  let s = "";
  for (let k = rng.int(maxPieces + 1); k > 0; k--) s += pick(rng, PIECES);
  return s;
}

/** A finite number of one of several kinds: ±0, an integer, a float32, a double, a tiny or huge one. */
function randomNumber(rng: Random): number {
  switch (rng.int(5)) {
    case 0:
      return rng.int(2) === 0 ? 0 : -0;
    case 1:
      return rng.int(2001) - 1000;
    case 2:
      return Math.fround(rng.normal() * 10 ** (rng.int(21) - 10));
    case 3:
      return rng.normal() * 10 ** (rng.int(41) - 20);
    default:
      return Math.fround(rng.normal() * 10 ** (rng.int(70) - 35));
  }
}

/** Split text at 0–4 random offsets (possibly inside CRLF, "" or a surrogate pair). */
function randomChunks(rng: Random, text: string): string[] {
  const cuts = Array.from({ length: rng.int(5) }, () => rng.int(text.length + 1)).sort(
    (a, b) => a - b,
  );
  const chunks: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(text.slice(from, cut));
    from = cut;
  }
  chunks.push(text.slice(from));
  return chunks;
}

/** What a string cell reads back as: neutralised formula starts keep their apostrophe. */
const readBack = (cell: string): string => (FORMULA_START.test(cell) ? "'" + cell : cell);

let totalCases = 0;

test("read(write(rows)) is the identity for random Unicode cells and numbers", () => {
  const rng = fuzzRandom(1);
  const n = 4000 * FUZZ_SCALE;
  for (let c = 0; c < n; c++) {
    const rows = Array.from({ length: 1 + rng.int(5) }, () =>
      Array.from({ length: 1 + rng.int(5) }, () =>
        rng.int(4) === 0 ? randomNumber(rng) : randomText(rng, 6),
      ),
    );
    const written = rows.map(csvRow);
    const text = written.join("");
    const why = replay("csv round trip", c, rows);
    const records = parseCsv(randomChunks(rng, text));
    assert.equal(records.length, rows.length, why);
    let line = 1;
    for (let i = 0; i < rows.length; i++) {
      assert.equal(records[i].line, line, why);
      line += (written[i].match(LINE_BREAK) ?? []).length;
      const fields = records[i].fields;
      assert.equal(fields.length, rows[i].length, why);
      rows[i].forEach((cell, j) => {
        if (typeof cell === "number") {
          assert.ok(Object.is(Number(fields[j]), cell), `${why}: number ${fields[j]} ≠ ${cell}`);
        } else {
          assert.equal(fields[j], readBack(cell), why);
        }
      });
    }
  }
  totalCases += n;
});

test("numeric tables with class labels written by csvRow load back exactly", async () => {
  const rng = fuzzRandom(2);
  const n = 1500 * FUZZ_SCALE;
  for (let c = 0; c < n; c++) {
    const width = 2 + rng.int(4); // columns, one of them the target
    const height = 1 + rng.int(6);
    const header = Array.from({ length: width }, (_, j) => `${randomText(rng, 3)}#${j}`);
    const targetIndex = rng.int(width);
    const labels = Array.from({ length: height }, () => "L" + randomText(rng, 2));
    const values = Array.from({ length: height * (width - 1) }, () =>
      Math.fround(randomNumber(rng)),
    );
    let text = rng.int(2) === 0 ? "\uFEFF" : "";
    text += csvRow(header);
    for (let i = 0; i < height; i++) {
      const row: (string | number)[] = values.slice(i * (width - 1), (i + 1) * (width - 1));
      row.splice(targetIndex, 0, labels[i]);
      text += csvRow(row);
    }
    const why = replay("csv dataset round trip", c, text);
    const options: CsvDatasetOptions = {
      task: "classification",
      target: readBack(header[targetIndex]),
    };
    if (new Set(labels).size < 2) {
      // one class is refused (a classification target needs 2), however the text is split
      await assert.rejects(parseCsvDataset(randomChunks(rng, text), options), /only one class/);
      continue;
    }
    const ds = await parseCsvDataset(randomChunks(rng, text), options);
    assert.deepEqual(ds.x.shape, [height, width - 1], why);
    for (let k = 0; k < values.length; k++) {
      assert.ok(
        Object.is(ds.x.data[k], values[k]),
        `${why}: x[${k}] ${ds.x.data[k]} ≠ ${values[k]}`,
      );
    }
    assert.deepEqual(
      ds.featureNames,
      header.filter((_, j) => j !== targetIndex).map(readBack),
      why,
    );
    for (let i = 0; i < height; i++) {
      assert.equal(ds.labelNames![ds.y.data[i]], labels[i], why);
    }
    assert.equal(ds.labelNames!.length, new Set(labels).size, why);
  }
  totalCases += n;
});

// ---- mutations --------------------------------------------------------------------------------

const LABELS = ["cat", "dog", "a,b", 'q"x', "3", "10", "ü"];
const NUMBER_TEXTS = ["1", "-2.5", "+.5", "1e-3", "-0", "0.25", "3", "1E+2", "7."];
const INSERTS = [
  '"', "\0", ",", "\n", "\r", "\r\n", '""', "\uFEFF", "NaN", "Infinity", "1e400", " ", "0x1F",
  ";", "\t", "1,5", "'", "😀", "\uD800",
]; // prettier-ignore

/** A small valid file: header, 1–5 rows of numbers and a label column, some variations. */
function validCsv(rng: Random): string {
  const width = 2 + rng.int(3);
  const eol = pick(rng, ["\n", "\r\n", "\r"]);
  const names = Array.from({ length: width }, (_, j) => (j === width - 1 ? "label" : `f${j}`));
  const lines = [names.map((s) => (rng.int(4) === 0 ? `"${s}"` : s)).join(",")];
  for (let i = 1 + rng.int(5); i > 0; i--) {
    const cells = Array.from({ length: width - 1 }, () => pick(rng, NUMBER_TEXTS));
    lines.push([...cells, csvCell(pick(rng, LABELS))].join(","));
  }
  return (rng.int(5) === 0 ? "\uFEFF" : "") + lines.join(eol) + (rng.int(3) === 0 ? "" : eol);
}

/** One random mutation of `text`. */
function mutate(rng: Random, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(7)) {
    case 0: // replace a character
      return text.slice(0, at) + pick(rng, INSERTS) + text.slice(at + 1);
    case 1: {
      // flip one bit of a UTF-16 code unit (within its low byte)
      if (at >= text.length) return text;
      const code = text.charCodeAt(at) ^ (1 << rng.int(8));
      return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
    }
    case 2: // insert
      return text.slice(0, at) + pick(rng, INSERTS) + text.slice(at);
    case 3: // delete a short range
      return text.slice(0, at) + text.slice(at + 1 + rng.int(4));
    case 4: {
      // ragged row: drop or duplicate one field of one line
      const lines = text.split("\n");
      const k = rng.int(lines.length);
      const cells = lines[k].split(",");
      const j = rng.int(cells.length);
      if (rng.int(2) === 0) cells.splice(j, 1);
      else cells.splice(j, 0, cells[j]);
      lines[k] = cells.join(",");
      return lines.join("\n");
    }
    case 5: {
      // duplicate a line (the header too: a header row among the data)
      const lines = text.split("\n");
      const k = rng.int(lines.length);
      lines.splice(k, 0, lines[k]);
      return lines.join("\n");
    }
    default: // truncate
      return text.slice(0, at);
  }
}

/** Options a caller might pass, some of them wrong for the file. */
function randomOptions(rng: Random): CsvDatasetOptions {
  return {
    file: "fuzz.csv",
    task: pick(rng, ["auto", "auto", "auto", "classification", "regression"] as const),
    target: pick(rng, [-1, -1, undefined, "label", "f0", "missing"]),
    ...(rng.int(20) === 0 ? { maxFieldLength: 3, maxColumns: 3 } : {}),
  };
}

/** Checks a successful load; returns a canonical summary for the chunk-split comparison. */
function checkDataset(ds: Dataset, why: string): string {
  assert.equal(ds.x.dtype, "float32", why);
  assert.equal(ds.x.shape.length, 2, why);
  const [n, d] = ds.x.shape;
  assert.ok(n >= 1 && d >= 1, why);
  assert.equal(ds.x.data.length, n * d, why);
  assert.equal(ds.featureNames!.length, d, why);
  for (const v of ds.x.data) assert.ok(Number.isFinite(v), `${why}: non-finite feature ${v}`);
  if (ds.task === "regression") {
    assert.deepEqual(ds.y.shape, [n, 1], why);
    for (const v of ds.y.data) assert.ok(Number.isFinite(v), `${why}: non-finite target ${v}`);
  } else {
    assert.deepEqual(ds.y.shape, [n], why);
    const classes = ds.labelNames!.length;
    assert.equal(new Set(ds.labelNames).size, classes, `${why}: duplicate label names`);
    assert.equal(ds.task, classes === 2 ? "binary" : "multiclass", why);
    for (const c of ds.y.data) {
      assert.ok(Number.isInteger(c) && c >= 0 && c < classes, `${why}: label index ${c}`);
    }
  }
  return JSON.stringify([
    ds.task,
    ds.x.shape,
    [...ds.x.data],
    [...ds.y.data],
    ds.labelNames,
    ds.featureNames,
  ]);
}

/** Checks a failure; returns a canonical summary. */
function checkError(e: unknown, text: string, why: string): string {
  if (e instanceof EmptyDatasetError) {
    assert.equal(e.file, "fuzz.csv", why);
    return `${e.name}: ${e.message}`;
  }
  if (!(e instanceof DataFormatError)) {
    assert.fail(`${why}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  assert.equal(e.file, "fuzz.csv", why);
  const lines = (text.match(LINE_BREAK) ?? []).length + 1;
  assert.ok(Number.isInteger(e.line) && e.line! >= 1 && e.line! <= lines, `${why}: line ${e.line}`);
  assert.ok(Number.isInteger(e.column) && (e.column as number) >= 1, `${why}: column ${e.column}`);
  assert.ok(e.message.startsWith(`fuzz.csv:${e.line}:${e.column}: `), `${why}: ${e.message}`);
  return `${e.name}: ${e.message}`;
}

/** Load `text` whole (async) and in random chunks (sync): same checked outcome both ways. */
async function loadBothWays(
  rng: Random,
  text: string,
  options: CsvDatasetOptions,
  why: string,
  slowest: SlowestCase,
): Promise<"ok" | "error"> {
  const outcome = async (load: () => Promise<Dataset> | Dataset): Promise<[string, string]> => {
    try {
      return ["ok", checkDataset(await load(), why)];
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      return ["error", checkError(e, text, why)];
    }
  };
  const t0 = performance.now();
  const whole = await outcome(() => parseCsvDataset([text], options));
  slowest.record(performance.now() - t0, why);
  const chunks = randomChunks(rng, text);
  const split = await outcome(() => parseCsvDatasetSync(chunks, options));
  assert.deepEqual(split, whole, `${why}: chunks ${JSON.stringify(chunks)}`);
  return whole[0] as "ok" | "error";
}

test("mutated files: typed errors with locations, consistent successes, chunk-independent", async () => {
  const rng = fuzzRandom(3);
  const n = 7000 * FUZZ_SCALE;
  const slowest = new SlowestCase();
  const counts = { ok: 0, error: 0 };
  for (let c = 0; c < n; c++) {
    let text = validCsv(rng);
    for (let k = rng.int(4) === 0 ? 2 + rng.int(2) : 1; k > 0; k--) text = mutate(rng, text);
    const why = replay("csv mutation", c, text);
    counts[await loadBothWays(rng, text, randomOptions(rng), why, slowest)]++;
  }
  console.log(
    `[csv-fuzz] mutations: ${n} cases, ${counts.ok} loaded, ${counts.error} typed errors; ` +
      `slowest ${slowest.ms.toFixed(1)} ms (${slowest.what.slice(0, 60)}…)`,
  );
  assert.ok(counts.ok > n / 20 && counts.error > n / 20, "both outcomes are exercised");
  totalCases += n;
});

test("truncation at every offset of small files", async () => {
  const rng = fuzzRandom(4);
  const files = [
    '\uFEFF"f,0",f1,label\r\n1,-2.5,cat\r\n"3",1e-3,"a ""b"",\nc"\r\n+.5,-0,😀\r\n',
    "a,b,y\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n16,17,18\n19,20,21\n22,23,24\n",
    ...Array.from({ length: 8 * FUZZ_SCALE }, () => validCsv(rng)),
  ];
  const slowest = new SlowestCase();
  let cases = 0;
  for (const file of files) {
    for (let end = 0; end <= file.length; end++, cases++) {
      const text = file.slice(0, end);
      const why = replay("csv truncation", cases, text);
      await loadBothWays(rng, text, { target: -1, file: "fuzz.csv" }, why, slowest);
    }
  }
  // the prefix that ends just before the last data row loses exactly that row
  const whole = parseCsvDatasetSync(files[1], { target: -1, file: "fuzz.csv" });
  const cut = parseCsvDatasetSync(files[1].slice(0, files[1].lastIndexOf("22")), {
    target: -1,
    file: "x",
  });
  assert.deepEqual(whole.x.shape, [8, 2]);
  assert.deepEqual(cut.x.shape, [7, 2]);
  console.log(`[csv-fuzz] truncations: ${cases} cases; slowest ${slowest.ms.toFixed(1)} ms`);
  totalCases += cases;
});

test("the CSV suites ran at least 10,000 cases", () => {
  console.log(`[csv-fuzz] ${totalCases} cases in total`);
  assert.ok(totalCases >= 10_000, `${totalCases} cases`);
});
