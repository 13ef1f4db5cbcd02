// Real CSVs (issue 10, item 6 and 7): delimiters other than ",", categorical text columns
// (one-hot, categories kept for predict), missing cells (an error, or imputed/dropped), and one
// header check shared by every reader.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseCsvDatasetSync, CsvDatasetBuilder, type CsvDatasetOptions } from "./csv-dataset.js";
import { parseCsvFeatures } from "./csv-features.js";
import { ColumnEncoder } from "./column-encoder.js";
import { DataFormatError } from "./errors.js";
import { preprocessorFromJSON } from "./preprocess.js";
import { ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";

const load = (text: string, options: CsvDatasetOptions = {}) =>
  parseCsvDatasetSync(text, { target: -1, ...options });

/** The DataFormatError `run` throws; fails the test otherwise. */
function formatError(run: () => unknown): DataFormatError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof DataFormatError, `expected DataFormatError, got ${String(e)}`);
    return e;
  }
  assert.fail("no error thrown");
}

const rows = (x: { data: ArrayLike<number>; shape: readonly number[] }): number[][] =>
  Array.from({ length: x.shape[0] }, (_, i) =>
    Array.from(x.data).slice(i * x.shape[1], (i + 1) * x.shape[1]),
  );

describe("delimiters", () => {
  test('";" and tab are detected from a header without commas', () => {
    for (const sep of [";", "\t"]) {
      const ds = load(["a", "b", "t"].join(sep) + `\n1${sep}2${sep}x\n3${sep}4${sep}y\n`);
      assert.deepEqual(ds.featureNames, ["a", "b"], JSON.stringify(sep));
      assert.deepEqual(rows(ds.x), [
        [1, 2],
        [3, 4],
      ]);
    }
  });

  test('a quoted "," in a ";" header does not make it comma-separated', () => {
    const ds = load('"a,1";b;t\n1;2;x\n3;4;y\n');
    assert.deepEqual(ds.featureNames, ["a,1", "b"]);
  });

  test("the delimiter option overrides detection (also for features-only reads)", () => {
    const ds = load("a;b,c;t\n1;2;x\n3;4;y\n", { delimiter: ";" });
    assert.deepEqual(ds.featureNames, ["a", "b,c"]);
    const f = parseCsvFeatures("b\ta\n2\t1\n", { featureNames: ["a", "b"] });
    assert.deepEqual(rows(f.x), [[1, 2]]);
  });

  test("a header that looks like one long column says so and names the option", () => {
    const e = formatError(() =>
      load("sepal_length|petal_length|label\n1|2|x\n", { file: "p.csv" }),
    );
    assert.equal(e.line, 1);
    assert.match(e.reason, /looks like a whole line/);
    assert.match(e.reason, /delimiter/);
    assert.equal(e.fault, "header"); // the CLI adds no "fix that cell"
    const f = formatError(() =>
      parseCsvFeatures("sepal_length|petal_length\n1|2\n", { featureNames: ["sepal_length"] }),
    );
    assert.match(f.reason, /looks like a whole line/);
  });
});

describe("one header check for every reader", () => {
  test("a duplicated column name fails for features-only reads as for training", () => {
    const text = "a,b,a\n1,2,3\n";
    const train = formatError(() => load(text + "4,5,6\n", { target: "b", task: "regression" }));
    const features = formatError(() => parseCsvFeatures(text, { featureNames: ["a", "b"] }));
    for (const e of [train, features]) {
      assert.equal(e.line, 1);
      assert.equal(e.column, 3);
      assert.match(e.reason, /duplicate column name "a" \(also column 1\)/);
    }
  });

  test("an empty column name fails for features-only reads too", () => {
    const e = formatError(() => parseCsvFeatures("a,,b\n1,2,3\n", { featureNames: ["a", "b"] }));
    assert.equal(e.column, 2);
    assert.match(e.reason, /empty name/);
  });
});

// island: text (3 values); size: numbers; color: text with one "NA"; y: the class
const PENGUINS = [
  "island,size,color,y",
  "Dream,1,red,a",
  "Biscoe,2,blue,b",
  "Torgersen,3,red,a",
  "Biscoe,4,red,b",
  "Dream,5,blue,a",
  "Biscoe,6,blue,b",
].join("\n");

describe("categorical feature columns", () => {
  test("a text column is one-hot encoded, categories sorted, names column=value", () => {
    const ds = load(PENGUINS);
    assert.deepEqual(ds.featureNames, [
      "island=Biscoe",
      "island=Dream",
      "island=Torgersen",
      "size",
      "color=blue",
      "color=red",
    ]);
    assert.deepEqual(rows(ds.x)[0], [0, 1, 0, 1, 0, 1]);
    assert.deepEqual(rows(ds.x)[2], [0, 0, 1, 3, 0, 1]);
    const encoder = (ds as { encoder?: ColumnEncoder }).encoder;
    assert.ok(encoder instanceof ColumnEncoder);
    assert.deepEqual(encoder.columns[0].categories, ["Biscoe", "Dream", "Torgersen"]);
  });

  test("the raw table keeps one column per CSV column, with category indices", () => {
    const b = new CsvDatasetBuilder({ target: -1 });
    b.push(PENGUINS);
    const table = b.finishTable();
    assert.deepEqual(table.dataset.featureNames, ["island", "size", "color"]);
    assert.deepEqual(rows(table.dataset.x)[0], [1, 1, 1]);
    assert.deepEqual(
      table.columns.map((c) => c.categories ?? null),
      [["Biscoe", "Dream", "Torgersen"], null, ["blue", "red"]],
    );
    assert.equal(table.target, "y");
  });

  test("a numeric column with one stray text cell stays numeric: error at that cell, with the remedy", () => {
    const text = "a,b,t\n1,2,x\n3,4,y\n5,four,x\n6,7,y\n";
    const e = formatError(() => load(text, { file: "t.csv" }));
    assert.equal(e.line, 4);
    assert.equal(e.column, 2);
    assert.match(e.reason, /column "b": "four" is not a number \(1 of 4 cells are text/);
    assert.match(e.reason, /--categorical b/);
  });

  test("number-like cells never vote a column categorical: decimal commas, padding, NaN", () => {
    for (const cell of ["2,5", " 7", "NaN", "0x1F", "1e400"]) {
      const e = formatError(() => load(`a;b;t\n${cell};1;x\n${cell};2;y\n${cell};3;x\n`));
      assert.equal(e.line, 2, cell);
      assert.equal(e.column, 1, cell);
    }
    const e = formatError(() => load("a;t\n1,5;x\n2,5;y\n3,5;x\n", { file: "eu.csv" }));
    assert.equal(e.line, 2);
    assert.match(e.reason, /decimal comma/);
  });

  test("declared categorical: numeric codes become categories (numeric order)", () => {
    const ds = load("code,v,t\n10,1,x\n2,1,y\n1,2,x\n2,3,y\n", { categorical: ["code"] });
    assert.deepEqual(ds.featureNames, ["code=1", "code=2", "code=10", "v"]);
    assert.deepEqual(rows(ds.x)[0], [0, 0, 1, 1]);
    const e = formatError(() => load("a,t\n1,x\n2,y\n", { categorical: ["nope"] }));
    assert.match(e.reason, /categorical column "nope" is not in the header/);
  });

  test("predict side: categories mapped by the encoder; unseen → error naming column, line, value and the categories", () => {
    const encoder = load(PENGUINS).encoder!;
    const opts = { featureNames: ["island", "size", "color"], encoder, file: "new.csv" };
    const f = parseCsvFeatures("color,size,island\nred,9,Biscoe\nblue,8,Dream\n", opts);
    assert.deepEqual(rows(encoder.transform(f.x)), [
      [1, 0, 0, 9, 0, 1],
      [0, 1, 0, 8, 1, 0],
    ]);
    const e = formatError(() => parseCsvFeatures("island,size,color\nMars,1,red\n", opts));
    assert.equal(e.line, 2);
    assert.equal(e.column, 1);
    assert.match(
      e.reason,
      /column "island": "Mars" is not a category seen in training \("Biscoe", "Dream", "Torgersen"\)/,
    );
    assert.match(e.reason, /unknownCategory "ignore"/);
    const ignored = parseCsvFeatures("island,size,color\nMars,1,red\n", {
      ...opts,
      unknownCategory: "ignore",
    });
    assert.deepEqual(rows(encoder.transform(ignored.x)), [[0, 0, 0, 1, 0, 1]]);
  });

  test("a long category list is cut in the message", () => {
    const many = Array.from({ length: 100 }, (_, i) => `c${i % 50},${i % 2}`);
    const encoder = load(["k,t", ...many].join("\n")).encoder!;
    const e = formatError(() =>
      parseCsvFeatures("k\nzzz\n", { featureNames: ["k"], encoder, file: "n.csv" }),
    );
    assert.match(e.reason, /… and 30 more/);
    assert.ok(e.reason.length < 400, e.reason);
  });
});

const GAPS = "a,c,t\n1,p,x\n,q,y\n3,NA,x\n5,p,y\n6,p,x\nN/A,q,y\n";

describe("missing cells", () => {
  test("default: an error at the first missing cell, with the remedy", () => {
    const e = formatError(() => load(GAPS, { file: "g.csv" }));
    assert.equal(e.line, 3);
    assert.equal(e.column, 1);
    assert.match(e.reason, /column "a": missing value \(empty cell\)/);
    assert.match(e.reason, /impute/);
  });

  test('impute "mean" / "median": numbers from the present cells; text: the most frequent category', () => {
    const mean = load(GAPS, { impute: "mean" });
    assert.deepEqual(mean.featureNames, ["a", "c=p", "c=q"]);
    const m = (1 + 3 + 5 + 6) / 4;
    assert.deepEqual(
      rows(mean.x).map((r) => r[0]),
      [1, m, 3, 5, 6, m],
    );
    assert.deepEqual(rows(mean.x)[2], [3, 1, 0]); // "NA" → p, the most frequent
    const median = load(GAPS, { impute: "median" });
    assert.equal(rows(median.x)[1][0], 4);
    assert.deepEqual(
      median.encoder!.columns.map((c) => c.fill),
      [4, 0],
    );
  });

  test('impute "drop": rows with a missing cell are dropped and counted', () => {
    const ds = load(GAPS, { impute: "drop" });
    assert.deepEqual(ds.x.shape, [3, 2]); // a, and c's one remaining category "p"
    assert.equal(ds.droppedRows, 3);
  });

  test("the raw table marks missing cells NaN; the encoder fitted on some rows fills from those rows only", () => {
    const b = new CsvDatasetBuilder({ target: -1, impute: "mean" });
    b.push(GAPS);
    const table = b.finishTable();
    const enc = ColumnEncoder.fit(table.dataset.x, table.columns, { impute: "mean" });
    assert.ok(Number.isNaN(table.dataset.x.data[2]));
    assert.equal(enc.columns[0].fill, (1 + 3 + 5 + 6) / 4);
  });

  test("predict side: filled with the stored values, or an error when the model has none", () => {
    const encoder = load(GAPS, { impute: "mean" }).encoder!;
    const f = parseCsvFeatures("a,c\nNA,\n", { featureNames: ["a", "c"], encoder });
    assert.deepEqual(rows(encoder.transform(f.x)), [[(1 + 3 + 5 + 6) / 4, 1, 0]]);
    const plain = formatError(() =>
      parseCsvFeatures("a,b\n1,\n", { featureNames: ["a", "b"], file: "p.csv" }),
    );
    assert.equal(plain.column, 2);
    assert.match(plain.reason, /column "b": missing value \(empty cell\)/);
  });
});

test("features reader with dropMissing skips rows with a gap (feature or read target)", () => {
  const f = parseCsvFeatures("a,b,t\n1,2,x\nNA,3,y\n4,5,\n6,7,x\n", {
    featureNames: ["a", "b"],
    target: "t",
    readTarget: true,
    labelNames: ["x", "y"],
    dropMissing: true,
  });
  assert.deepEqual(rows(f.x), [
    [1, 2],
    [6, 7],
  ]);
});

describe("ColumnEncoder JSON", () => {
  test("round trip through preprocessorFromJSON; bad JSON is a ValueError", () => {
    const encoder = load(GAPS, { impute: "median" }).encoder!;
    const back = preprocessorFromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
    assert.deepEqual(back, encoder);
    const bad = [
      { kind: "columns", columns: [{ name: "c", categories: ["p", "p"] }] },
      { kind: "columns", columns: [{ name: "c", categories: ["p"], fill: 3 }] },
      { kind: "columns", columns: [{ name: "a", fill: "x" }] },
      { kind: "columns", columns: [{ name: 3 }] },
      { kind: "columns", columns: "a" },
    ];
    for (const json of bad) assert.throws(() => preprocessorFromJSON(json), ValueError);
  });

  test("transform: NaN without a fill value, or a bad category index → ValueError naming row and column", () => {
    const encoder = new ColumnEncoder([{ name: "a" }, { name: "c", categories: ["p", "q"] }]);
    const x = (v: number[]) => new Tensor(Float32Array.from(v), [1, 2]);
    assert.throws(
      () => encoder.transform(x([NaN, 0])),
      /row 0, column "a": missing value and no fill value/,
    );
    assert.throws(() => encoder.transform(x([1, 2])), /row 0, column "c": category index 2/);
  });
});
