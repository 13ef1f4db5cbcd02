// A hostile-input corpus for the model-file container (malformed weights and headers): each malformed file must be rejected with ModelFormatError and its reason.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { MyelinError, ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import {
  decodeModelFile,
  encodeModelFile,
  ModelEncodeError,
  ModelFormatError,
  type DecodeOptions,
  type ModelFormatReason,
} from "./index.js";
import { headerWithTable, rawModelFile, seal } from "../../test/support/raw-model-file.js";
import { PREFIX_BYTES } from "./layout.js";

function rejects(bytes: Uint8Array, reason: ModelFormatReason, options?: DecodeOptions): void {
  assert.throws(
    () => decodeModelFile(bytes, options),
    (e: unknown) => {
      assert.ok(e instanceof ModelFormatError, `expected ModelFormatError, got ${String(e)}`);
      assert.ok(e instanceof MyelinError);
      assert.equal(e.reason, reason, e.message);
      return true;
    },
  );
}

/** The writer refuses: a ModelEncodeError (save-time refusal, not a damaged file) with `reason`. */
function encodeRejects(run: () => unknown, reason: ModelFormatReason): void {
  assert.throws(run, (e: unknown) => e instanceof ModelEncodeError && e.reason === reason);
}

/** JSON of one table entry. */
function entry(
  byteOffset: unknown,
  byteLength: unknown,
  shape: unknown,
  dtype: unknown = "float32",
): string {
  return JSON.stringify({ byteLength, byteOffset, dtype, shape });
}

/** A file whose table is `{"name": entry, …}` and whose data section has `dataLength` zero bytes. */
function withTable(entries: Record<string, string>, dataLength: number, header = "{}"): Uint8Array {
  const table = `{${Object.entries(entries)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(",")}}`;
  return rawModelFile({ header: headerWithTable(table, header), data: new Uint8Array(dataLength) });
}

const VALID = encodeModelFile({
  header: { arch: "mlp" },
  tensors: [
    ["a", tensor([1, 2, 3])],
    ["b", tensor([[4]], { dtype: "float64" })],
  ],
});

describe("prefix", () => {
  test("the valid sample decodes (the corpus below breaks one rule at a time)", () => {
    assert.equal(decodeModelFile(VALID).tensors.size, 2);
    assert.equal(decodeModelFile(withTable({ a: entry(0, 8, [2]) }, 8)).tensors.size, 1);
  });

  test("files shorter than the 16-byte prefix (incl. < 8 bytes)", () => {
    for (let n = 0; n < 16; n++) rejects(VALID.subarray(0, n), "too-small");
  });

  test("wrong magic, including CRLF-translated and text-mode damage", () => {
    rejects(
      rawModelFile({
        header: headerWithTable("{}"),
        magic: [0x4d, 0x59, 0x45, 0x4c, 0x49, 0x4e, 0, 1],
      }),
      "bad-magic",
    );
    const crlf = VALID.slice();
    crlf[7] = 0x0d;
    rejects(crlf, "bad-magic");
    rejects(new TextEncoder().encode('{"header":{},"tensors":{}}      '), "bad-magic");
  });

  test("unsupported versions (1 and 2 are read; 2 is written)", () => {
    for (const version of [0, 3, 0xffffffff]) {
      rejects(rawModelFile({ header: headerWithTable("{}"), version }), "unsupported-version");
    }
    for (const version of [1, 2]) {
      const d = decodeModelFile(rawModelFile({ header: headerWithTable("{}"), version }));
      assert.equal(d.version, version);
    }
  });

  test("header length 0 and 1", () => {
    rejects(rawModelFile({ header: headerWithTable("{}"), headerLength: 0 }), "bad-header");
    rejects(rawModelFile({ header: headerWithTable("{}"), headerLength: 1 }), "bad-header");
  });

  test("header length 2^32−1 (the largest the u32 field holds; the analogue of 2^64−1)", () => {
    const f = rawModelFile({ header: headerWithTable("{}"), headerLength: 0xffffffff });
    rejects(f, "header-too-large");
    rejects(f, "header-truncated", { maxHeaderBytes: 0xffffffff });
  });

  test("header length > 100 MB and header length > file size", () => {
    rejects(
      rawModelFile({ header: headerWithTable("{}"), headerLength: 100e6 + 1 }),
      "header-too-large",
    );
    rejects(
      rawModelFile({ header: headerWithTable("{}"), headerLength: 1000 }),
      "header-truncated",
    );
    rejects(VALID.subarray(0, 40), "header-truncated");
  });

  test("header length too short cuts the JSON; the cut-off byte then fails the padding rule", () => {
    const text = headerWithTable("{}");
    rejects(rawModelFile({ header: text.slice(0, -1) + "        " }), "bad-json");
    rejects(rawModelFile({ header: text + " ", headerLength: text.length - 1 }), "bad-padding");
  });

  test("maxHeaderBytes is honoured", () => {
    rejects(VALID, "header-too-large", { maxHeaderBytes: 20 });
  });
});

describe("header text", () => {
  test("non-UTF-8: invalid byte, overlong form, encoded surrogate, truncated sequence", () => {
    for (const bad of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const pre = new TextEncoder().encode('{"header":{"s":"');
      const post = new TextEncoder().encode('"},"tensors":{}}');
      rejects(rawModelFile({ header: new Uint8Array([...pre, ...bad, ...post]) }), "bad-utf8");
    }
  });

  test("a UTF-8 BOM before the JSON is rejected", () => {
    rejects(rawModelFile({ header: "\ufeff" + headerWithTable("{}") }), "bad-json");
  });

  test("not starting with {", () => {
    for (const h of [
      "[]",
      '"x"',
      " " + headerWithTable("{}"),
      "\n" + headerWithTable("{}"),
      "null",
    ]) {
      rejects(rawModelFile({ header: h }), "bad-json");
    }
  });

  test("invalid JSON", () => {
    const cases = [
      '{"header":{},"tensors":{}',
      "{'header':{},'tensors':{}}",
      '{"header":{},"tensors":{},}',
      '{"header":{"x":[1,]},"tensors":{}}',
      '{"header":{"x":NaN},"tensors":{}}',
      '{"header":{"x":Infinity},"tensors":{}}',
      '{"header":{"x":1e400},"tensors":{}}',
      '{"header":{"x":01},"tensors":{}}',
      '{"header":{"x":-},"tensors":{}}',
      '{"header":{"x":"\\x41"},"tensors":{}}',
      '{"header":{"x":"\\u12"},"tensors":{}}',
      '{"header":{"x":"a\nb"},"tensors":{}}',
      '{"header":{"x":tru},"tensors":{}}',
      '{"header":{x:1},"tensors":{}}',
      '{"header":{},"tensors":{}}x',
      '{"header":{},"tensors":{}}{}',
      '{"header":{} "tensors":{}}',
    ];
    for (const h of cases) rejects(rawModelFile({ header: h }), "bad-json");
  });

  test("duplicate keys are rejected at every level (no last-wins)", () => {
    rejects(rawModelFile({ header: '{"header":{},"header":{},"tensors":{}}' }), "duplicate-key");
    rejects(rawModelFile({ header: headerWithTable("{}", '{"a":1,"a":1}') }), "duplicate-key");
    rejects(
      rawModelFile({ header: headerWithTable("{}", '{"a":[{"b":1,"c":2,"b":3}]}') }),
      "duplicate-key",
    );
    const e = entry(0, 0, [0]);
    rejects(rawModelFile({ header: headerWithTable(`{"w":${e},"w":${e}}`) }), "duplicate-key");
    // escapes do not hide a duplicate: "\u0061" is "a"
    rejects(
      rawModelFile({ header: headerWithTable("{}", '{"a":1,"\\u0061":2}') }),
      "duplicate-key",
    );
  });

  test("wrong top-level structure", () => {
    for (const h of [
      '{"header":{}}',
      '{"tensors":{}}',
      '{"header":{},"tensors":{},"extra":1}',
      '{"header":[],"tensors":{}}',
      '{"header":null,"tensors":{}}',
      '{"header":{},"tensors":[]}',
      '{"header":{},"tensors":null}',
    ]) {
      rejects(rawModelFile({ header: h }), "bad-header");
    }
  });

  test("padding after the header must be spaces", () => {
    const f = VALID.slice();
    const headerLength = new DataView(f.buffer).getUint32(12, true);
    assert.notEqual((PREFIX_BYTES + headerLength) % 8, 0, "sample must have header padding");
    f[PREFIX_BYTES + headerLength] = 0;
    rejects(f, "checksum-mismatch"); // the header checksum covers the padding…
    rejects(seal(f), "bad-padding"); // …and behind it the padding rule still holds
  });
});

describe("JSON depth bomb", () => {
  test("a million nested arrays in the header is rejected without a stack overflow", () => {
    const bomb =
      '{"header":{"__metadata__":' +
      "[".repeat(1_000_000) +
      "]".repeat(1_000_000) +
      '},"tensors":{}}';
    rejects(rawModelFile({ header: bomb }), "json-too-deep");
    const unclosed = '{"header":{"m":' + '{"a":'.repeat(200_000);
    rejects(rawModelFile({ header: unclosed }), "json-too-deep");
  });

  test("depth 64 is accepted, 65 rejected; maxJsonDepth moves the bound", () => {
    const nest = (k: number): string => "[".repeat(k) + "]".repeat(k);
    // root object (1) + header object (2) + k arrays
    const ok = rawModelFile({ header: headerWithTable("{}", `{"x":${nest(62)}}`) });
    assert.ok(decodeModelFile(ok));
    rejects(rawModelFile({ header: headerWithTable("{}", `{"x":${nest(63)}}`) }), "json-too-deep");
    rejects(ok, "json-too-deep", { maxJsonDepth: 10 });
  });

  test("the encoder applies the same bound", () => {
    let deep: unknown = [];
    for (let i = 0; i < 62; i++) deep = [deep];
    encodeRejects(() => encodeModelFile({ header: { x: deep }, tensors: [] }), "json-too-deep");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // a cycle is named as one (it used to surface as json-too-deep after 64 levels)
    encodeRejects(() => encodeModelFile({ header: cyclic, tensors: [] }), "bad-value");
  });
});

describe("prototype pollution", () => {
  const KEYS = ["__proto__", "constructor", "prototype"];

  test("forbidden keys at every nesting level of the header are rejected", () => {
    for (const key of KEYS) {
      for (let depth = 0; depth < 10; depth++) {
        let inner = `{${JSON.stringify(key)}:{"polluted":1}}`;
        for (let d = 0; d < depth; d++) inner = d % 2 === 0 ? `{"a":${inner}}` : `[0,${inner}]`;
        rejects(rawModelFile({ header: headerWithTable("{}", inner) }), "forbidden-key");
      }
      rejects(
        rawModelFile({
          header: `{${JSON.stringify(key)}:{"polluted":1},"header":{},"tensors":{}}`,
        }),
        "forbidden-key",
      );
      rejects(withTable({ [key]: entry(0, 0, [0]) }, 0), "forbidden-key");
      rejects(
        rawModelFile({
          header: headerWithTable(
            `{"w":{"byteLength":0,"byteOffset":0,"dtype":"float32","shape":[0],${JSON.stringify(key)}:{"polluted":1}}}`,
          ),
        }),
        "forbidden-key",
      );
    }
    // escaped spelling of __proto__
    rejects(
      rawModelFile({ header: headerWithTable("{}", '{"\\u005f_proto__":{"polluted":1}}') }),
      "forbidden-key",
    );
    rejects(
      rawModelFile({
        header: headerWithTable("{}", '{"constructor":{"prototype":{"polluted":1}}}'),
      }),
      "forbidden-key",
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
  });

  test("the encoder rejects forbidden keys and tensor names", () => {
    const parsed = JSON.parse('{"a":{"__proto__":{"polluted":1}}}') as object;
    encodeRejects(() => encodeModelFile({ header: parsed, tensors: [] }), "forbidden-key");
    encodeRejects(
      () => encodeModelFile({ header: { constructor: 1 }, tensors: [] }),
      "forbidden-key",
    );
    encodeRejects(
      () => encodeModelFile({ header: {}, tensors: [["prototype", tensor(1)]] }),
      "forbidden-key",
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test("decoded objects have no prototype to pollute", () => {
    const { header } = decodeModelFile(
      rawModelFile({ header: headerWithTable("{}", '{"a":{"b":1}}') }),
    );
    assert.equal(Object.getPrototypeOf(header), null);
    assert.equal(Object.getPrototypeOf(header.a), null);
  });
});

describe("tensor table", () => {
  test("offsets: negative, fractional, > 2^53, huge, non-number", () => {
    for (const off of [-8, -1, 8.5, 2 ** 53 + 8, 1e300, "0", null, true]) {
      rejects(withTable({ a: entry(off, 8, [2]) }, 8), "bad-offset");
    }
  });

  test("end < begin (negative or fractional byteLength)", () => {
    rejects(withTable({ a: entry(8, -8, [2]) }, 16), "bad-byte-length");
    rejects(withTable({ a: entry(0, 7.5, [2]) }, 8), "bad-byte-length");
  });

  test("byteLength ≠ elements × itemsize", () => {
    rejects(withTable({ a: entry(0, 4, [2]) }, 8), "bad-byte-length");
    rejects(withTable({ a: entry(0, 8, [2], "float64") }, 16), "bad-byte-length");
    rejects(withTable({ a: entry(0, 0, []) }, 8), "bad-byte-length");
  });

  test("odd and 4-aligned offsets for float32", () => {
    rejects(withTable({ a: entry(3, 4, [1]) }, 8), "misaligned-offset");
    rejects(withTable({ a: entry(4, 4, [1]) }, 8), "misaligned-offset");
  });

  test("out of bounds", () => {
    rejects(withTable({ a: entry(0, 16, [4]) }, 8), "out-of-bounds");
    rejects(withTable({ a: entry(8, 4, [1]) }, 8), "out-of-bounds");
    rejects(withTable({ a: entry(2 ** 52, 8, [2]) }, 8), "out-of-bounds");
  });

  test("overlapping tensors, in either name order", () => {
    rejects(withTable({ a: entry(0, 16, [4]), b: entry(8, 8, [2]) }, 24), "overlapping-tensors");
    rejects(withTable({ a: entry(0, 8, [2]), b: entry(0, 8, [2]) }, 16), "overlapping-tensors");
  });

  test("gaps, and tensors out of name order", () => {
    rejects(withTable({ a: entry(0, 8, [2]), b: entry(16, 8, [2]) }, 24), "gap-in-data");
    rejects(withTable({ a: entry(8, 8, [2]), b: entry(0, 8, [2]) }, 16), "gap-in-data");
    rejects(withTable({ a: entry(8, 8, [2]) }, 16), "gap-in-data");
  });

  test("zero-size tensors: placed at the cursor (shared offsets) is fine, reusing an earlier offset is not", () => {
    const ok = withTable(
      { a: entry(0, 0, [0]), b: entry(0, 0, [3, 0]), c: entry(0, 8, [2]), d: entry(8, 0, [0]) },
      8,
    );
    const { tensors } = decodeModelFile(ok);
    assert.deepEqual(tensors.get("b")!.shape, [3, 0]);
    assert.equal(tensors.get("c")!.size, 2);
    rejects(withTable({ a: entry(0, 8, [2]), b: entry(0, 0, [0]) }, 8), "overlapping-tensors");
    rejects(withTable({ a: entry(0, 0, [0]) }, 8), "trailing-bytes");
  });

  test("trailing bytes after the data (polyglot) and missing final padding", () => {
    const extra = new Uint8Array(VALID.length + 8);
    extra.set(VALID);
    extra.set([0x50, 0x4b, 0x03, 0x04], VALID.length); // a ZIP local header after our data
    rejects(extra, "trailing-bytes");
    rejects(new Uint8Array([...VALID, 0]), "trailing-bytes");
    rejects(withTable({ a: entry(0, 4, [1]) }, 4), "bad-padding");
  });

  test("nonzero padding between tensors", () => {
    const f = withTable({ a: entry(0, 4, [1]), b: entry(8, 4, [1]) }, 16);
    f[f.length - 12] = 1; // byte 4 of the data section: a's padding
    rejects(f, "bad-padding");
  });

  test("shape entries negative, fractional, strings, null, or not an array", () => {
    for (const shape of [
      [-1],
      [1.5],
      ["1e9"],
      ["2"],
      [null],
      [2 ** 53],
      [1e300],
      "2",
      null,
      {},
      [[2]],
    ]) {
      rejects(withTable({ a: entry(0, 8, shape) }, 8), "bad-shape");
    }
    rejects(withTable({ a: entry(0, 4, new Array<number>(33).fill(1)) }, 8), "bad-shape");
  });

  test("regressions found by the fuzzer: object-valued fields, a -0 dim", () => {
    rejects(withTable({ a: entry(0, {}, [2]) }, 8), "bad-byte-length");
    rejects(withTable({ a: entry({}, 8, [2]) }, 8), "bad-offset");
    rejects(withTable({ a: entry(0, 8, [{}]) }, 8), "bad-shape");
    const { tensors } = decodeModelFile(withTable({ a: entry(0, 0, [-0, 2]) }, 0));
    assert.ok(Object.is(tensors.get("a")!.shape[0], 0));
    assert.ok(Object.is(tensors.get("a")!.size, 0));
  });

  test("shape 1e9 (a valid number) has no data behind it", () => {
    rejects(withTable({ a: entry(0, 4e9, [1e9]) }, 8), "out-of-bounds");
  });

  test("element counts past 2^31, overflowing 2^53 and 2^64, or wrapping to tiny", () => {
    const shapes = [
      [2 ** 31 + 1],
      [2 ** 27, 2 ** 27],
      [2 ** 32, 2 ** 32],
      [65536, 65536, 65536, 65536],
      [0, 2 ** 40],
      [2 ** 40, 0],
    ];
    for (const shape of shapes)
      rejects(withTable({ a: entry(0, 0, shape) }, 8), "too-many-elements");
  });

  test("memory bomb: shape [5e8] with an empty data section", () => {
    rejects(withTable({ w: entry(0, 2e9, [5e8]) }, 0), "out-of-bounds");
  });

  test("unknown dtypes", () => {
    for (const dtype of [
      "F8_E4M3",
      "object",
      "float16",
      "int32",
      "Float32",
      "F32",
      null,
      32,
      ["float32"],
    ]) {
      rejects(withTable({ a: entry(0, 8, [2], dtype) }, 8), "bad-dtype");
    }
  });

  test("entries with missing, extra or non-object fields", () => {
    rejects(
      rawModelFile({
        header: headerWithTable('{"a":{"byteLength":0,"byteOffset":0,"dtype":"float32"}}'),
      }),
      "bad-tensor-entry",
    );
    rejects(
      rawModelFile({
        header: headerWithTable(
          '{"a":{"byteLength":0,"byteOffset":0,"dtype":"float32","shape":[0],"x":1}}',
        ),
      }),
      "bad-tensor-entry",
    );
    rejects(
      rawModelFile({ header: headerWithTable('{"a":[0,0,"float32",[0]]}') }),
      "bad-tensor-entry",
    );
    rejects(rawModelFile({ header: headerWithTable('{"a":null}') }), "bad-tensor-entry");
  });

  test("tensor names: empty, too long, NUL; 256 characters is fine", () => {
    rejects(withTable({ "": entry(0, 0, [0]) }, 0), "bad-tensor-name");
    rejects(withTable({ ["x".repeat(257)]: entry(0, 0, [0]) }, 0), "bad-tensor-name");
    rejects(withTable({ ["x".repeat(10_000)]: entry(0, 0, [0]) }, 0), "bad-tensor-name");
    rejects(withTable({ "a\u0000b": entry(0, 0, [0]) }, 0), "bad-tensor-name");
    const ok = decodeModelFile(withTable({ ["x".repeat(256)]: entry(0, 0, [0]) }, 0));
    assert.ok(ok.tensors.has("x".repeat(256)));
    // names are data, not paths or markup: they come back verbatim
    const odd = decodeModelFile(
      withTable({ "../../x": entry(0, 0, [0]), "<img onerror=1>": entry(0, 0, [0]) }, 0),
    );
    assert.deepEqual([...odd.tensors.keys()], ["../../x", "<img onerror=1>"]);
  });

  test("maxTensorBytes and maxTensors", () => {
    rejects(VALID, "tensor-too-large", { maxTensorBytes: 8 });
    assert.ok(decodeModelFile(VALID, { maxTensorBytes: 12 }));
    rejects(VALID, "too-many-tensors", { maxTensors: 1 });
  });

  test("100,001 tiny tensors exceed the default limit; a million exceed the header bound first", () => {
    const many = (n: number): Uint8Array => {
      const parts: string[] = [];
      for (let i = 0; i < n; i++)
        parts.push(`"t${i}":{"byteLength":0,"byteOffset":0,"dtype":"float32","shape":[0]}`);
      return rawModelFile({ header: headerWithTable(`{${parts.join(",")}}`) });
    };
    rejects(many(100_001), "too-many-tensors");
    const million = many(1_000_000);
    rejects(million, "header-too-large");
    // with the header bound lifted, parsing stops at entry 100,001 of the table
    rejects(million, "too-many-tensors", { maxHeaderBytes: 2 ** 32 - 1 });
  });
});

describe("API misuse", () => {
  test("non-Uint8Array input is a ModelFormatError", () => {
    for (const x of [
      null,
      undefined,
      "MYELIN",
      new ArrayBuffer(64),
      [1, 2, 3],
      new Uint16Array(64),
    ]) {
      rejects(x as unknown as Uint8Array, "bad-value");
    }
  });

  test("out-of-range options are a ValueError", () => {
    assert.throws(() => decodeModelFile(VALID, { maxJsonDepth: 1e6 }), ValueError);
    assert.throws(() => decodeModelFile(VALID, { maxHeaderBytes: -1 }), ValueError);
    assert.throws(() => decodeModelFile(VALID, { maxTensors: NaN }), ValueError);
  });

  test("the encoder rejects values that are not plain JSON data", () => {
    const bad: unknown[] = [
      undefined,
      () => 1,
      Symbol("s"),
      1n,
      NaN,
      Infinity,
      -Infinity,
      new Date(0),
      new Map(),
      new Float32Array(1),
      [1, , 3],
      new (class A {})(),
    ];
    for (const v of bad) {
      encodeRejects(() => encodeModelFile({ header: { v }, tensors: [] }), "bad-value");
    }
    encodeRejects(
      () => encodeModelFile({ header: [] as unknown as object, tensors: [] }),
      "bad-value",
    );
    encodeRejects(
      () => encodeModelFile(null as unknown as { header: object; tensors: [] }),
      "bad-value",
    );
  });

  test("the encoder rejects bad names, repeats and non-float tensors", () => {
    const t = tensor([1]);
    encodeRejects(() => encodeModelFile({ header: {}, tensors: [["", t]] }), "bad-tensor-name");
    encodeRejects(() => encodeModelFile({ header: {}, tensors: [["a\0", t]] }), "bad-tensor-name");
    encodeRejects(
      () =>
        encodeModelFile({
          header: {},
          tensors: [
            ["a", t],
            ["a", t],
          ],
        }),
      "duplicate-tensor-name",
    );
    const fake = { data: new Int32Array(1), shape: [1] } as unknown as typeof t;
    encodeRejects(() => encodeModelFile({ header: {}, tensors: [["a", fake]] }), "bad-dtype");
  });
});
