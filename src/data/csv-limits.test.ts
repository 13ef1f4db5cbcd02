// The CSV readers' limits are errors, never truncations: a header longer than 1 MiB made of
// fields within the limits loads whole (its last column stays the target), and a field over
// maxFieldLength or a record over maxColumns is a DataFormatError naming the line and the limit,
// in the header as in a data row, for the training reader and the model-feature reader alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsvDatasetSync } from "./csv-dataset.js";
import { parseCsvFeatures } from "./csv-features.js";
import { DataFormatError } from "./errors.js";

const LONG = 400_000; // three such names: a 1.2 MB header, each field under the 2^20 limit
const names = ["a", "b", "t"].map((c) => c.repeat(LONG));
const wide = `${names.join(",")}\n1,2,0\n3,4,1\n`;

test("a 1.2 MB header loads whole: both features and the last column as target", () => {
  assert.ok(wide.indexOf("\n") > 2 ** 20);
  const ds = parseCsvDatasetSync(wide, { target: -1 });
  assert.deepEqual(ds.featureNames, [names[0], names[1]]);
  assert.deepEqual(ds.labelNames, ["0", "1"]);
  assert.deepEqual(Array.from(ds.x.data), [1, 2, 3, 4]);
  const byName = parseCsvDatasetSync(wide, { target: names[0], task: "regression" });
  assert.deepEqual(byName.featureNames, [names[1], names[2]]);
  assert.deepEqual(Array.from(byName.y.data), [1, 3]);
  const f = parseCsvFeatures(wide, {
    featureNames: [names[1]],
    target: names[2],
    readTarget: false,
  });
  assert.deepEqual(Array.from(f.x.data), [2, 4]);
});

function failsWith(run: () => unknown, line: number, pattern: RegExp): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof DataFormatError, String(e));
    assert.equal(e.line, line);
    assert.match(e.message, pattern);
    return true;
  });
}

test("a header field over maxFieldLength (default 2^20) → line 1 and the limit", () => {
  const long = "h".repeat(2 ** 20 + 1);
  const text = `${long},t\n1,x\n`;
  failsWith(
    () => parseCsvDatasetSync(text, { target: -1 }),
    1,
    /field is longer than 1048576 characters/,
  );
  failsWith(
    () => parseCsvFeatures(text, { featureNames: ["t"] }),
    1,
    /field is longer than 1048576 characters/,
  );
  failsWith(
    () => parseCsvDatasetSync("a,t\n1,x\n2,yyyy\n", { target: -1, maxFieldLength: 3 }),
    3,
    /field is longer than 3 characters/,
  );
});

test("more columns than maxColumns, in the header or a row → the line and the limit", () => {
  failsWith(
    () => parseCsvDatasetSync("a,b,c,t\n1,2,3,x\n", { target: -1, maxColumns: 3 }),
    1,
    /record has more than 3 fields/,
  );
  failsWith(
    () => parseCsvFeatures("a,t\n1,x\n1,2,3,x\n", { featureNames: ["a"], maxColumns: 3 }),
    3,
    /record has more than 3 fields/,
  );
});
