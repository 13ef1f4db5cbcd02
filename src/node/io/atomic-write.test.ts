// writeFileAtomic under injected faults: after every step (each written chunk, fsync, close,
// rename, directory fsync) the target holds the old or the new bytes exactly, no temp file is
// left, and the error is an IoError naming the path, the step and the OS code.
import { test, describe, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as fsp from "node:fs/promises";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { IoError, type IoStep } from "../../io/errors.js";
import {
  cleanStaleTemps,
  processIsAlive,
  writeFileAtomic,
  TEMP_SUFFIX,
  type AtomicFs,
} from "./index.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "myelin-atomic-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const OLD = Uint8Array.from({ length: 1000 }, (_, i) => (i * 13) & 255);
const NEW = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7 + 1) & 255);

function osError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

function tempsIn(d: string): string[] {
  return readdirSync(d).filter((n) => n.endsWith(TEMP_SUFFIX));
}

function assertIoError(e: unknown, path: string, step: IoStep, code: string | undefined): true {
  assert.ok(e instanceof IoError, `expected IoError, got ${String(e)}`);
  assert.equal(e.path, path);
  assert.equal(e.step, step);
  assert.equal(e.code, code);
  if (code !== undefined) assert.ok(e.message.includes(code) && e.message.includes(path));
  return true;
}

describe("writeFileAtomic", () => {
  test("creates, then replaces, a file; no temp remains", async () => {
    const target = join(dir, "model.myelin");
    await writeFileAtomic(target, OLD);
    assert.deepEqual(new Uint8Array(readFileSync(target)), OLD);
    await writeFileAtomic(target, NEW, { chunkSize: 100 });
    assert.deepEqual(new Uint8Array(readFileSync(target)), NEW);
    await writeFileAtomic(target, new Uint8Array(0));
    assert.equal(readFileSync(target).length, 0);
    assert.deepEqual(readdirSync(dir), ["model.myelin"]);
  });

  test("keeps the permission bits of the file it replaces", async () => {
    const target = join(dir, "m.bin");
    writeFileSync(target, OLD, { mode: 0o600 });
    await fsp.chmod(target, 0o640);
    await writeFileAtomic(target, NEW);
    assert.equal(statSync(target).mode & 0o777, 0o640);
  });

  test("a fault after each of ≥ 50 steps leaves the old or the new file, bit for bit", async () => {
    const target = join(dir, "m.bin");
    const points: [IoStep, number][] = [];
    await writeFileAtomic(join(dir, "probe.bin"), NEW, {
      chunkSize: 64,
      afterStep: (step, n) => points.push([step, n]),
    });
    rmSync(join(dir, "probe.bin"));
    const steps = new Set(points.map(([s]) => s));
    assert.deepEqual([...steps], ["open", "write", "fsync", "close", "rename", "fsync-dir"]);
    assert.ok(points.length >= 50, `${points.length} fault points`);
    let faults = 0;
    for (const oldExists of [true, false]) {
      for (let k = 0; k < points.length; k++) {
        rmSync(target, { force: true });
        if (oldExists) writeFileSync(target, OLD);
        let calls = 0;
        await assert.rejects(
          writeFileAtomic(target, NEW, {
            chunkSize: 64,
            afterStep: () => {
              if (calls++ === k) throw osError("EIO");
            },
          }),
          (e) => assertIoError(e, target, points[k][0], "EIO"),
        );
        faults++;
        const afterRename = points[k][0] === "rename" || points[k][0] === "fsync-dir";
        if (afterRename) {
          assert.deepEqual(new Uint8Array(readFileSync(target)), NEW, `fault ${k}`);
        } else if (oldExists) {
          assert.deepEqual(new Uint8Array(readFileSync(target)), OLD, `fault ${k}`);
        } else {
          assert.deepEqual(readdirSync(dir), [], `fault ${k}: no file, no temp`);
        }
        assert.deepEqual(tempsIn(dir), [], `fault ${k}: temp removed`);
      }
    }
    assert.ok(faults >= 100);
  });

  /** node:fs/promises with one operation replaced. */
  function faultyFs(patch: Partial<AtomicFs>): AtomicFs {
    return {
      open: fsp.open,
      rename: fsp.rename,
      unlink: fsp.unlink,
      stat: fsp.stat,
      link: fsp.link,
      ...patch,
    };
  }

  test("ENOSPC after a partial write: IoError with the code, old file intact, temp removed", async () => {
    const target = join(dir, "m.bin");
    writeFileSync(target, OLD);
    const fs = faultyFs({
      open: (async (path: string, flags: string, mode: number) => {
        const handle = await fsp.open(path, flags, mode);
        const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
        let written = 0;
        Object.defineProperty(handle, "write", {
          value: async (buf: Uint8Array, off: number, len: number, pos: number) => {
            if (written >= 1024) throw osError("ENOSPC");
            written += len;
            return write(buf, off, len, pos);
          },
        });
        return handle;
      }) as AtomicFs["open"],
    });
    await assert.rejects(writeFileAtomic(target, NEW, { fs, chunkSize: 512 }), (e) =>
      assertIoError(e, target, "write", "ENOSPC"),
    );
    assert.deepEqual(new Uint8Array(readFileSync(target)), OLD);
    assert.deepEqual(tempsIn(dir), []);
  });

  test("EACCES on open and EXDEV on rename: typed errors, old file intact", async () => {
    const target = join(dir, "m.bin");
    writeFileSync(target, OLD);
    const denied = faultyFs({
      open: (() => Promise.reject(osError("EACCES"))) as AtomicFs["open"],
    });
    await assert.rejects(writeFileAtomic(target, NEW, { fs: denied }), (e) =>
      assertIoError(e, target, "open", "EACCES"),
    );
    const crossDevice = faultyFs({ rename: () => Promise.reject(osError("EXDEV")) });
    await assert.rejects(writeFileAtomic(target, NEW, { fs: crossDevice }), (e) =>
      assertIoError(e, target, "rename", "EXDEV"),
    );
    assert.deepEqual(new Uint8Array(readFileSync(target)), OLD);
    assert.deepEqual(tempsIn(dir), []);
  });

  test("real OS errors: missing directory (ENOENT), target is a directory (EISDIR)", async () => {
    const missing = join(dir, "no-such-dir", "m.bin");
    await assert.rejects(writeFileAtomic(missing, NEW), (e) =>
      assertIoError(e, missing, "open", "ENOENT"),
    );
    const asDir = join(dir, "sub");
    mkdirSync(asDir);
    writeFileSync(join(asDir, "keep"), OLD);
    await assert.rejects(writeFileAtomic(asDir, NEW), (e) =>
      assertIoError(e, asDir, "rename", "EISDIR"),
    );
    assert.deepEqual(new Uint8Array(readFileSync(join(asDir, "keep"))), OLD);
    assert.deepEqual(tempsIn(dir), []);
  });
});

describe("writeFileAtomic with exclusive: create, never replace", () => {
  test("creates a new file; an existing one is left alone with a typed EEXIST", async () => {
    const target = join(dir, "m.bin");
    await writeFileAtomic(target, NEW, { exclusive: true });
    assert.deepEqual(new Uint8Array(readFileSync(target)), NEW);
    await assert.rejects(writeFileAtomic(target, OLD, { exclusive: true }), (e) =>
      assertIoError(e, target, "link", "EEXIST"),
    );
    assert.deepEqual(new Uint8Array(readFileSync(target)), NEW);
    assert.deepEqual(readdirSync(dir), ["m.bin"]);
  });

  test("of 8 concurrent writers to one new path exactly one wins; the others get EEXIST", async () => {
    const target = join(dir, "race.bin");
    const payloads = Array.from({ length: 8 }, (_, k) => new Uint8Array(20_000).fill(k + 1));
    const results = await Promise.allSettled(
      payloads.map((p) => writeFileAtomic(target, p, { exclusive: true, chunkSize: 4096 })),
    );
    const won = results.flatMap((r, k) => (r.status === "fulfilled" ? [k] : []));
    assert.equal(won.length, 1, `winners: ${won.join(",")}`);
    for (const r of results) {
      if (r.status === "rejected") assertIoError(r.reason, target, "link", "EEXIST");
    }
    assert.deepEqual(new Uint8Array(readFileSync(target)), payloads[won[0]]);
    assert.deepEqual(readdirSync(dir), ["race.bin"]);
  });

  test("a fault after each step leaves no file or the new file, and no temp", async () => {
    const target = join(dir, "m.bin");
    const points: IoStep[] = [];
    await writeFileAtomic(join(dir, "probe.bin"), NEW, {
      chunkSize: 64,
      exclusive: true,
      afterStep: (step) => points.push(step),
    });
    rmSync(join(dir, "probe.bin"));
    assert.deepEqual(
      [...new Set(points)],
      ["open", "write", "fsync", "close", "link", "unlink", "fsync-dir"],
    );
    for (let k = 0; k < points.length; k++) {
      rmSync(target, { force: true });
      let calls = 0;
      await assert.rejects(
        writeFileAtomic(target, NEW, {
          chunkSize: 64,
          exclusive: true,
          afterStep: () => {
            if (calls++ === k) throw osError("EIO");
          },
        }),
        (e) => assertIoError(e, target, points[k], "EIO"),
      );
      const published = ["link", "unlink", "fsync-dir"].includes(points[k]);
      if (published) assert.deepEqual(new Uint8Array(readFileSync(target)), NEW, `fault ${k}`);
      else assert.deepEqual(readdirSync(dir), [], `fault ${k}: no file, no temp`);
      assert.deepEqual(tempsIn(dir), [], `fault ${k}: temp removed`);
    }
  });

  test("a file name of multi-byte characters still gets a temp name the OS accepts", async () => {
    const target = join(dir, "€".repeat(80) + ".bin"); // 244 bytes: legal; its temp must be too
    await writeFileAtomic(target, NEW, { exclusive: true });
    assert.deepEqual(new Uint8Array(readFileSync(target)), NEW);
  });
});

describe("cleanStaleTemps", () => {
  test("removes temps of dead processes only; other files stay", async () => {
    const names = [
      ".m.bin.4000001.0123456789ab.myelin-tmp", // dead (stub)
      ".other.name.with.dots.4000002.abcdefabcdef.myelin-tmp", // dead (stub)
      ".m.bin.4000003.0123456789ab.myelin-tmp", // alive (stub)
      `.m.bin.${process.pid}.0123456789ab.myelin-tmp`, // this process
      ".m.bin.4000001.XYZ.myelin-tmp", // not our pattern
      "m.bin", // the model itself
      "notes.myelin-tmp", // not our pattern
    ];
    for (const n of names) writeFileSync(join(dir, n), "x");
    const removed = await cleanStaleTemps(dir, { isAlive: (pid) => pid === 4000003 });
    assert.deepEqual(removed.sort(), [join(dir, names[0]), join(dir, names[1])].sort());
    assert.deepEqual(readdirSync(dir).sort(), names.slice(2).sort());
  });

  test("the default liveness check finds an exited process dead and this one alive", async () => {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    const deadPid = Number(child.stdout.toString());
    assert.ok(deadPid > 0);
    assert.equal(processIsAlive(deadPid), false);
    assert.equal(processIsAlive(process.pid), true);
    const stale = join(dir, `.m.bin.${deadPid}.00000000ffff${TEMP_SUFFIX}`);
    writeFileSync(stale, "partial");
    assert.deepEqual(await cleanStaleTemps(dir), [stale]);
    assert.deepEqual(readdirSync(dir), []);
  });

  test("a missing directory yields nothing", async () => {
    assert.deepEqual(await cleanStaleTemps(join(dir, "nope")), []);
  });
});
