// CSV → Dataset: every corrupt-file case below gives DataFormatError at the right
// line and column (or EmptyDatasetError), valid files load with the documented types and labels.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsvDataset, parseCsvDatasetSync, type CsvDatasetOptions } from "./csv-dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";

const load = (text: string, options: CsvDatasetOptions = {}) =>
  parseCsvDatasetSync(text, { target: -1, ...options });

function failsAt(
  text: string,
  line: number,
  column: number,
  reason: RegExp,
  options: CsvDatasetOptions = {},
): void {
  assert.throws(
    () => load(text, { file: "t.csv", ...options }),
    (e: unknown) => {
      assert.ok(e instanceof DataFormatError, `expected DataFormatError, got ${String(e)}`);
      assert.equal(e.file, "t.csv");
      assert.equal(e.line, line, e.message);
      assert.equal(e.column, column, e.message);
      assert.match(e.reason, reason);
      assert.ok(e.message.startsWith(`t.csv:${line}:${column}: `), e.message);
      return true;
    },
  );
}

describe("parseCsvDataset: corrupt files", () => {
  test("a row with one field too many, and one too few (both are errors)", () => {
    failsAt("a,b,t\n1,2,x\n1,2,3,x\n", 3, 4, /expected 3 fields as in the header, found 4/);
    failsAt("a,b,t\n1,2,x\n1,x\n", 3, 3, /expected 3 fields as in the header, found 2/);
  });

  test("empty file, BOM-only file, header only → EmptyDatasetError", () => {
    for (const text of ["", "\uFEFF", "\n\n", "a,b,t", "a,b,t\r\n", "a,b,t\n\n"]) {
      assert.throws(() => load(text, { file: "e.csv" }), EmptyDatasetError, JSON.stringify(text));
    }
  });

  test("unterminated quote, with the line of the opening quote", () => {
    failsAt('a,t\n1,x\n2,"y\n3,z\n', 3, 2, /unterminated/);
  });

  test("NUL byte and mixed delimiters", () => {
    failsAt("a,t\n1\u0000,x\n", 2, 1, /NUL/);
    failsAt("a,b,t\n1;2,3,x\n", 2, 1, /"1;2" is not a number/);
  });

  const badCells: [string, RegExp][] = [
    ["abc", /column "b": "abc" is not a number/],
    ["", /empty cell/],
    ['" 1 "', /leading or trailing whitespace/],
    ['"1,5"', /decimal comma/],
    ["NaN", /NaN and Infinity are not accepted/],
    ["Infinity", /NaN and Infinity are not accepted/],
    ["-inf", /NaN and Infinity are not accepted/],
    ["1e400", /overflows float32/],
    ["1e39", /overflows float32/],
    ["0x1F", /not a decimal number/],
    ["1.2.3", /not a number/],
    ["1e", /not a number/],
  ];
  for (const [cell, reason] of badCells) {
    test(`feature cell ${cell === "" ? "(empty)" : cell} → line 3, column 2`, () => {
      failsAt(`a,b,t\n1,2,x\n3,${cell},y\n`, 3, 2, reason);
    });
  }

  test("line numbers count the header and newlines inside quotes (LF, CRLF, CR)", () => {
    failsAt('a,"b\nB",t\n1,2,"x\r\ny"\n3,bad,z\n', 5, 2, /not a number/);
    failsAt('a,b,t\r"1",2,"p\rq"\r\r3,4,z\r5,?,w\r', 6, 2, /not a number/);
    // the bad field itself starts after a quoted newline in the same record
    failsAt('t,a,b\n"p",1,2\n"x\ny",oops,2\n', 4, 2, /"oops" is not a number/, { target: "t" });
  });

  test("duplicate and empty header names", () => {
    failsAt("a,b,a,t\n1,2,3,x\n", 1, 3, /duplicate column name "a" \(also column 1\)/);
    failsAt("a,,t\n1,2,x\n", 1, 2, /empty name/);
    failsAt('a," ",t\n1,2,x\n', 1, 2, /empty name/);
  });

  test("a missing target column, a one-column file, an empty target cell", () => {
    failsAt("a,b\n1,2\n", 1, 1, /target column "y" not found; columns are "a", "b"/, {
      target: "y",
    });
    failsAt("t\nx\n", 1, 1, /at least one feature and a target/);
    failsAt("a,t\n1,x\n2,\n", 3, 2, /empty target cell/);
  });

  test('task "regression" with a non-numeric target', () => {
    failsAt(
      "a,t\n1,2\n2,x\n",
      3,
      2,
      /target column "t": "x" is not a number \(task "regression"\)/,
      {
        task: "regression",
      },
    );
  });

  test("10^6 columns: over the limit fails on the header; within it a row loads", () => {
    const names = Array.from({ length: 1_000_001 }, (_, j) => `c${j}`);
    failsAt(names.join(",") + "\n", 1, 1_000_001, /more than 1000000 fields/, {
      maxColumns: 1_000_000,
    });
    const row = names.map((_, j) => j % 7).join(",");
    const ds = load(names.join(",") + "\n" + row + "\n", { task: "regression" }); // 1 row: 1 class
    assert.deepEqual(ds.x.shape, [1, 1_000_000]);
    assert.equal(ds.x.data[999_999], 999_999 % 7);
  });
});

describe("parseCsvDataset: a classification target needs 2 classes", () => {
  test("one class (named or numeric, auto or classification) → DataFormatError naming it", () => {
    const check = (text: string, options: CsvDatasetOptions, name: string, cls: string) =>
      assert.throws(
        () => load(text, options),
        (e: unknown) =>
          e instanceof DataFormatError &&
          e.line === 1 &&
          e.column === 3 &&
          e.message.includes(
            `target column "${name}" has only one class ("${cls}" in all 3 rows)`,
          ) &&
          /needs at least 2 classes — use task "regression" \(--task regression\)/.test(e.message),
      );
    check("a,b,kind\n1,2,cat\n3,4,cat\n5,6,cat\n", {}, "kind", "cat");
    check("a,b,y\n1,2,1\n3,4,1\n5,6,1\n", { task: "classification" }, "y", "1");
    check("a,b,y\n1,2,7\n3,4,7\n5,6,7\n", {}, "y", "7");
    const numeric = load("a,b,y\n1,2,7\n3,4,7\n5,6,7\n", { task: "regression" });
    assert.equal(numeric.task, "regression", "the same column as a regression target loads");
  });
});

describe("parseCsvDataset: valid files", () => {
  test("classification: x [N, D] float32, labels sorted, task from the class count", () => {
    const ds = load("f1,f2,species\n1,2,setosa\n3,-4.5e1,virginica\n-0,+.5,setosa\n");
    assert.deepEqual(ds.x.shape, [3, 2]);
    assert.ok(ds.x.data instanceof Float32Array);
    assert.deepEqual(Array.from(ds.x.data), [1, 2, 3, -45, -0, 0.5]);
    assert.ok(Object.is(ds.x.data[4], -0), '"-0" is kept as −0');
    assert.deepEqual(ds.labelNames, ["setosa", "virginica"]);
    assert.deepEqual(Array.from(ds.y.data), [0, 1, 0]);
    assert.deepEqual(ds.y.shape, [3]);
    assert.equal(ds.task, "binary");
    assert.deepEqual(ds.featureNames, ["f1", "f2"]);
  });

  test("label names are sorted (not first appearance); numeric names numerically", () => {
    const ds = load("a,t\n1,zebra\n2,Ant\n3,ant\n4,zebra\n");
    assert.deepEqual(ds.labelNames, ["Ant", "ant", "zebra"]);
    assert.deepEqual(Array.from(ds.y.data), [2, 0, 1, 2]);
    const num = load("a,t\n1,10\n2,-1\n3,3.5\n4,10\n");
    assert.deepEqual(num.labelNames, ["-1", "3.5", "10"]);
    assert.deepEqual(Array.from(num.y.data), [2, 0, 1, 2]);
    assert.equal(num.task, "multiclass");
  });

  test("a target in the middle, chosen by name; formula-like names kept as plain text", () => {
    const ds = load('a,label,b\n1,"=HYPERLINK(""http://x"")",2\n3,<img>,4\n', { target: "label" });
    assert.deepEqual(ds.featureNames, ["a", "b"]);
    assert.deepEqual(Array.from(ds.x.data), [1, 2, 3, 4]);
    assert.deepEqual(ds.labelNames, ["<img>", '=HYPERLINK("http://x")']);
  });

  test("auto: >20 distinct numbers and >5 % of rows → regression y [N, 1]", () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i},${(i % 30) / 4}`).join("\n");
    const ds = load("x,y\n" + rows);
    assert.equal(ds.task, "regression");
    assert.deepEqual(ds.y.shape, [100, 1]);
    assert.equal(ds.y.data[5], 1.25);
    assert.equal(ds.labelNames, undefined);
  });

  test("auto: few distinct numbers (3, or 21 in 1000 rows) → classification", () => {
    const three = load("x,y\n" + Array.from({ length: 100 }, (_, i) => `${i},${i % 3}`).join("\n"));
    assert.equal(three.task, "multiclass");
    assert.deepEqual(three.labelNames, ["0", "1", "2"]);
    const many = load(
      "x,y\n" + Array.from({ length: 1000 }, (_, i) => `${i},${i % 21}`).join("\n"),
    );
    assert.equal(many.task, "multiclass");
    assert.equal(many.labelNames!.length, 21);
    const forced = load("x,y\n1,0\n2,1\n", { task: "regression" });
    assert.equal(forced.task, "regression");
    const cls = load("x,y\n" + Array.from({ length: 100 }, (_, i) => `${i},${i}`).join("\n"), {
      task: "classification",
    });
    assert.equal(cls.labelNames!.length, 100);
  });

  test("iris fixture: 150 × 4, three species", async () => {
    const text = readFileSync(
      new URL("../../test/fixtures/data/iris.csv", import.meta.url),
      "utf8",
    );
    const ds = await parseCsvDataset([text], { target: -1 });
    assert.deepEqual(ds.x.shape, [150, 4]);
    assert.deepEqual(ds.labelNames, ["setosa", "versicolor", "virginica"]);
    assert.deepEqual(Array.from(ds.x.data.slice(0, 4)), [5.1, 3.5, 1.4, 0.2].map(Math.fround));
    const per = [0, 1, 2].map((c) => Array.from(ds.y.data).filter((v) => v === c).length);
    assert.deepEqual(per, [50, 50, 50]);
  });

  test("async iterable input, split at every offset, gives the same data set", async () => {
    const text = 'a,"b\r\nB",t\r\n1,2,"x,1"\r\n-0,3e2,y\r\n';
    const whole = load(text);
    async function* pieces(i: number): AsyncGenerator<string> {
      yield text.slice(0, i);
      yield text.slice(i);
    }
    for (let i = 0; i <= text.length; i++) {
      assert.deepEqual(await parseCsvDataset(pieces(i), { target: -1 }), whole, `split at ${i}`);
    }
  });
});

describe("the target is named or indexed, never guessed", () => {
  const text = "a,b,c\n1,2,x\n3,4,y\n5,6,x\n";

  test("no target: a typed error at the header listing the columns (a features-only file)", () => {
    assert.throws(
      () => parseCsvDatasetSync(text, { file: "f.csv" }),
      (e: unknown) =>
        e instanceof DataFormatError &&
        e.line === 1 &&
        /no target column chosen/.test(e.message) &&
        /"a", "b", "c"/.test(e.message),
    );
  });

  test("an index picks the column (negative from the end); outside the columns is an error", () => {
    const last = parseCsvDatasetSync(text, { target: -1 });
    assert.deepEqual(last.labelNames, ["x", "y"]);
    assert.deepEqual(last.featureNames, ["a", "b"]);
    const numbers = "a,b,c\n1,2,0\n3,4,1\n5,6,0\n";
    assert.deepEqual(parseCsvDatasetSync(numbers, { target: 0 }).featureNames, ["b", "c"]);
    assert.deepEqual(parseCsvDatasetSync(numbers, { target: -2 }).featureNames, ["a", "c"]);
    for (const target of [3, -4, 0.5]) {
      assert.throws(
        () => parseCsvDatasetSync(numbers, { target }),
        (e: unknown) => e instanceof DataFormatError && /outside the 3 columns/.test(e.message),
        String(target),
      );
    }
  });
});
