// readIdxFile / readIdxDataset / loadFashionMnist on small files written to a temp dir: plain and
// gzip, corrupt gzip, a decompression-size cap, and the missing-directory message.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DataFormatError } from "../../data/errors.js";
import { IoError } from "../../io/errors.js";
import { DEV_ZERO, makeSpecialFiles, rejection } from "../../../test/support/special-files.js";
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

describe("inflating stops at the size the IDX header declares (gzip bombs)", () => {
  /** gzip members concatenate: `header` then `mib` MiB of zeros, as a file of ~1 KB per MiB. */
  const zerosAfter = (header: Buffer, mib: number): Buffer => {
    const member = gzipSync(Buffer.alloc(1 << 20));
    return Buffer.concat([gzipSync(header), ...new Array<Buffer>(mib).fill(member)]);
  };
  // declares [1000] uint8 (1,008 bytes) but inflates to 64 MiB
  const bomb = () => zerosAfter(idx([1000], []), 64);
  const imagesBomb = () => zerosAfter(idx([10, 2, 2], []), 64);

  test("readIdxFile / readIdxImagesFile refuse past the declared size, not at maxBytes", async () => {
    const one = join(dir, "bomb-1d.gz");
    writeFileSync(one, bomb());
    const e = await rejection(5000, readIdxFile(one));
    assert.ok(e instanceof DataFormatError, String(e));
    assert.match(e.message, /gzip: inflates past the 1008 bytes its IDX header declares/);
    const images = join(dir, "bomb-3d.gz");
    writeFileSync(images, imagesBomb());
    const e2 = await rejection(5000, readIdxImagesFile(images));
    assert.ok(e2 instanceof DataFormatError, String(e2));
    assert.match(e2.message, /gzip: inflates past the 56 bytes its IDX header declares/);
  });

  test("the inflater stops within one chunk: a gzip corrupt 1 MiB past the declared size never reaches the corruption", async () => {
    const whole = bomb();
    const cut = join(dir, "bomb-cut.gz");
    writeFileSync(cut, whole.subarray(0, whole.length >> 1)); // truncated: inflating it all fails
    const e = await rejection(5000, readIdxFile(cut));
    assert.ok(e instanceof DataFormatError, String(e));
    assert.match(e.message, /inflates past the 1008 bytes/);
  });

  test("a labels file's count is compared with the images' before its data is inflated", async () => {
    writeFileSync(join(dir, "pair-images"), idx([3, 1, 2], [0, 1, 2, 3, 4, 5]));
    const labels = zerosAfter(idx([50 << 20], []), 50);
    const path = join(dir, "pair-labels.gz");
    writeFileSync(path, labels.subarray(0, labels.length >> 1)); // corrupt: inflating it all fails
    const e = await rejection(5000, readIdxDataset(join(dir, "pair-images"), path));
    assert.ok(e instanceof DataFormatError, String(e));
    assert.match(e.message, /IDX: 3 images but 52428800 labels/);
  });

  test("a plain file whose size disagrees with its header is refused before its body is read", async () => {
    const path = join(dir, "sparse-lying.idx");
    writeFileSync(path, idx([4], [1, 2, 3, 4]));
    truncateSync(path, 1 << 30);
    const rss = process.memoryUsage().rss;
    const e = await rejection(5000, readIdxFile(path));
    assert.ok(e instanceof DataFormatError, String(e));
    assert.match(e.message, /extra bytes after the data/);
    assert.ok(process.memoryUsage().rss - rss < 100 << 20);
  });
});

describe("special paths → IoError at once", () => {
  test("readIdxFile, readIdxImagesFile: a directory, a FIFO, /dev/zero", async () => {
    const special = makeSpecialFiles("myelin-idx-special-");
    try {
      for (const read of [readIdxFile, readIdxImagesFile]) {
        for (const path of [special.directory, special.fifo, DEV_ZERO]) {
          const started = performance.now();
          const e = await rejection(3000, read(path));
          assert.ok(e instanceof IoError, String(e));
          assert.match(e.message, /not a regular file/);
          assert.ok(performance.now() - started < 1000);
        }
      }
    } finally {
      special.cleanup();
    }
  });
});
