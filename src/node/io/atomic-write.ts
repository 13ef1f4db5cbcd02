// Crash-safe file replacement for Node: write a temp file beside the target, fsync it, rename it
// over the target (or, with `exclusive`, link it to the target, which fails if the target
// exists), fsync the directory. A reader (or a restart after kill -9) sees the old file or the new
// one, never a mix. Browser code never imports this (src/io works on bytes only).
import * as fsp from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import { IoError, type IoStep } from "../../io/errors.js";

/** The part of node:fs/promises used here; tests pass a wrapper that injects faults. */
export type AtomicFs = Pick<typeof fsp, "open" | "rename" | "unlink" | "stat" | "link">;

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Bytes per write() call. Default 1 MiB. */
  chunkSize?: number;
  /**
   * Test hook run after each completed step (after every chunk for "write"). Throwing from it
   * simulates a failure at that point: the temp file is removed and an IoError is thrown.
   */
  afterStep?: (step: IoStep, bytesWritten: number) => void;
  /** File-system functions to use. Default node:fs/promises. */
  fs?: AtomicFs;
  /**
   * Create `path`, never replace it: the temp file is published with link(temp, path) — which
   * fails with EEXIST, atomically, if `path` exists by then — and unlink(temp), instead of
   * rename. Of two writers racing for one new path, exactly one wins. Default false (replace).
   */
  exclusive?: boolean;
}

/** Suffix of temp files; cleanStaleTemps only touches names ending with it. */
export const TEMP_SUFFIX = ".myelin-tmp";

/** `.<name>.<pid>.<12 hex>.myelin-tmp` in the target's directory; `name` is cut to 100 bytes. */
export function tempPathFor(path: string, pid = process.pid): string {
  const name = clipUtf8(basename(path), 100);
  return join(
    dirname(resolve(path)),
    `.${name}.${pid}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`,
  );
}

/**
 * Replace the file at `path` with `bytes` atomically:
 *   open temp (exclusive) → write all bytes → fsync → close → rename temp → path → fsync dir;
 * with `exclusive`, create it: … → close → link temp → path (EEXIST if it exists) → unlink temp
 * → fsync dir.
 * A new file takes the old file's permission bits, else 0o666 minus the umask.
 * On failure the temp file is removed, the old file is untouched (unless the failure came after
 * the rename, when the new file is already in place), and an IoError naming `path`, the step and
 * the OS code (ENOSPC, EACCES, …) is thrown.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? fsp;
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? 1 << 20));
  const hook = options.afterStep ?? (() => {});
  const target = resolve(path);
  const tmp = tempPathFor(target);
  let step: IoStep = "open";
  let handle: fsp.FileHandle | undefined;
  try {
    const mode = await fs.stat(target).then(
      (s) => s.mode & 0o777,
      () => 0o666,
    );
    handle = await fs.open(tmp, "wx", mode);
    hook("open", 0);
    step = "write";
    for (let done = 0; done < bytes.length;) {
      const n = Math.min(chunkSize, bytes.length - done);
      const { bytesWritten } = await handle.write(bytes, done, n, done);
      done += bytesWritten;
      hook("write", done);
    }
    step = "fsync";
    await handle.sync();
    hook("fsync", bytes.length);
    step = "close";
    const h = handle;
    handle = undefined;
    await h.close();
    hook("close", bytes.length);
    if (options.exclusive) {
      step = "link";
      await fs.link(tmp, target);
      hook("link", bytes.length);
      step = "unlink";
      await fs.unlink(tmp);
      hook("unlink", bytes.length);
    } else {
      step = "rename";
      await fs.rename(tmp, target);
      hook("rename", bytes.length);
    }
    step = "fsync-dir";
    await syncDirectory(fs, dirname(target));
    hook("fsync-dir", bytes.length);
  } catch (err) {
    if (handle !== undefined) await handle.close().catch(() => {});
    await fs.unlink(tmp).catch(() => {}); // gone after a rename; after a link, the second name
    throw toIoError(target, step, err);
  }
}

/** fsync a directory so the rename itself is durable; skipped where directories cannot be synced. */
async function syncDirectory(fs: AtomicFs, dir: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } catch (err) {
    const code = errorCode(err);
    if (code !== "EINVAL" && code !== "ENOTSUP" && code !== "EISDIR") throw err;
  } finally {
    await handle.close();
  }
}

/** The longest prefix of `s` of at most `maxBytes` UTF-8 bytes (never half a character). */
function clipUtf8(s: string, maxBytes: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function toIoError(path: string, step: IoStep, err: unknown): IoError {
  const code = errorCode(err);
  const why = err instanceof Error ? err.message : String(err);
  return new IoError(
    path,
    step,
    code,
    `writeFileAtomic: ${step} failed for ${path}${code ? ` (${code})` : ""}: ${why}`,
    err,
  );
}
