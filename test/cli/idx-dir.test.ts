// --data idx:DIR with a small hand-made IDX directory (gzip and plain files): its own test set is
// used, class count comes from the labels, and evaluate reads the same directory's test files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { cli, tempDir } from "./helpers.js";

/** An IDX file of unsigned bytes: magic 0x0000 08 <rank>, big-endian dims, payload. */
function idx(dims: number[], payload: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, k) => head.writeUInt32BE(d, 4 + 4 * k));
  return Buffer.concat([head, Buffer.from(payload)]);
}

/** n 2×2 images: class c lights pixel c (of 3) at 255, others stay 0. */
function images(n: number): { pixels: number[]; labels: number[] } {
  const pixels: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    pixels.push(...[0, 1, 2, 3].map((p) => (p === c ? 255 : 0)));
    labels.push(c);
  }
  return { pixels, labels };
}

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  const dir = join(work.dir, "digits");
  mkdirSync(dir);
  const tr = images(60);
  const te = images(9);
  writeFileSync(join(dir, "train-images-idx3-ubyte.gz"), gzipSync(idx([60, 2, 2], tr.pixels)));
  writeFileSync(join(dir, "train-labels-idx1-ubyte.gz"), gzipSync(idx([60], tr.labels)));
  writeFileSync(join(dir, "t10k-images-idx3-ubyte"), idx([9, 2, 2], te.pixels));
  writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), idx([9], te.labels));
});
after(() => work.done());

test("train and evaluate on idx:DIR", () => {
  const t = cli(
    [
      "train",
      "--data",
      "idx:digits",
      "--layers",
      "8",
      "--epochs",
      "60",
      "--batch-size",
      "8",
      "--lr",
      "0.05",
      "--out",
      "d.myelin",
      "--json",
    ],
    work.dir,
  );
  assert.equal(t.code, 0, t.stderr);
  const r = JSON.parse(t.stdout);
  assert.equal(r.task, "multiclass");
  assert.equal(r.test.confusion.length, 3);
  assert.equal(
    r.test.confusion.flat().reduce((s: number, v: number) => s + v, 0),
    9,
  );
  assert.equal(r.test.accuracy, 1);
  const e = cli(["evaluate", "d.myelin", "--data", "idx:digits", "--json"], work.dir);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(JSON.parse(e.stdout).rows, 9);
  const info = JSON.parse(cli(["inspect", "d.myelin", "--json"], work.dir).stdout);
  assert.deepEqual(info.labelNames, ["0", "1", "2"]);
  assert.deepEqual(info.input, ["N", 4]);
});
