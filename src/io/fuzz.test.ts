// Fuzzing the decoder with > 10,000 corruptions of a small valid model (seeded, reproducible):
// truncation at every offset, every single-bit flip, random byte overwrites and insertions,
// and header-JSON mutations. The only allowed failure is ModelFormatError; every file that
// does decode must hold consistent tensors that survive a re-encode bit for bit.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { Random } from "../tensor/random.js";
import { fromData, tensor } from "../tensor/create.js";
import {
  decodeModelFile,
  encodeModelFile,
  ModelFormatError,
  type DecodedModelFile,
} from "./index.js";
import { rawModelFile } from "../../test/support/raw-model-file.js";
import { PREFIX_BYTES } from "./layout.js";

const SEED = 20240611;

const MODEL = encodeModelFile({
  header: { arch: "mlp", layers: [{ units: 3, act: "relu" }, { units: 2 }], lr: 0.01, tag: "é" },
  tensors: [
    [
      "w",
      tensor([
        [0.5, -1],
        [2, 3.25],
        [-0, 1e-40],
      ]),
    ],
    ["b", tensor([7, -8], { dtype: "float64" })],
    ["s", tensor(4)],
    ["e", fromData(new Float32Array(0), [0, 2])],
  ],
});
const HEADER_LENGTH = new DataView(MODEL.buffer).getUint32(12, true);
const HEADER_TEXT = new TextDecoder().decode(
  MODEL.subarray(PREFIX_BYTES, PREFIX_BYTES + HEADER_LENGTH),
);
const DATA = MODEL.subarray(Math.ceil((PREFIX_BYTES + HEADER_LENGTH) / 8) * 8);
/** The same content in format version 1 (no checksums). */
const MODEL_V1 = rawModelFile({ header: HEADER_TEXT, data: DATA, version: 1 });

interface Tally {
  cases: number;
  rejected: number;
  accepted: number;
  reasons: Map<string, number>;
}

function newTally(): Tally {
  return { cases: 0, rejected: 0, accepted: 0, reasons: new Map() };
}

function bitsOf(d: DecodedModelFile["tensors"]): string[] {
  return [...d].map(
    ([name, t]) =>
      `${name}:${t.dtype}:${t.shape.join("x")}:${Buffer.from(t.data.buffer).toString("hex")}`,
  );
}

/** Decode `bytes`; any exception other than ModelFormatError fails the test. */
function probe(bytes: Uint8Array, tally: Tally, label: string): DecodedModelFile | null {
  tally.cases++;
  let decoded: DecodedModelFile;
  try {
    decoded = decodeModelFile(bytes);
  } catch (e) {
    if (!(e instanceof ModelFormatError)) {
      assert.fail(
        `${label}: ${String(e)} (not a ModelFormatError); bytes ${Buffer.from(bytes).toString("hex")}`,
      );
    }
    tally.rejected++;
    tally.reasons.set(e.reason, (tally.reasons.get(e.reason) ?? 0) + 1);
    return null;
  }
  tally.accepted++;
  for (const [name, t] of decoded.tensors) {
    let n = 1;
    for (const d of t.shape) {
      assert.ok(Number.isSafeInteger(d) && d >= 0, `${label}: ${name} dim ${d}`);
      n *= d;
    }
    assert.equal(t.data.length, n, `${label}: ${name} size`);
    assert.equal(t.dtype, t.data instanceof Float64Array ? "float64" : "float32");
    assert.equal(t.data.byteOffset, 0);
  }
  const again = decodeModelFile(encodeModelFile(decoded));
  assert.deepEqual(bitsOf(again.tensors), bitsOf(decoded.tensors), `${label}: re-encode`);
  return decoded;
}

const JSON_CHARS = '{}[]":,.-+eE0123456789 \\utfnlx_\u00e9\u0000\ud800';
const SPECIAL_NUMBERS = [
  "-1",
  "0.5",
  "1e400",
  "9007199254740993",
  "1e9",
  '"8"',
  "null",
  "-0",
  "4294967296",
  "[]",
  "{}",
];

/** One random edit of the header text: delete, insert, swap, duplicate, or replace a number. */
function mutateHeader(rng: Random): string {
  const s = HEADER_TEXT;
  const i = rng.int(s.length);
  switch (rng.int(5)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + JSON_CHARS[rng.int(JSON_CHARS.length)] + s.slice(i);
    case 2: {
      const j = rng.int(s.length);
      const a = s.split("");
      [a[i], a[j]] = [a[j], a[i]];
      return a.join("");
    }
    case 3: {
      const len = 1 + rng.int(20);
      return s.slice(0, i) + s.slice(i, i + len) + s.slice(i);
    }
    default: {
      const numbers = [...s.matchAll(/-?\d+(\.\d+)?(e-?\d+)?/g)];
      const m = numbers[rng.int(numbers.length)];
      const v = SPECIAL_NUMBERS[rng.int(SPECIAL_NUMBERS.length)];
      return s.slice(0, m.index) + v + s.slice(m.index! + m[0].length);
    }
  }
}

describe("decoder fuzzing", () => {
  test("the unmutated model decodes", () => {
    const d = decodeModelFile(MODEL);
    assert.deepEqual([...d.tensors.keys()], ["b", "e", "s", "w"]);
  });

  test("truncation at every offset is rejected", () => {
    const tally = newTally();
    for (let n = 0; n < MODEL.length; n++) {
      assert.equal(
        probe(MODEL.subarray(0, n), tally, `truncate ${n}`),
        null,
        `truncated at ${n} decoded`,
      );
    }
    assert.equal(tally.cases, MODEL.length);
  });

  test("version 2: every single-bit flip, anywhere in the file, is rejected", () => {
    const tally = newTally();
    for (let bit = 0; bit < MODEL.length * 8; bit++) {
      const f = MODEL.slice();
      f[bit >> 3] ^= 1 << (bit & 7);
      assert.equal(probe(f, tally, `flip ${bit}`), null, `flip ${bit} decoded`);
    }
    assert.equal(tally.rejected, MODEL.length * 8);
  });

  test("version 1 (no checksums): prefix/header/padding flips are rejected, data flips decode", () => {
    const tally = newTally();
    const dataStart = MODEL_V1.length - DATA.length;
    for (let bit = 0; bit < MODEL_V1.length * 8; bit++) {
      const f = MODEL_V1.slice();
      f[bit >> 3] ^= 1 << (bit & 7);
      const d = probe(f, tally, `flip ${bit}`);
      const byte = bit >> 3;
      // magic and version have exactly one valid value
      if (byte < 12) assert.equal(d, null, `flip ${bit} in magic/version decoded`);
      // a length flip may only survive by taking in padding spaces (JSON allows trailing spaces)
      if (byte >= 12 && byte < 16 && d !== null) {
        const declared = new DataView(f.buffer).getUint32(12, true);
        assert.ok(declared > HEADER_LENGTH && 16 + declared <= dataStart, `length flip ${bit}`);
      }
      // a flip inside tensor bytes changes one value and nothing else
      if (byte >= dataStart && d !== null) {
        const before = bitsOf(decodeModelFile(MODEL).tensors);
        const changed = bitsOf(d.tensors).filter((t, i) => t !== before[i]);
        assert.equal(changed.length, 1, `data flip ${bit}`);
      }
    }
    assert.ok(tally.accepted > 0 && tally.rejected > 0);
  });

  test("10,000+ random corruptions give only ModelFormatError", (t) => {
    const rng = new Random(SEED);
    const tally = newTally();
    for (let k = 0; k < 3000; k++) {
      const f = MODEL.slice();
      const edits = 1 + rng.int(4);
      for (let e = 0; e < edits; e++) f[rng.int(f.length)] = rng.int(256);
      probe(f, tally, `overwrite #${k}`);
    }
    for (let k = 0; k < 1000; k++) {
      const at = rng.int(MODEL.length + 1);
      const extra = Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
      probe(
        new Uint8Array([...MODEL.subarray(0, at), ...extra, ...MODEL.subarray(at)]),
        tally,
        `insert #${k}`,
      );
    }
    for (let k = 0; k < 5000; k++) {
      let text = mutateHeader(rng);
      if (rng.int(4) === 0) text = mutateHeader(rng);
      probe(rawModelFile({ header: text, data: DATA }), tally, `json #${k}: ${text}`);
    }
    for (let k = 0; k < 1500; k++) {
      // random prefix fields over a valid body
      const f = MODEL.slice();
      const view = new DataView(f.buffer);
      if (rng.int(2) === 0)
        view.setUint32(8, rng.int(2) === 0 ? rng.nextUint32() : rng.int(4), true);
      view.setUint32(
        12,
        rng.int(2) === 0 ? rng.nextUint32() : HEADER_LENGTH + rng.int(17) - 8,
        true,
      );
      probe(f, tally, `prefix #${k}`);
    }
    const reasons = [...tally.reasons].map(([r, n]) => `${r} ${n}`).join(", ");
    t.diagnostic(
      `${tally.cases} cases: ${tally.accepted} decoded, ${tally.rejected} rejected (${reasons})`,
    );
    assert.ok(tally.cases >= 10_000, `${tally.cases} cases`);
    assert.ok(tally.rejected > 0);
    // the JSON mutations must reach the deep checks, not only the JSON syntax ones
    for (const reason of [
      "bad-json",
      "bad-shape",
      "bad-byte-length",
      "bad-header",
      "out-of-bounds",
    ]) {
      assert.ok((tally.reasons.get(reason) ?? 0) > 0, `no case reached ${reason}`);
    }
  });
});
