// readRegularFile / openRegularFile: regular files only, bounded, checked before reading, and
// every failure an IoError (path, step, code) — special files are refused in milliseconds.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, renameSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IoError } from "../../io/errors.js";
import { ValueError } from "../../errors.js";
import { openRegularFile, readRegularFile } from "./read-file.js";
import {
  DEV_ZERO,
  makeSpecialFiles,
  rejection,
  type SpecialFiles,
} from "../../../test/support/special-files.js";

let special: SpecialFiles;
before(() => {
  special = makeSpecialFiles("myelin-read-file-");
});
after(() => special.cleanup());

const read = (path: string, maxBytes = 1 << 20) =>
  readRegularFile(path, { purpose: "test file", maxBytes });

function assertIoError(e: unknown, step: string, pattern: RegExp, code?: string): void {
  assert.ok(e instanceof IoError, `expected IoError, got ${String(e)}`);
  assert.equal(e.step, step);
  if (code !== undefined) assert.equal(e.code, code);
  assert.match(e.message, pattern);
}

describe("readRegularFile", () => {
  test("reads a regular file exactly, and an empty one as 0 bytes", async () => {
    const path = join(special.dir, "plain.bin");
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 255);
    writeFileSync(path, bytes);
    assert.deepEqual(await read(path), bytes);
    writeFileSync(path, "");
    assert.equal((await read(path)).length, 0);
  });

  test("a directory, a FIFO, /dev/zero: IoError at once, nothing read", async () => {
    const cases: [string, RegExp][] = [
      [special.directory, /is a directory, not a regular file/],
      [special.fifo, /is a FIFO, not a regular file/],
      [DEV_ZERO, /is a device, not a regular file/],
    ];
    for (const [path, pattern] of cases) {
      const started = performance.now();
      assertIoError(await rejection(2000, read(path)), "stat", pattern);
      assert.ok(performance.now() - started < 1000, `${path} took too long`);
    }
  });

  test("a sparse 1 GiB file is refused by its size before any byte is read", async () => {
    const rss = process.memoryUsage().rss;
    const e = await rejection(2000, read(special.sparse, 1 << 20));
    assertIoError(e, "stat", /1073741824 bytes, more than the 1048576-byte limit/, "EFBIG");
    assert.ok(process.memoryUsage().rss - rss < 100 << 20);
  });

  test("checkPrefix sees the first bytes and the size before the body is read", async () => {
    const rss = process.memoryUsage().rss;
    let seen: [number, number] | undefined;
    const promise = readRegularFile(special.sparse, {
      purpose: "test file",
      maxBytes: 2 ** 31,
      checkPrefix: {
        bytes: 16,
        check(prefix, size) {
          seen = [prefix.length, size];
          throw new ValueError("bad prefix");
        },
      },
    });
    assert.ok((await rejection(2000, promise)) instanceof ValueError);
    assert.deepEqual(seen, [16, 1 << 30]);
    assert.ok(process.memoryUsage().rss - rss < 100 << 20);
  });

  test("a prefix longer than the file gets the whole (short) file", async () => {
    const path = join(special.dir, "short.bin");
    writeFileSync(path, "abc");
    let length = -1;
    const bytes = await readRegularFile(path, {
      purpose: "test file",
      maxBytes: 100,
      checkPrefix: { bytes: 16, check: (prefix) => void (length = prefix.length) },
    });
    assert.equal(length, 3);
    assert.deepEqual([...bytes], [97, 98, 99]);
  });

  test("a file that shrinks or grows while being read → IoError at step read", async () => {
    const path = join(special.dir, "changing.bin");
    const during = async (change: () => void) => {
      writeFileSync(path, new Uint8Array(1000));
      return rejection(
        2000,
        readRegularFile(path, {
          purpose: "test file",
          maxBytes: 1 << 20,
          checkPrefix: { bytes: 16, check: change },
        }),
      );
    };
    assertIoError(await during(() => truncateSync(path, 500)), "read", /shrank while being read/);
    assertIoError(
      await during(() => appendFileSync(path, "more")),
      "read",
      /grew while being read \(expected 1000 bytes\)/,
    );
  });

  test("/proc files whose size lies (0 bytes, content on read) are refused, typed", async () => {
    assertIoError(
      await rejection(2000, read("/proc/self/status")),
      "read",
      /grew while being read/,
    );
    const e = await rejection(2000, read("/proc/self/mem"));
    assert.ok(e instanceof IoError, String(e));
  });

  test("fs errors map to IoError with path, step and OS code", async () => {
    const missing = join(special.dir, "missing.bin");
    const e = await rejection(2000, read(missing));
    assertIoError(e, "open", /no such file or directory \(ENOENT\)/, "ENOENT");
    assert.equal((e as IoError).path, missing);
    assertIoError(await rejection(2000, read("x".repeat(5000))), "open", /ENAMETOOLONG/);
    const loop = join(special.dir, "loop");
    symlinkSync(loop, loop);
    assertIoError(await rejection(2000, read(loop)), "open", /ELOOP/, "ELOOP");
    const through = join(special.dir, "plain-file");
    writeFileSync(through, "x");
    assertIoError(await rejection(2000, read(join(through, "child"))), "open", /ENOTDIR/);
  });
});

describe("openRegularFile", () => {
  test("the handle reads the checked file even if the path is replaced afterwards", async () => {
    const path = join(special.dir, "swap.csv");
    const other = join(special.dir, "other.csv");
    writeFileSync(path, "original");
    writeFileSync(other, "replacement");
    const { handle, size } = await openRegularFile(path, { purpose: "CSV file" });
    try {
      renameSync(other, path);
      assert.equal(size, 8);
      const chunks: Buffer[] = [];
      for await (const c of handle.createReadStream({ autoClose: false })) chunks.push(c as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), "original");
    } finally {
      await handle.close();
    }
  });

  test("applies the same checks: FIFO refused without blocking, size bound", async () => {
    assertIoError(
      await rejection(2000, openRegularFile(special.fifo, { purpose: "CSV file" })),
      "stat",
      /CSV file .* is a FIFO/,
    );
    assertIoError(
      await rejection(2000, openRegularFile(special.sparse, { purpose: "CSV file", maxBytes: 10 })),
      "stat",
      /more than the 10-byte limit/,
      "EFBIG",
    );
  });
});
