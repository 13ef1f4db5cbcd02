// IDX: each corrupt-file case (magic, type, rank, sizes, length; header checked before
// allocation), the big-endian decoding of every element type, and idxImagesLabels' checks and
// scaling.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DataFormatError, EmptyDatasetError } from "./errors.js";
import { IdxImagesDecoder, idxImagesLabels, parseIdx } from "./idx.js";

/** Build IDX bytes: magic 00 00 type ndim, big-endian uint32 dims, then `payload`. */
function idx(
  type: number,
  dims: number[],
  payload: number[] | Uint8Array,
  ndim = dims.length,
): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(head.buffer);
  head[2] = type;
  head[3] = ndim;
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

const images = (n: number, pixels: number[] = new Array<number>(n * 4).fill(0)) =>
  idx(0x08, [n, 2, 2], pixels);
const labels = (values: number[]) => idx(0x08, [values.length], values);

function rejects(bytes: Uint8Array, reason: RegExp, options = {}): void {
  assert.throws(
    () => parseIdx(bytes, { file: "f.idx", ...options }),
    (e: unknown) => e instanceof DataFormatError && e.file === "f.idx" && reason.test(e.reason),
  );
}

describe("parseIdx: corrupt headers", () => {
  test("bad magic bytes 0–1 (01 00 08 03, 00 01 08 01)", () => {
    rejects(
      Uint8Array.of(1, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      /bad magic number: bytes 0–1 are 01 00/,
    );
    rejects(Uint8Array.of(0, 1, 8, 1, 0, 0, 0, 0), /bad magic number/);
  });

  test("unknown type 0x0A; magic 00 00 08 05 (ndim 5)", () => {
    rejects(idx(0x0a, [1], [0]), /unknown element type code 0A/);
    rejects(Uint8Array.of(0, 0, 8, 5, 0, 0, 0, 1), /ndim is 5; expected 1 to 4/);
  });

  test("ndim 0 and 255", () => {
    rejects(Uint8Array.of(0, 0, 8, 0), /ndim is 0/);
    rejects(Uint8Array.of(0, 0, 8, 255, 0, 0, 0, 1), /ndim is 255/);
  });

  test("fewer than 4 bytes; dims cut off", () => {
    rejects(Uint8Array.of(0, 0, 8), /shorter than the 4-byte magic/);
    rejects(Uint8Array.of(0, 0, 8, 2, 0, 0, 0, 1, 0, 0), /too short for the 2 dimension sizes/);
  });

  test("dims 0xFFFFFFFF are rejected before allocating, with < 1 MiB of new buffers", () => {
    const bomb = idx(0x0e, [0xffffffff, 0xffffffff, 0xffffffff], []);
    const before = process.memoryUsage().arrayBuffers;
    rejects(bomb, /exceed 2147483647 elements/);
    rejects(idx(0x08, [0xffffffff], []), /exceed/);
    rejects(idx(0x08, [1000, 1000], []), /exceed 1000 elements/, { maxElements: 1000 });
    assert.ok(process.memoryUsage().arrayBuffers - before < 1 << 20);
  });

  test("a declared 5e8-element array with no data: rejected for length, before allocation", () => {
    const before = process.memoryUsage().arrayBuffers;
    rejects(idx(0x0d, [500_000_000], []), /data is 2000000000 bytes short/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 1 << 20);
  });

  test("data 1 byte short and 1 byte extra", () => {
    rejects(idx(0x08, [2, 3], [1, 2, 3, 4, 5]), /data is 1 bytes short/);
    rejects(idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6, 7]), /1 extra bytes after the data/);
    rejects(idx(0x0c, [2], [0, 0, 0, 1, 0, 0, 0]), /1 bytes short/);
  });

  test("little-endian dims make the declared size disagree with the data", () => {
    const le = idx(0x08, [3], [7, 8, 9]);
    new DataView(le.buffer).setUint32(4, 3, true);
    rejects(le, /bytes short/);
  });
});

describe("parseIdx: element types (big-endian)", () => {
  test("uint8 is a view with the right shape; empty dims allowed", () => {
    const a = parseIdx(idx(0x08, [2, 3], [0, 1, 2, 253, 254, 255]));
    assert.equal(a.type, "uint8");
    assert.deepEqual(a.shape, [2, 3]);
    assert.deepEqual(Array.from(a.data), [0, 1, 2, 253, 254, 255]);
    assert.deepEqual(parseIdx(idx(0x08, [0, 5], [])).shape, [0, 5]);
  });

  test("int8, int16, int32, float32, float64 decode big-endian values", () => {
    assert.deepEqual(Array.from(parseIdx(idx(0x09, [2], [0xff, 0x7f])).data), [-1, 127]);
    assert.deepEqual(
      Array.from(parseIdx(idx(0x0b, [2], [0x01, 0x02, 0xff, 0xfe])).data),
      [258, -2],
    );
    assert.deepEqual(Array.from(parseIdx(idx(0x0c, [1], [0x80, 0, 0, 1])).data), [-2147483647]);
    assert.deepEqual(Array.from(parseIdx(idx(0x0d, [1], [0x3f, 0xc0, 0, 0])).data), [1.5]);
    assert.deepEqual(
      Array.from(parseIdx(idx(0x0e, [1], [0xc0, 0x04, 0, 0, 0, 0, 0, 0])).data),
      [-2.5],
    );
  });
});

describe("idxImagesLabels", () => {
  test("x [N, rows·cols] scaled by 1/255, y [N]", () => {
    const ds = idxImagesLabels(images(2, [0, 51, 255, 102, 1, 2, 3, 4]), labels([3, 9]));
    assert.deepEqual(ds.x.shape, [2, 4]);
    assert.deepEqual(Array.from(ds.x.data.slice(0, 4)), [0, 0.2, 1, 0.4].map(Math.fround));
    assert.deepEqual(Array.from(ds.y.data), [3, 9]);
    assert.equal(ds.task, "multiclass");
    assert.equal(ds.labelNames!.length, 10);
    const raw = idxImagesLabels(images(1, [0, 51, 255, 7]), labels([0]), { normalize: false });
    assert.deepEqual(Array.from(raw.x.data), [0, 51, 255, 7]);
  });

  const dsFails = (img: Uint8Array, lab: Uint8Array, reason: RegExp, options = {}) =>
    assert.throws(
      () => idxImagesLabels(img, lab, { imagesFile: "img", labelsFile: "lab", ...options }),
      (e: unknown) => e instanceof DataFormatError && reason.test(e.message),
    );

  test("count mismatch (6 images vs 5 labels)", () => {
    dsFails(images(6), labels([0, 1, 2, 3, 4]), /lab: IDX: 6 images but 5 labels/);
  });

  test("label 10 and 255 are out of range; numClasses changes the range", () => {
    dsFails(images(3), labels([1, 10, 2]), /label 10 of sample 1 is outside 0\.\.9/);
    dsFails(images(2), labels([255, 0]), /label 255 of sample 0/);
    dsFails(images(2), labels([0, 3]), /label 3 of sample 1 is outside 0\.\.2/, { numClasses: 3 });
  });

  test("a labels file given as images and vice versa; wrong ranks and types", () => {
    dsFails(labels([1, 2]), labels([1, 2]), /img: IDX images: expected uint8 with 3 dims/);
    dsFails(images(2), images(2), /lab: IDX labels: expected integers with 1 dim/);
    dsFails(images(1), idx(0x0d, [1], [0, 0, 0, 0]), /IDX labels: expected integers/);
  });

  test("N = 0 → EmptyDatasetError", () => {
    assert.throws(() => idxImagesLabels(images(0), labels([])), EmptyDatasetError);
  });
});

describe("IdxImagesDecoder (chunked)", () => {
  /** Push `bytes` in pieces of `size` bytes, then finish. */
  const decode = (bytes: Uint8Array, size: number, options = {}) => {
    const dec = new IdxImagesDecoder({ file: "img", ...options });
    for (let at = 0; at < bytes.length; at += size) dec.push(bytes.subarray(at, at + size));
    return dec.finish();
  };
  const fails = (bytes: Uint8Array, size: number, reason: RegExp, options = {}) =>
    assert.throws(
      () => decode(bytes, size, options),
      (e: unknown) => e instanceof DataFormatError && e.file === "img" && reason.test(e.message),
    );

  test("every chunk size gives x = byte/255 (or the byte), shape [N, rows, cols]", () => {
    const pixels = [0, 51, 255, 102, 1, 2, 3, 4];
    for (const size of [1, 2, 3, 7, 16, 17, 19, 20, 21, 1000]) {
      const out = decode(images(2, pixels), size);
      assert.deepEqual(out.shape, [2, 2, 2]);
      assert.deepEqual(
        Array.from(out.data),
        [0, 0.2, 1, 0.4, 1 / 255, 2 / 255, 3 / 255, 4 / 255].map(Math.fround),
      );
      const raw = decode(images(2, pixels), size, { normalize: false });
      assert.deepEqual(Array.from(raw.data), pixels);
    }
  });

  test("short and long data, and a header cut short, give parseIdx's messages at any chunk size", () => {
    for (const size of [1, 5, 20, 64]) {
      fails(
        images(2).subarray(0, 22),
        size,
        /^img: IDX: data is 2 bytes short: shape \[2, 2, 2\] of uint8 needs 24 bytes, file has 22$/,
      );
      const long = new Uint8Array(27);
      long.set(images(2));
      fails(long, size, /^img: IDX: 3 extra bytes after the data: .* file has 27$/);
      fails(
        images(2).subarray(0, 10),
        size,
        /IDX: file is 10 bytes, too short for the 3 dimension sizes/,
      );
      fails(images(2).subarray(0, 3), size, /shorter than the 4-byte magic number/);
    }
    fails(new Uint8Array(0), 1, /file is 0 bytes/);
  });

  test("a labels file or a non-uint8 file is rejected from the header", () => {
    fails(labels([1, 2]), 4, /IDX images: expected uint8 with 3 dims/);
    fails(
      idx(0x0d, [1, 1, 1], [0, 0, 0, 0]),
      4,
      /IDX images: expected uint8 with 3 dims \[N, rows, cols\], got float32 \[1, 1, 1\]/,
    );
    fails(images(2), 64, /exceed 7 elements/, { maxElements: 7 });
  });

  test("a header promising more than maxSourceBytes is reported short, not allocated", () => {
    // 2^30 pixels (a 4 GiB Float32Array) declared by a 21-byte file
    const bytes = idx(0x08, [1024, 1024, 1024], [9, 9, 9, 9, 9]);
    fails(bytes, 8, /IDX: data is 1073741819 bytes short/, { maxSourceBytes: bytes.length });
  });
});
