// IDX fuzzing, seeded (see test/support/fuzz.ts; ~14,000 cases by default): small
// valid image/label pairs and arrays of every element type are mutated (header bit flips, type
// codes, ndim, dims set to 0 / ±1 / 2^31 / 2^32−1 / little-endian, payload bit flips, extra bytes,
// swapped files) and truncated at every offset. parseIdx and idxImagesLabels may only throw
// DataFormatError naming the file (or EmptyDatasetError when the images really are 0), and every
// success is checked against the bytes by an independent reader (Node's Buffer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { idxImagesLabels, parseIdx, type IdxType } from "./idx.js";
import type { Dataset } from "./dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import type { Random } from "../tensor/random.js";
import { FUZZ_SCALE, SlowestCase, fuzzRandom, pick, replay } from "../../test/support/fuzz.js";

/** Type code → name, size and Buffer reader, written from the IDX description (not from idx.ts). */
const TYPES: Record<number, [IdxType, number, (b: Buffer, at: number) => number]> = {
  0x08: ["uint8", 1, (b, at) => b.readUInt8(at)],
  0x09: ["int8", 1, (b, at) => b.readInt8(at)],
  0x0b: ["int16", 2, (b, at) => b.readInt16BE(at)],
  0x0c: ["int32", 4, (b, at) => b.readInt32BE(at)],
  0x0d: ["float32", 4, (b, at) => b.readFloatBE(at)],
  0x0e: ["float64", 8, (b, at) => b.readDoubleBE(at)],
};

/** An IDX file: magic 00 00 type ndim, big-endian uint32 dims, then the payload bytes. */
function idxBytes(type: number, dims: number[], payload: Uint8Array): Uint8Array {
  const out = Buffer.alloc(4 + 4 * dims.length + payload.length);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, k) => out.writeUInt32BE(d, 4 + 4 * k));
  out.set(payload, 4 + 4 * dims.length);
  return new Uint8Array(out);
}

function randomBytes(rng: Random, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.int(256));
}

/** A valid images/labels pair: N 1–4 images of 1–4 × 1–4 pixels, labels 0..9. */
function validPair(rng: Random): [Uint8Array, Uint8Array] {
  const [n, rows, cols] = [1 + rng.int(4), 1 + rng.int(4), 1 + rng.int(4)];
  const images = idxBytes(0x08, [n, rows, cols], randomBytes(rng, n * rows * cols));
  const labels = idxBytes(
    0x08,
    [n],
    Uint8Array.from({ length: n }, () => rng.int(10)),
  );
  return [images, labels];
}

/** A valid array of any element type with 1–3 dims. */
function validArray(rng: Random): Uint8Array {
  const code = pick(rng, [0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e]);
  const dims = Array.from({ length: 1 + rng.int(3) }, () => 1 + rng.int(3));
  const count = dims.reduce((a, b) => a * b, 1);
  return idxBytes(code, dims, randomBytes(rng, count * TYPES[code][1]));
}

/** One random mutation (a copy; the input is left alone). */
function mutate(rng: Random, input: Uint8Array): Uint8Array {
  const bytes = Buffer.from(input);
  const ndim = Math.min(bytes[3] ?? 0, Math.max(0, Math.floor((bytes.length - 4) / 4)));
  const header = Math.min(bytes.length, 4 + 4 * ndim);
  switch (rng.int(8)) {
    case 0: // flip a header bit
      if (header > 0) bytes[rng.int(header)] ^= 1 << rng.int(8);
      return new Uint8Array(bytes);
    case 1: // change a dim
      if (ndim > 0) {
        const at = 4 + 4 * rng.int(ndim);
        const old = bytes.readUInt32BE(at);
        const dim = pick(rng, [0, 1, old + 1, Math.max(0, old - 1), 2 ** 31, 2 ** 32 - 1, 65536]);
        if (rng.int(4) === 0) bytes.writeUInt32LE(dim, at);
        else bytes.writeUInt32BE(dim, at);
      }
      return new Uint8Array(bytes);
    case 2: // type code
      if (bytes.length > 2)
        bytes[2] = pick(rng, [0x00, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0xff]);
      return new Uint8Array(bytes);
    case 3: // ndim
      if (bytes.length > 3) bytes[3] = pick(rng, [0, 1, 2, 3, 4, 5, 255]);
      return new Uint8Array(bytes);
    case 4: // flip a payload bit (labels may leave 0..9)
      if (bytes.length > header) bytes[header + rng.int(bytes.length - header)] ^= 1 << rng.int(8);
      return new Uint8Array(bytes);
    case 5: // extra bytes
      return new Uint8Array(Buffer.concat([bytes, Buffer.from(randomBytes(rng, 1 + rng.int(8)))]));
    case 6: // truncate
      return new Uint8Array(bytes.subarray(0, rng.int(bytes.length)));
    default: // magic bytes 0–1 (e.g. 01 00 08 03)
      if (bytes.length > 1) bytes[rng.int(2)] = pick(rng, [0x01, 0x08, 0xff]);
      return new Uint8Array(bytes);
  }
}

/** A DataFormatError naming `file` (any other throw fails the case). */
function checkError(e: unknown, files: string[], why: string): void {
  if (e instanceof assert.AssertionError) throw e;
  if (!(e instanceof DataFormatError)) {
    assert.fail(`${why}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  assert.ok(e.file !== undefined && files.includes(e.file), `${why}: file ${e.file}`);
  assert.ok(e.message.startsWith(`${e.file}: IDX`), `${why}: ${e.message}`);
}

/** parseIdx's result against an independent reading of the header and elements. */
function checkArray(bytes: Uint8Array, why: string): void {
  let parsed;
  try {
    parsed = parseIdx(bytes, { file: "a.idx" });
  } catch (e) {
    checkError(e, ["a.idx"], why);
    return;
  }
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const [name, size, read] = TYPES[b[2]];
  const ndim = b[3];
  const shape = Array.from({ length: ndim }, (_, k) => b.readUInt32BE(4 + 4 * k));
  const count = shape.reduce((x, y) => x * y, 1);
  assert.equal(b[0] | b[1], 0, why);
  assert.equal(parsed.type, name, why);
  assert.deepEqual(parsed.shape, shape, why);
  assert.equal(b.length, 4 + 4 * ndim + count * size, why);
  assert.equal(parsed.data.length, count, why);
  for (let i = 0; i < count; i++) {
    assert.ok(Object.is(parsed.data[i], read(b, 4 + 4 * ndim + i * size)), `${why}: element ${i}`);
  }
}

/** idxImagesLabels' result against the raw bytes of a (possibly mutated) pair. */
function checkPair(images: Uint8Array, labels: Uint8Array, why: string): "ok" | "error" {
  let ds: Dataset;
  try {
    ds = idxImagesLabels(images, labels, { imagesFile: "img.idx", labelsFile: "lab.idx" });
  } catch (e) {
    if (e instanceof EmptyDatasetError) {
      // only a well-formed pair that declares 0 images may be "empty"
      assert.equal(Buffer.from(images).readUInt32BE(4), 0, `${why}: ${e.message}`);
      return "error";
    }
    checkError(e, ["img.idx", "lab.idx"], why);
    return "error";
  }
  const img = Buffer.from(images);
  assert.deepEqual([img[0], img[1], img[2], img[3]], [0, 0, 0x08, 3], why);
  const [n, rows, cols] = [0, 1, 2].map((k) => img.readUInt32BE(4 + 4 * k));
  const d = rows * cols;
  assert.equal(images.length, 16 + n * d, why);
  assert.deepEqual(ds.x.shape, [n, d], why);
  assert.deepEqual(ds.y.shape, [n], why);
  for (let i = 0; i < n * d; i++) {
    assert.equal(ds.x.data[i], Math.fround(img[16 + i] / 255), `${why}: pixel ${i}`);
  }
  const lab = Buffer.from(labels);
  const [, size, read] = TYPES[lab[2]];
  assert.equal(lab[3], 1, why);
  assert.equal(lab.readUInt32BE(4), n, why);
  assert.equal(labels.length, 8 + n * size, why);
  for (let i = 0; i < n; i++) {
    const c = read(lab, 8 + i * size);
    assert.ok(Number.isInteger(c) && c >= 0 && c <= 9, `${why}: label ${c} accepted`);
    assert.equal(ds.y.data[i], c, why);
  }
  return "ok";
}

let totalCases = 0;

test("mutated image/label pairs: only DataFormatError, successes match the bytes", () => {
  const rng = fuzzRandom(11);
  const n = 7000 * FUZZ_SCALE;
  const counts = { ok: 0, error: 0 };
  const slowest = new SlowestCase();
  for (let c = 0; c < n; c++) {
    let [images, labels] = validPair(rng);
    const which = rng.int(5);
    if (which === 4)
      [images, labels] = [labels, images]; // a labels file used as images
    else {
      for (let k = rng.int(4) === 0 ? 2 : 1; k > 0; k--) {
        if (which < 2) images = mutate(rng, images);
        else if (which < 4) labels = mutate(rng, labels);
      }
    }
    const why = replay("idx pair", c, {
      images: Buffer.from(images).toString("hex"),
      labels: Buffer.from(labels).toString("hex"),
    });
    const t0 = performance.now();
    counts[checkPair(images, labels, why)]++;
    slowest.record(performance.now() - t0, why);
  }
  console.log(
    `[idx-fuzz] pairs: ${n} cases, ${counts.ok} loaded, ${counts.error} typed errors; slowest ${slowest.ms.toFixed(2)} ms`,
  );
  assert.ok(counts.ok > n / 20 && counts.error > n / 20, "both outcomes are exercised");
  totalCases += n;
});

test("mutated arrays of every element type: only DataFormatError, successes match the bytes", () => {
  const rng = fuzzRandom(12);
  const n = 5000 * FUZZ_SCALE;
  for (let c = 0; c < n; c++) {
    let bytes = validArray(rng);
    for (let k = rng.int(3) === 0 ? 2 : 1; k > 0; k--) bytes = mutate(rng, bytes);
    checkArray(bytes, replay("idx array", c, bytes));
  }
  totalCases += n;
});

test("truncation at every offset and 1–8 extra bytes are rejected", () => {
  const rng = fuzzRandom(13);
  let cases = 0;
  for (let f = 0; f < 40 * FUZZ_SCALE; f++) {
    const [images, labels] = validPair(rng);
    const array = validArray(rng);
    for (const [name, bytes] of [
      ["images", images],
      ["labels", labels],
      ["array", array],
    ] as const) {
      for (let end = 0; end < bytes.length; end++, cases++) {
        const cut = bytes.subarray(0, end);
        const why = replay(`idx truncated ${name}`, cases, cut);
        assert.throws(
          () => parseIdx(cut, { file: "a.idx" }),
          (e) => (checkError(e, ["a.idx"], why), true),
          why,
        );
        if (name !== "array") {
          const pair: [Uint8Array, Uint8Array] = name === "images" ? [cut, labels] : [images, cut];
          assert.equal(checkPair(...pair, why), "error", why);
        }
      }
      for (let extra = 1; extra <= 8; extra++, cases++) {
        const long = new Uint8Array(Buffer.concat([bytes, Buffer.from(randomBytes(rng, extra))]));
        const why = replay(`idx long ${name}`, cases, long);
        assert.throws(
          () => parseIdx(long, { file: "a.idx" }),
          (e) => (checkError(e, ["a.idx"], why), true),
          why,
        );
      }
      checkArray(bytes, replay(`idx valid ${name}`, cases++, bytes)); // the unmutated file loads
    }
  }
  console.log(`[idx-fuzz] truncations and extra bytes: ${cases} cases`);
  totalCases += cases;
});

test("the IDX suites ran at least 10,000 cases", () => {
  console.log(`[idx-fuzz] ${totalCases} cases in total`);
  assert.ok(totalCases >= 10_000, `${totalCases} cases`);
});
