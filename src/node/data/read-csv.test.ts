// readCsvFile: streams a file from disk (tiny chunks give the same result), names the file in
// errors, rejects invalid UTF-8 at the right line, strips a BOM written as bytes.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataFormatError, EmptyDatasetError } from "../../data/errors.js";
import { IoError } from "../../io/errors.js";
import { readCsvFile } from "./read-csv.js";
import { DEV_ZERO, makeSpecialFiles, rejection } from "../../../test/support/special-files.js";

const IRIS = fileURLToPath(new URL("../../../test/fixtures/data/iris.csv", import.meta.url));
let dir = "";
before(() => (dir = mkdtempSync(join(tmpdir(), "myelin-csv-"))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("readCsvFile", () => {
  test("iris: 150 × 4, three labels; 7-byte chunks give the identical data set", async () => {
    const ds = await readCsvFile(IRIS, { target: -1 });
    assert.deepEqual(ds.x.shape, [150, 4]);
    assert.deepEqual(ds.labelNames, ["setosa", "versicolor", "virginica"]);
    assert.equal(ds.featureNames![3], "petal_width_(cm)");
    assert.deepEqual(await readCsvFile(IRIS, { target: -1, chunkBytes: 7 }), ds);
  });

  test("multi-byte UTF-8 split across chunks and a BOM as bytes", async () => {
    const path = join(dir, "utf8.csv");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("größe,klasse\n1,😀\n2,é\n")]),
    );
    for (const chunkBytes of [1, 2, 3, 5, 64]) {
      const ds = await readCsvFile(path, { target: -1, chunkBytes });
      assert.deepEqual(ds.featureNames, ["größe"]);
      assert.deepEqual(ds.labelNames, ["é", "😀"]);
    }
  });

  test("errors carry the path: bad cell, invalid UTF-8, header only", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,t\n1,x\nzz,y\n");
    await assert.rejects(readCsvFile(bad, { target: -1 }), (e: unknown) => {
      assert.ok(e instanceof DataFormatError);
      // issue 10: the message goes on with the categorical rule and the remedy
      assert.ok(e.message.startsWith(`${bad}:3:1: column "a": "zz" is not a number (`), e.message);
      assert.match(e.message, /declare the column categorical/);
      return true;
    });
    const latin1 = join(dir, "latin1.csv");
    writeFileSync(
      latin1,
      Buffer.concat([Buffer.from("a,t\n1,x\n2,"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    await assert.rejects(readCsvFile(latin1, { target: -1, chunkBytes: 1 }), (e: unknown) => {
      assert.ok(e instanceof DataFormatError, String(e));
      assert.equal(e.line, 3);
      assert.match(e.reason, /invalid UTF-8/);
      return true;
    });
    const headerOnly = join(dir, "h.csv");
    writeFileSync(headerOnly, "a,b,t\r\n");
    await assert.rejects(readCsvFile(headerOnly, { target: -1 }), EmptyDatasetError);
    await assert.rejects(readCsvFile(join(dir, "missing.csv"), { target: -1 }), /ENOENT/);
  });
});

describe("invalid UTF-8 is reported at its own line", () => {
  /** Lines 1..n of "i,c", with `bad` bytes inserted in line `at` (1-based, header = line 1). */
  function fileWithBadByte(name: string, lines: number, at: number, bad: number[]): string {
    const parts: Buffer[] = [Buffer.from("x,t\n")];
    for (let line = 2; line <= lines; line++) {
      if (line === at) parts.push(Buffer.from(`${line},`), Buffer.from(bad), Buffer.from("z\n"));
      else parts.push(Buffer.from(`${line},c${line % 3}\n`));
    }
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat(parts));
    return path;
  }

  async function lineOf(path: string, chunkBytes?: number): Promise<number | undefined> {
    const e = await rejection(5000, readCsvFile(path, { target: -1, chunkBytes }));
    assert.ok(e instanceof DataFormatError, String(e));
    assert.match(e.reason, /invalid UTF-8/);
    return e.line;
  }

  test("a bad byte on line 7 of a one-chunk file → line 7", async () => {
    const path = fileWithBadByte("line7.csv", 12, 7, [0xff]);
    assert.equal(await lineOf(path), 7);
  });

  test("a sequence cut across a chunk boundary, every chunk size → the same line", async () => {
    // E2 82 starts a 3-byte sequence that "A" breaks; a chunk boundary falls inside it for some sizes
    const path = fileWithBadByte("split.csv", 400, 321, [0xe2, 0x82, 0x41]);
    for (const chunkBytes of [1, 2, 3, 7, 16, 64, 1000, 1 << 16]) {
      assert.equal(await lineOf(path, chunkBytes), 321, `chunkBytes ${chunkBytes}`);
    }
  });

  test("a sequence cut by the end of the file → the last line", async () => {
    const path = join(dir, "cut-at-end.csv");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from("x,t\n1,a\n2,b\n3,"), Buffer.from([0xf0, 0x9f])]),
    );
    for (const chunkBytes of [1, 4, 64]) assert.equal(await lineOf(path, chunkBytes), 4);
  });

  test("a BOM inside the text is kept as text (only the file's first one is dropped)", async () => {
    const path = join(dir, "inner-bom.csv");
    writeFileSync(path, "\ufeffx,t\n1,\ufeffa\n2,b\n");
    for (const chunkBytes of [1, 7, 64]) {
      const ds = await readCsvFile(path, { target: -1, chunkBytes });
      assert.deepEqual(ds.featureNames, ["x"]);
      assert.deepEqual(ds.labelNames, ["b", "\ufeffa"].sort());
    }
  });
});

describe("special paths → IoError at once", () => {
  test("a directory, a FIFO, /dev/zero", async () => {
    const special = makeSpecialFiles("myelin-csv-special-");
    try {
      for (const path of [special.directory, special.fifo, DEV_ZERO]) {
        const started = performance.now();
        const e = await rejection(3000, readCsvFile(path, { target: -1 }));
        assert.ok(e instanceof IoError, String(e));
        assert.match(e.message, /not a regular file/);
        assert.ok(performance.now() - started < 1000);
      }
    } finally {
      special.cleanup();
    }
  });
});
