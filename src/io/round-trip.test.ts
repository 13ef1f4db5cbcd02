// Encode/decode round trips: exact bytes of a hand-built file, bit-exact values (−0, subnormals,
// ±Infinity, NaN), rank-0 and size-0 tensors, and canonical output (key and tensor order).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { tensor, fromData } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import { encodeModelFile, decodeModelFile } from "./index.js";
import { readTensorData, writeTensorData } from "./endian.js";

function bytesOf(t: Tensor): Uint8Array {
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

describe("model file round trip", () => {
  test("a one-tensor file has exactly the documented bytes", () => {
    const file = encodeModelFile({ header: { a: 1 }, tensors: [["x", tensor(1.5)]] });
    const text =
      '{"header":{"a":1},"tensors":{"x":{"byteLength":4,"byteOffset":0,"dtype":"float32","shape":[]}}}';
    assert.equal(text.length, 95); // 24 + 95 = 119 → padded to 120
    // the CRC-32C values were computed with an independent bitwise implementation (Python)
    const expected = [
      ...[0x89, 0x4d, 0x59, 0x45, 0x4c, 0x49, 0x4e, 0x0a], // "\x89MYELIN\n"
      ...[2, 0, 0, 0], // version 2, u32 LE
      ...[95, 0, 0, 0], // header length, u32 LE
      ...[0x29, 0x9e, 0x90, 0x71], // header CRC-32C 0x71909e29 of bytes [0, 16) and [24, 120)
      ...[0xe6, 0x8f, 0xbf, 0x67], // data CRC-32C 0x67bf8fe6 of bytes [120, 128)
      ...Array.from(text, (c) => c.charCodeAt(0)),
      ...[0x20], // pad to 120
      ...[0x00, 0x00, 0xc0, 0x3f], // 1.5f = 0x3FC00000, little-endian
      ...[0, 0, 0, 0], // data section padded to ×8
    ];
    assert.deepEqual([...file], expected);
  });

  test("float32 and float64 values survive bit for bit", () => {
    const f32 = new Float32Array([
      0,
      -0,
      1.4e-45,
      -1.1754942e-38,
      3.4028235e38,
      Infinity,
      -Infinity,
      NaN,
      0.1,
    ]);
    const f64 = new Float64Array([
      -0,
      5e-324,
      2.2250738585072e-308,
      1.7976931348623157e308,
      NaN,
      0.1,
    ]);
    const file = encodeModelFile({
      header: {},
      tensors: [
        ["a", fromData(f32, [3, 3])],
        ["b", fromData(f64, [2, 1, 3])],
      ],
    });
    const { tensors } = decodeModelFile(file);
    const a = tensors.get("a")!;
    const b = tensors.get("b")!;
    assert.equal(a.dtype, "float32");
    assert.equal(b.dtype, "float64");
    assert.deepEqual(a.shape, [3, 3]);
    assert.deepEqual(b.shape, [2, 1, 3]);
    assert.deepEqual(bytesOf(a), new Uint8Array(f32.buffer));
    assert.deepEqual(bytesOf(b), new Uint8Array(f64.buffer));
    assert.ok(Object.is(a.data[1], -0) && Object.is(b.data[0], -0));
    assert.equal(b.data[1], 5e-324);
  });

  test("rank-0, size-0 and empty-dim tensors round trip", () => {
    const cases: [string, Tensor][] = [
      ["scalar32", tensor(-2.5)],
      ["scalar64", tensor(7, { dtype: "float64" })],
      ["empty", tensor([])],
      ["empty2d", fromData(new Float64Array(0), [3, 0])],
      ["empty3d", fromData(new Float32Array(0), [0, 4, 5])],
    ];
    const { tensors } = decodeModelFile(encodeModelFile({ header: {}, tensors: cases }));
    assert.deepEqual([...tensors.keys()], ["empty", "empty2d", "empty3d", "scalar32", "scalar64"]);
    for (const [name, t] of cases) {
      const got = tensors.get(name)!;
      assert.deepEqual(got.shape, t.shape, name);
      assert.equal(got.dtype, t.dtype, name);
      assert.deepEqual([...got.data], [...t.data], name);
    }
  });

  test("decoded storages are fresh, aligned and independent of the input bytes", () => {
    const file = encodeModelFile({ header: {}, tensors: [["w", tensor([1, 2, 3])]] });
    const { tensors } = decodeModelFile(file);
    const w = tensors.get("w")!;
    assert.equal(w.data.byteOffset, 0);
    assert.notEqual(w.data.buffer, file.buffer);
    file.fill(0);
    assert.deepEqual([...w.data], [1, 2, 3]);
  });

  test("decoding works on a Uint8Array view at an odd offset of a larger buffer", () => {
    const file = encodeModelFile({
      header: { n: 1 },
      tensors: [["w", tensor([1, 2, 3], { dtype: "float64" })]],
    });
    const big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    const { tensors } = decodeModelFile(big.subarray(3));
    assert.deepEqual([...tensors.get("w")!.data], [1, 2, 3]);
  });

  test("the header comes back as null-prototype data", () => {
    const header = {
      name: "mlp",
      layers: [{ units: 4, act: "relu" }, null, true, -1.5e-7],
      meta: {},
    };
    const { header: got } = decodeModelFile(encodeModelFile({ header, tensors: [] }));
    assert.equal(Object.getPrototypeOf(got), null);
    assert.equal(
      JSON.stringify(got), // JSON.stringify keeps insertion order; the file's order is sorted
      '{"layers":[{"act":"relu","units":4},null,true,-1.5e-7],"meta":{},"name":"mlp"}',
    );
    const layers = got.layers as unknown[];
    assert.equal(Object.getPrototypeOf(layers[0]), null);
  });

  test("encode(decode(x)) is byte-identical to x", () => {
    const x = encodeModelFile({
      header: { z: [3, { b: "é\u0000\ud800", a: 0.1 }], a: { y: null, x: false } },
      tensors: [
        [
          "layer.0.weight",
          tensor([
            [1, -0],
            [1e-40, 3],
          ]),
        ],
        ["layer.0.bias", tensor([0.5, NaN], { dtype: "float64" })],
        ["n", tensor(1)],
      ],
    });
    const d = decodeModelFile(x);
    const y = encodeModelFile({ header: d.header, tensors: d.tensors });
    assert.deepEqual(y, x);
  });

  test("key order and tensor order do not change the bytes", () => {
    const w = tensor([1, 2]);
    const b = tensor([3]);
    const a1 = encodeModelFile({
      header: { b: 1, a: { d: 1, c: [{ f: 1, e: 2 }] } },
      tensors: [
        ["w", w],
        ["b", b],
      ],
    });
    const a2 = encodeModelFile({
      header: { a: { c: [{ e: 2, f: 1 }], d: 1 }, b: 1 },
      tensors: new Map([
        ["b", b],
        ["w", w],
      ]),
    });
    assert.deepEqual(a1, a2);
    // and it really is sorted: "a" comes before "b" in the text
    const text = new TextDecoder().decode(a1);
    assert.ok(text.indexOf('"a":{"c":[{"e":2,"f":1}],"d":1}') < text.indexOf('"b":1'));
  });

  test("-0 in the header is written as 0 (JSON has no negative zero)", () => {
    const x = encodeModelFile({ header: { z: -0 }, tensors: [] });
    assert.ok(new TextDecoder().decode(x).includes('{"z":0}'));
  });
});

describe("endianness helpers", () => {
  test("the DataView (big-endian host) path reads and writes the same little-endian bytes", () => {
    const f32 = new Float32Array([1.5, -0, 1.4e-45, -7]);
    const f64 = new Float64Array([0.1, -0, 5e-324]);
    const bytes = new Uint8Array(f32.byteLength + f64.byteLength);
    writeTensorData(bytes, 0, f32, false);
    writeTensorData(bytes, f32.byteLength, f64, false);
    assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 0xc0, 0x3f]); // 1.5f little-endian
    const r32 = readTensorData(bytes, 0, "float32", 4, false);
    const r64 = readTensorData(bytes, 16, "float64", 3, false);
    assert.deepEqual(new Uint8Array(r32.buffer), new Uint8Array(f32.buffer));
    assert.deepEqual(new Uint8Array(r64.buffer), new Uint8Array(f64.buffer));
  });
});
