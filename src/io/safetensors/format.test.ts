// The safetensors layout, checked against files assembled here byte by byte from the format's
// description (u64 LE header length, JSON header, raw little-endian data), and every rule the
// reader enforces, each with a file that breaks only that rule and the reason code it gets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ModelFormatError } from "../errors.js";
import { readSafetensors, writeSafetensors } from "./index.js";

/** A file from header text and data bytes (no padding unless the text has it). */
function file(header: string, data: number[] = [], length?: bigint): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const F32_ONE_MINUS_TWO = [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]; // 1.0, -2.0 LE
const I64_SEVEN = [7, 0, 0, 0, 0, 0, 0, 0];

test("a hand-assembled file reads back: names, dtypes, shapes, bytes and metadata", () => {
  const f = file(
    '{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"n":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}',
    [...F32_ONE_MINUS_TWO, ...I64_SEVEN],
  );
  const read = readSafetensors(f);
  assert.deepEqual(read.metadata, { format: "pt" });
  assert.deepEqual([...read.tensors.keys()], ["w", "n"]);
  const w = read.tensors.get("w")!;
  assert.equal(w.dtype, "F32");
  assert.deepEqual(w.shape, [2]);
  assert.deepEqual(Array.from(new Float32Array(w.data.slice().buffer)), [1, -2]);
  const n = read.tensors.get("n")!;
  assert.deepEqual([n.dtype, n.shape, n.size], ["I64", [], 1]);
  assert.deepEqual(Array.from(n.data), I64_SEVEN);
});

test("the writer: length prefix, header padded with spaces to 8, __metadata__ then names sorted, 8-byte types first", () => {
  const bytes = writeSafetensors(
    [
      { name: "b", dtype: "F32", shape: [2], data: new Uint8Array(F32_ONE_MINUS_TWO) },
      { name: "a", dtype: "I64", shape: [], data: new Uint8Array(I64_SEVEN) },
    ],
    { format: "pt" },
  );
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  const expected =
    '{"__metadata__":{"format":"pt"},"a":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}';
  const pad = (8 - ((8 + expected.length) % 8)) % 8;
  assert.equal(n, expected.length + pad);
  assert.equal(new TextDecoder().decode(bytes.subarray(8, 8 + n)), expected + " ".repeat(pad));
  assert.deepEqual(Array.from(bytes.subarray(8 + n)), [...I64_SEVEN, ...F32_ONE_MINUS_TWO]);
  assert.equal((8 + n) % 8, 0);
});

test("write → read → write gives the same bytes; empty tensors and no metadata are fine", () => {
  const entries = [
    { name: "z", dtype: "F64" as const, shape: [0, 3], data: new Uint8Array(0) },
    { name: "h", dtype: "F16" as const, shape: [3], data: new Uint8Array([0, 60, 0, 192, 0, 0]) },
    { name: "x", dtype: "F32" as const, shape: [1, 2], data: new Uint8Array(F32_ONE_MINUS_TWO) },
  ];
  const once = writeSafetensors(entries);
  const read = readSafetensors(once);
  assert.deepEqual(read.metadata, {});
  const again = writeSafetensors(
    [...read.tensors].map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape, data: t.data })),
  );
  assert.deepEqual(again, once);
});

/** Each broken file and the reason the reader must give. */
const BROKEN: [string, Uint8Array, string][] = [
  ["7 bytes", new Uint8Array(7), "too-small"],
  ["a header length of 2^40 (refused from 8 bytes)", file("{}", [], 2n ** 40n), "header-too-large"],
  ["a header length past the end", file("{}", [], 100n), "header-truncated"],
  ["a header length of 1", file("{", [], 1n), "bad-json"],
  ["a UTF-8 BOM before the JSON", file("\ufeff{}"), "bad-json"],
  [
    "bytes that are not UTF-8",
    (() => {
      const f = file('{"\u00e9":1}');
      f[10] = 0xff;
      return f;
    })(),
    "bad-utf8",
  ],
  [
    "a duplicate name",
    file(
      '{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}',
      [0, 0, 0, 0],
    ),
    "duplicate-key",
  ],
  [
    "an unknown dtype",
    file('{"a":{"dtype":"F128","shape":[],"data_offsets":[0,16]}}', new Array(16).fill(0)),
    "bad-dtype",
  ],
  ["a negative size", file('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}'), "bad-shape"],
  [
    "a fractional size",
    file('{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,0]}}'),
    "bad-shape",
  ],
  [
    "2^32 elements",
    file('{"a":{"dtype":"U8","shape":[65536,65536],"data_offsets":[0,0]}}'),
    "too-many-elements",
  ],
  [
    "offsets that run backwards",
    file('{"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}}', [0, 0, 0, 0]),
    "bad-offset",
  ],
  ["three offsets", file('{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0,0]}}'), "bad-offset"],
  [
    "an end past the data",
    file('{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}', [1, 2]),
    "out-of-bounds",
  ],
  [
    "offsets that disagree with shape × size",
    file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
    "bad-byte-length",
  ],
  [
    "two tensors on the same bytes",
    file(
      '{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}',
      [0, 0, 0, 0],
    ),
    "overlapping-tensors",
  ],
  [
    "a hole between tensors",
    file('{"a":{"dtype":"F32","shape":[],"data_offsets":[4,8]}}', new Array(8).fill(0)),
    "gap-in-data",
  ],
  [
    "bytes after the last tensor",
    file('{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}', new Array(5).fill(0)),
    "trailing-bytes",
  ],
  ["metadata that is not strings", file('{"__metadata__":{"n":1}}'), "bad-metadata"],
  [
    "an entry with an extra key",
    file('{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0],"x":1}}'),
    "bad-tensor-entry",
  ],
  [
    "an empty name",
    file('{"":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}'),
    "bad-tensor-name",
  ],
  [
    "a __proto__ name",
    file('{"__proto__":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}'),
    "forbidden-key",
  ],
  [
    "nesting deeper than a header needs",
    file('{"a":{"dtype":"U8","shape":[[0]],"data_offsets":[0,0]}}'),
    "json-too-deep",
  ],
];

for (const [what, bytes, reason] of BROKEN) {
  test(`refused with ${reason}: ${what}`, () => {
    assert.throws(
      () => readSafetensors(bytes),
      (e: unknown) =>
        e instanceof ModelFormatError &&
        e.reason === reason &&
        /safetensors|header JSON/.test(e.message),
    );
  });
}

test("the writer refuses what the reader would: repeated or reserved names, bytes that disagree with the shape", () => {
  const one = { name: "a", dtype: "F32" as const, shape: [1], data: new Uint8Array(4) };
  const refused = (entries: (typeof one)[], reason: string) =>
    assert.throws(
      () => writeSafetensors(entries),
      (e: unknown) =>
        e instanceof Error && e.name === "ModelEncodeError" && e.message.endsWith(`[${reason}]`),
    );
  refused([one, one], "duplicate-tensor-name");
  refused([{ ...one, name: "__metadata__" }], "bad-tensor-name");
  refused([{ ...one, shape: [2] }], "bad-byte-length");
});
