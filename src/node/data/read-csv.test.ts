// readCsvFile: streams a file from disk (tiny chunks give the same result), names the file in
// errors, rejects invalid UTF-8 at the right line, strips a BOM written as bytes.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataFormatError, EmptyDatasetError } from "../../data/errors.js";
import { readCsvFile } from "./read-csv.js";

const IRIS = fileURLToPath(new URL("../../../test/fixtures/data/iris.csv", import.meta.url));
let dir = "";
before(() => (dir = mkdtempSync(join(tmpdir(), "myelin-csv-"))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("readCsvFile", () => {
  test("iris: 150 × 4, three labels; 7-byte chunks give the identical data set", async () => {
    const ds = await readCsvFile(IRIS);
    assert.deepEqual(ds.x.shape, [150, 4]);
    assert.deepEqual(ds.labelNames, ["setosa", "versicolor", "virginica"]);
    assert.equal(ds.featureNames![3], "petal_width_(cm)");
    assert.deepEqual(await readCsvFile(IRIS, { chunkBytes: 7 }), ds);
  });

  test("multi-byte UTF-8 split across chunks and a BOM as bytes", async () => {
    const path = join(dir, "utf8.csv");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("größe,klasse\n1,😀\n2,é\n")]),
    );
    for (const chunkBytes of [1, 2, 3, 5, 64]) {
      const ds = await readCsvFile(path, { chunkBytes });
      assert.deepEqual(ds.featureNames, ["größe"]);
      assert.deepEqual(ds.labelNames, ["é", "😀"]);
    }
  });

  test("errors carry the path: bad cell, invalid UTF-8, header only", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,t\n1,x\nzz,y\n");
    await assert.rejects(readCsvFile(bad), (e: unknown) => {
      assert.ok(e instanceof DataFormatError);
      assert.equal(e.message, `${bad}:3:1: column "a": "zz" is not a number`);
      return true;
    });
    const latin1 = join(dir, "latin1.csv");
    writeFileSync(
      latin1,
      Buffer.concat([Buffer.from("a,t\n1,x\n2,"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    await assert.rejects(readCsvFile(latin1, { chunkBytes: 1 }), (e: unknown) => {
      assert.ok(e instanceof DataFormatError, String(e));
      assert.equal(e.line, 3);
      assert.match(e.reason, /invalid UTF-8/);
      return true;
    });
    const headerOnly = join(dir, "h.csv");
    writeFileSync(headerOnly, "a,b,t\r\n");
    await assert.rejects(readCsvFile(headerOnly), EmptyDatasetError);
    await assert.rejects(readCsvFile(join(dir, "missing.csv")), /ENOENT/);
  });
});
