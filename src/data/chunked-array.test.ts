// ChunkedArray in its three storage modes (small head, resizable buffer, blocks after a full or
// missing reservation): the values read back, and drain's result (contiguous, exact length,
// converted like Float32Array.from).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChunkedArray } from "./chunked-array.js";

/** 0, 1.1, 2.2, … as float64 values (not exactly representable in float32). */
const value = (i: number): number => i * 1.1 - 7;

function filled<T extends Float32Array | Float64Array | Int32Array>(
  array: ChunkedArray<T>,
  n: number,
): ChunkedArray<T> {
  for (let i = 0; i < n; i++) array.push(value(i));
  return array;
}

describe("ChunkedArray", () => {
  const cases: [string, number][] = [
    ["small head only", 0],
    ["no reservation: blocks after the head", 0],
    ["small reservation (12 elements): head, then blocks", 96],
    ["resizable buffer", 2 ** 32],
  ];
  for (const [name, reserveBytes] of cases) {
    test(`${name}: get and drain return every element in order`, () => {
      const n = name === "small head only" ? 3 : 1000;
      const a = filled(new ChunkedArray<Float64Array>(Float64Array, 8, reserveBytes), n);
      assert.equal(a.length, n);
      for (const i of [0, 7, 8, 9, n - 1]) {
        if (i < n) assert.equal(a.get(i), value(i));
      }
      const out = a.drain();
      assert.ok(out instanceof Float64Array);
      assert.equal(out.length, n);
      assert.equal(out.byteLength, n * 8);
      for (let i = 0; i < n; i++) assert.equal(out[i], value(i), `element ${i}`);
      assert.equal(a.length, 0, "empty after drain");
      a.push(5);
      assert.deepEqual(Array.from(a.drain()), [5], "usable again after drain");
    });
  }

  test("drain returns a plain array, never a view of the resizable buffer", () => {
    // V8 runs code that has seen a resizable-buffer view more slowly, so none may reach a Tensor
    const a = filled(new ChunkedArray<Float32Array>(Float32Array, 16), 1000);
    const out = a.drain();
    const buffer = out.buffer as ArrayBuffer & { resizable?: boolean };
    assert.notEqual(buffer.resizable, true);
    assert.equal(buffer.byteLength, 4000, "exactly the data");
    assert.equal(out.byteOffset, 0);
  });

  test("Float64 → Float32 and Int32 → Float32 equal a conversion copy", () => {
    for (const reserveBytes of [2 ** 32, 0]) {
      const f64 = filled(new ChunkedArray<Float64Array>(Float64Array, 8, reserveBytes), 777);
      const f32 = f64.drain(Float32Array);
      assert.ok(f32 instanceof Float32Array);
      assert.equal(f32.length, 777);
      for (let i = 0; i < 777; i++) assert.equal(f32[i], Math.fround(value(i)), `element ${i}`);
      const ints = new ChunkedArray<Int32Array>(Int32Array, 8, reserveBytes);
      for (let i = 0; i < 777; i++) ints.push(i * 3 - 100);
      const asFloat = ints.drain(Float32Array);
      for (let i = 0; i < 777; i++) assert.equal(asFloat[i], i * 3 - 100);
    }
  });

  test("an empty array drains to length 0", () => {
    const a = new ChunkedArray<Float32Array>(Float32Array, 8);
    assert.equal(a.drain().length, 0);
  });
});
