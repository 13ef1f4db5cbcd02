// readCsvFile on a real-looking file (issue 10, item 6): ";"-separated, a text column and gaps,
// through the library options alone (delimiter detection, categorical, impute).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataFormatError } from "../../data/errors.js";
import { readCsvFile } from "./read-csv.js";

test('readCsvFile: ";" detected, a text column one-hot, NA imputed, the encoder returned', async () => {
  const dir = mkdtempSync(join(tmpdir(), "myelin-tabular-"));
  try {
    const path = join(dir, "p.csv");
    writeFileSync(
      path,
      "island;mass;sex;species\nDream;3;m;A\nBiscoe;NA;f;B\nDream;5;NA;A\nBiscoe;7;f;B\n",
    );
    await assert.rejects(readCsvFile(path, { target: -1 }), (e: unknown) => {
      assert.ok(e instanceof DataFormatError);
      assert.equal(e.message.split(": ")[0], `${path}:3:2`);
      assert.match(e.message, /column "mass": missing value "NA".*--impute mean\|median\|drop/);
      return true;
    });
    const ds = await readCsvFile(path, { target: -1, impute: "median", chunkBytes: 3 });
    assert.deepEqual(ds.featureNames, ["island=Biscoe", "island=Dream", "mass", "sex=f", "sex=m"]);
    assert.deepEqual(Array.from(ds.x.data.slice(5, 10)), [1, 0, 5, 1, 0]); // mass median, sex mode f
    assert.deepEqual(ds.encoder?.columns[1], { name: "mass", fill: 5 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
