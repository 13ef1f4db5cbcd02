// Node-only: the one door through which every reader opens a path (model files, checkpoints, CSV,
// IDX). It opens without blocking, checks the opened handle is a regular file within a size bound,
// and reads it into one buffer. Parsing what was read is the caller's business.
import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { IoError, type IoStep } from "../../io/errors.js";
import { MyelinError } from "../../errors.js";

export interface OpenOptions {
  /** What the file is, for messages: "model file", "CSV file", "IDX file". */
  purpose: string;
  /** Largest accepted size in bytes (checked on the opened handle, before reading). */
  maxBytes?: number;
}

export interface OpenedFile {
  /** Open read-only on the checked file; the caller closes it. */
  handle: FileHandle;
  /** The file's size when it was checked, in bytes. */
  size: number;
}

/** Lets a reader refuse a file from its first bytes before the rest is read. */
export interface PrefixCheck {
  /** How many bytes to hand to `check` (fewer when the file is shorter). */
  bytes: number;
  /** Throw to refuse the file; `size` is the whole file's size. */
  check(prefix: Uint8Array, size: number): void;
}

export interface ReadOptions extends OpenOptions {
  maxBytes: number;
  checkPrefix?: PrefixCheck;
}

/**
 * Open `path` for reading and check what was opened (not the path, so a file swapped after the
 * check is never read):
 *
 *   open(O_RDONLY | O_NONBLOCK)  a FIFO without a writer does not block the open
 *   fstat(handle)                regular file only: directory, FIFO, socket, device → IoError
 *   size ≤ maxBytes              else IoError "EFBIG" naming the limit
 *
 * Every fs error becomes an IoError (path, step, code). The caller closes the handle; streams
 * from `handle.createReadStream()` or reads at positions.
 */
export async function openRegularFile(path: string, options: OpenOptions): Promise<OpenedFile> {
  const { purpose } = options;
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw ioError(e, path, "open", purpose);
  }
  try {
    const stats = await handle.stat().catch((e: unknown) => {
      throw ioError(e, path, "stat", purpose);
    });
    if (!stats.isFile()) {
      const kind = stats.isDirectory()
        ? "a directory"
        : stats.isFIFO()
          ? "a FIFO"
          : stats.isSocket()
            ? "a socket"
            : stats.isCharacterDevice() || stats.isBlockDevice()
              ? "a device"
              : "a special file";
      const code = stats.isDirectory() ? "EISDIR" : undefined;
      throw new IoError(path, "stat", code, `${purpose} ${path} is ${kind}, not a regular file`);
    }
    const maxBytes = options.maxBytes ?? Infinity;
    if (stats.size > maxBytes) {
      throw new IoError(
        path,
        "stat",
        "EFBIG",
        `${purpose} ${path} is ${stats.size} bytes, more than the ${maxBytes}-byte limit`,
      );
    }
    return { handle, size: stats.size };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Read a whole regular file (openRegularFile's checks) into one buffer of exactly its size.
 * With `checkPrefix`, the first `bytes` bytes are read and checked before the rest is allocated
 * or read. A file that grows or shrinks while being read → IoError (step "read").
 */
export async function readRegularFile(path: string, options: ReadOptions): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path, options);
  try {
    const { checkPrefix } = options;
    let prefix = new Uint8Array(0);
    if (checkPrefix !== undefined) {
      prefix = new Uint8Array(Math.min(checkPrefix.bytes, size));
      await readExactly(handle, prefix, 0, path, options.purpose);
      checkPrefix.check(prefix, size);
    }
    const bytes = new Uint8Array(size);
    bytes.set(prefix);
    await readExactly(handle, bytes.subarray(prefix.length), prefix.length, path, options.purpose);
    const probe = await readAt(handle, new Uint8Array(1), size, path, options.purpose);
    if (probe > 0) throw changed(path, options.purpose, size, "grew");
    return bytes;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Fill `into` from file offset `position`; a short file → IoError (it shrank). */
async function readExactly(
  handle: FileHandle,
  into: Uint8Array,
  position: number,
  path: string,
  purpose: string,
): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const n = await readAt(handle, into.subarray(done), position + done, path, purpose);
    if (n === 0) throw changed(path, purpose, position + into.length, "shrank");
    done += n;
  }
}

async function readAt(
  handle: FileHandle,
  into: Uint8Array,
  position: number,
  path: string,
  purpose: string,
): Promise<number> {
  try {
    return (await handle.read(into, 0, into.length, position)).bytesRead;
  } catch (e) {
    throw ioError(e, path, "read", purpose);
  }
}

function changed(path: string, purpose: string, size: number, how: string): IoError {
  return new IoError(
    path,
    "read",
    undefined,
    `${purpose} ${path} ${how} while being read (expected ${size} bytes)`,
  );
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "a component of the path is not a directory",
  ENAMETOOLONG: "path too long",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENXIO: "no such device",
};

/** Any fs failure → IoError naming the path, the step and the OS code; typed errors pass through. */
export function ioError(e: unknown, path: string, step: IoStep, purpose: string): MyelinError {
  if (e instanceof MyelinError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? "EIO";
  const reason = REASONS[code] ?? (e instanceof Error ? e.message : String(e));
  return new IoError(path, step, code, `cannot ${step} ${purpose} ${path}: ${reason} (${code})`, e);
}
