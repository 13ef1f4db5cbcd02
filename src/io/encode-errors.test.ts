// Save-time refusals are ModelEncodeError (a ValueError: the value given to the writer is wrong),
// never ModelFormatError (which says a file is damaged), and they give the JSON path of the value.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ValueError } from "../errors.js";
import { Linear } from "../nn/linear.js";
import { tensor } from "../tensor/create.js";
import { encodeModelFile } from "./encode.js";
import { ModelEncodeError, ModelFormatError } from "./errors.js";
import { modelToBytes, type ModelMetadata } from "./model.js";

function refusal(run: () => unknown): ModelEncodeError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ModelEncodeError, `expected ModelEncodeError, got ${String(e)}`);
    assert.ok(e instanceof ValueError);
    assert.ok(!(e instanceof ModelFormatError), "a save-time refusal is not a damaged file");
    return e;
  }
  assert.fail("nothing was thrown");
}

describe("save-time refusals", () => {
  test("a NaN final metric names its path in the metadata", () => {
    const meta = { training: { finalMetrics: { "test.loss": NaN, "train.loss": 0.1 } } };
    const e = refusal(() => modelToBytes(new Linear(2, 1), meta as ModelMetadata));
    assert.equal(e.path, 'meta.training.finalMetrics["test.loss"]');
    assert.equal(e.reason, "bad-value");
    assert.match(
      e.message,
      /^meta\.training\.finalMetrics\["test\.loss"\] is NaN; JSON cannot store non-finite numbers/,
    );
  });

  test("Infinity in a list, a function, a cycle", () => {
    const inf = refusal(() => encodeModelFile({ header: { a: [1, -Infinity] }, tensors: [] }));
    assert.equal(inf.path, "header.a[1]");
    assert.match(inf.message, /header\.a\[1\] is -Infinity/);
    const fn = refusal(() => encodeModelFile({ header: { f: () => 1 }, tensors: [] }));
    assert.equal(fn.path, "header.f");
    assert.match(fn.message, /header\.f is a function/);
    const cyclic: Record<string, unknown> = { x: { y: 1 } };
    (cyclic.x as Record<string, unknown>).back = cyclic;
    const cycle = refusal(() => encodeModelFile({ header: cyclic, tensors: [] }));
    assert.equal(cycle.path, "header.x.back");
    assert.match(cycle.message, /header\.x\.back refers back to header \(a cycle\)/);
  });

  test("bad tensors: name, dtype, repeated name", () => {
    const t = tensor([1]);
    assert.equal(
      refusal(() => encodeModelFile({ header: {}, tensors: [["", t]] })).reason,
      "bad-tensor-name",
    );
    const dup = refusal(() =>
      encodeModelFile({
        header: {},
        tensors: [
          ["a", t],
          ["a", t],
        ],
      }),
    );
    assert.equal(dup.reason, "duplicate-tensor-name");
    const fake = { data: [1], shape: [1] } as unknown as typeof t;
    assert.equal(
      refusal(() => encodeModelFile({ header: {}, tensors: [["a", fake]] })).reason,
      "bad-dtype",
    );
  });

  test("long keys and deep paths keep the message short", () => {
    let deep: Record<string, unknown> = { v: NaN };
    for (let i = 0; i < 60; i++) deep = { ["k".repeat(300) + String(i)]: deep };
    const e = refusal(() => encodeModelFile({ header: deep, tensors: [] }));
    assert.ok(e.message.length < 1000, `${e.message.length} characters`);
  });
});
