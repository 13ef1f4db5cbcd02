// Special files for reader tests: a directory, a FIFO (mkfifo), a sparse 1 GiB file and
// /dev/zero, in a fresh temp directory; plus a deadline so a reader that hangs fails the test.
import { execFileSync } from "node:child_process";
import {
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DEV_ZERO = "/dev/zero";

export interface SpecialFiles {
  dir: string;
  directory: string;
  fifo: string;
  /** 1 GiB of holes: costs no disk, but a reader that reads it whole needs 1 GiB of memory. */
  sparse: string;
  /** Unblock any reader stuck opening the FIFO, then delete everything. */
  cleanup(): void;
}

export function makeSpecialFiles(prefix = "myelin-special-"): SpecialFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const directory = join(dir, "a-directory");
  mkdirSync(directory);
  const fifo = join(dir, "a-fifo");
  execFileSync("mkfifo", [fifo]);
  const sparse = join(dir, "sparse.bin");
  writeFileSync(sparse, "");
  truncateSync(sparse, 1 << 30);
  return {
    dir,
    directory,
    fifo,
    sparse,
    cleanup(): void {
      releaseFifo(fifo);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A reader blocked opening `fifo` gets EOF: open the write end without blocking, then close. */
export function releaseFifo(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is reading, nothing to release
  }
}

/** `promise`'s outcome, or a rejection "still running after ms" (a hang fails, not blocks). */
export async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Await `promise` expecting a rejection within `ms`; returns the error. */
export async function rejection(ms: number, promise: Promise<unknown>): Promise<unknown> {
  try {
    await within(ms, promise);
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection, got a result");
}
