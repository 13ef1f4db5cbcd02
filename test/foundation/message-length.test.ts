// Error messages stay bounded whatever the input holds: a 400 KB column name, a 1 MB value or a
// list of 100,000 names gives one readable line of at most MAX_MESSAGE_LENGTH characters that
// keeps its beginning (what and where) and its end (the fix), with the cut counted in between.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { MAX_MESSAGE_LENGTH, MyelinError, ValueError } from "../../src/errors.js";
import { DataFormatError } from "../../src/data/errors.js";
import { parseCsvDatasetSync } from "../../src/data/csv-dataset.js";

describe("bounded error messages", () => {
  test("a bad cell under a 400 KB column name names file, line and column in a short message", () => {
    const name = "c".repeat(400_000);
    const text = `${name},y\nnot-a-number,1\n2,0\n`;
    let caught: unknown;
    try {
      parseCsvDatasetSync(text, { file: "wide.csv", target: "y" });
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof DataFormatError, `got ${String(caught)}`);
    assert.ok(
      caught.message.length <= MAX_MESSAGE_LENGTH,
      `message is ${caught.message.length} characters`,
    );
    assert.match(caught.message, /^wide\.csv:2:/);
    assert.match(caught.message, /characters cut/);
  });

  test("every MyelinError is cut in the middle, keeping both ends; short ones are untouched", () => {
    const long = new ValueError(`start ${"x".repeat(1_000_000)} end`);
    assert.ok(long.message.length <= MAX_MESSAGE_LENGTH);
    assert.ok(long.message.startsWith("start "));
    assert.ok(long.message.endsWith(" end"));
    assert.match(long.message, /… \[\d[\d,]* characters cut\] …/);
    assert.equal(new MyelinError("short").message, "short");
    const exact = "y".repeat(MAX_MESSAGE_LENGTH);
    assert.equal(new MyelinError(exact).message, exact);
  });
});
