// readIdxFile / readIdxDataset / loadFashionMnist on small files written to a temp dir: plain and
// gzip, corrupt gzip, a decompression-size cap, and the missing-directory message.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DataFormatError } from "../../data/errors.js";
import {
  FASHION_MNIST_LABELS,
  loadFashionMnist,
  readIdxDataset,
  readIdxFile,
  readIdxImagesFile,
} from "./read-idx.js";

function idx(dims: number[], payload: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, k) => head.writeUInt32BE(d, 4 + 4 * k));
  return Buffer.concat([head, Buffer.from(payload)]);
}

let dir = "";
before(() => (dir = mkdtempSync(join(tmpdir(), "myelin-idx-"))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("readIdxFile", () => {
  test("plain and gzip files parse the same (gzip found by its magic bytes, not the name)", async () => {
    const bytes = idx([2, 2], [1, 2, 3, 4]);
    writeFileSync(join(dir, "a.idx"), bytes);
    writeFileSync(join(dir, "a.idx.gz"), gzipSync(bytes));
    writeFileSync(join(dir, "b.idx"), gzipSync(bytes));
    for (const name of ["a.idx", "a.idx.gz", "b.idx"]) {
      const a = await readIdxFile(join(dir, name));
      assert.deepEqual(a.shape, [2, 2]);
      assert.deepEqual(Array.from(a.data), [1, 2, 3, 4]);
    }
  });

  test("corrupt gzip, a size cap, and IDX errors name the file", async () => {
    const gz = gzipSync(idx([1000], new Array<number>(1000).fill(7)));
    const truncated = join(dir, "t.gz");
    writeFileSync(truncated, gz.subarray(0, gz.length - 10));
    await assert.rejects(
      readIdxFile(truncated),
      (e: unknown) => e instanceof DataFormatError && e.file === truncated,
    );
    const big = join(dir, "big.gz");
    writeFileSync(big, gz);
    await assert.rejects(
      readIdxFile(big, { maxBytes: 100 }),
      (e: unknown) => e instanceof DataFormatError && /gzip/.test(e.message),
    );
    const short = join(dir, "short.idx");
    writeFileSync(short, idx([3], [1, 2]));
    await assert.rejects(
      readIdxFile(short),
      new RegExp(`^DataFormatError: ${short}: IDX: data is 1 bytes short`),
    );
  });
});

describe("readIdxDataset / loadFashionMnist", () => {
  test("a tiny Fashion-MNIST layout loads with class names", async () => {
    const fm = join(dir, "fm");
    mkdirSync(fm);
    writeFileSync(
      join(fm, "train-images-idx3-ubyte.gz"),
      gzipSync(idx([3, 1, 2], [0, 255, 51, 0, 0, 0])),
    );
    writeFileSync(join(fm, "train-labels-idx1-ubyte.gz"), gzipSync(idx([3], [9, 0, 4])));
    writeFileSync(join(fm, "t10k-images-idx3-ubyte"), idx([1, 1, 2], [255, 255]));
    writeFileSync(join(fm, "t10k-labels-idx1-ubyte"), idx([1], [1]));
    const { train, test: testSet } = await loadFashionMnist(fm);
    assert.deepEqual(train.x.shape, [3, 2]);
    assert.deepEqual(Array.from(train.x.data.slice(0, 3)), [0, 1, Math.fround(0.2)]);
    assert.deepEqual(Array.from(train.y.data), [9, 0, 4]);
    assert.deepEqual(train.labelNames, FASHION_MNIST_LABELS);
    assert.deepEqual(Array.from(testSet.y.data), [1]);
  });

  test("label/image count mismatch names the labels file; a missing dir says how to install", async () => {
    writeFileSync(join(dir, "i"), idx([2, 1, 1], [0, 0]));
    writeFileSync(join(dir, "l"), idx([1], [0]));
    await assert.rejects(
      readIdxDataset(join(dir, "i"), join(dir, "l")),
      new RegExp(`${join(dir, "l")}: IDX: 2 images but 1 labels`),
    );
    await assert.rejects(
      loadFashionMnist(join(dir, "nope")),
      /apt-get install dataset-fashion-mnist/,
    );
  });
});

describe("readIdxImagesFile (streamed in chunks)", () => {
  const pixels = Array.from({ length: 3 * 300 * 500 }, (_, i) => (i * 7) % 256); // > one 64 KiB chunk
  test("plain and gzip files of several chunks give byte/255 at every position", async () => {
    const bytes = idx([3, 300, 500], pixels);
    writeFileSync(join(dir, "s.idx"), bytes);
    writeFileSync(join(dir, "s.idx.gz"), gzipSync(bytes));
    for (const name of ["s.idx", "s.idx.gz"]) {
      const out = await readIdxImagesFile(join(dir, name));
      assert.deepEqual(out.shape, [3, 300, 500]);
      assert.equal(out.data.length, pixels.length);
      pixels.forEach((p, i) => assert.equal(out.data[i], Math.fround(p / 255), `${name} ${i}`));
    }
  });

  test("short, long and lying files give the IDX length errors naming the file", async () => {
    const short = join(dir, "s-short.gz");
    writeFileSync(short, gzipSync(idx([3, 300, 500], pixels.slice(1))));
    await assert.rejects(
      readIdxImagesFile(short),
      new RegExp(`^DataFormatError: ${short}: IDX: data is 1 bytes short`),
    );
    const long = join(dir, "s-long.idx");
    writeFileSync(long, idx([3, 300, 500], [...pixels, 1, 2]));
    await assert.rejects(
      readIdxImagesFile(long),
      new RegExp(`^DataFormatError: ${long}: IDX: 2 extra bytes after the data`),
    );
    const lying = join(dir, "s-lying.gz"); // declares 2^30 pixels, holds 5
    writeFileSync(lying, gzipSync(idx([1024, 1024, 1024], [1, 2, 3, 4, 5])));
    await assert.rejects(readIdxImagesFile(lying), /IDX: data is 1073741819 bytes short/);
    await assert.rejects(
      readIdxImagesFile(join(dir, "s.idx.gz"), { maxBytes: 100_000 }),
      (e: unknown) => e instanceof DataFormatError && /gzip: .*maxBytes/.test(e.message),
    );
  });
});
