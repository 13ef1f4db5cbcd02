// Output paths the CLI will write to: inside the working directory only, never through a symlink
// that leads out of it, never over an existing file unless --overwrite, no Windows device or
// alternate-data-stream tricks, of a length the OS accepts, in a directory that is (or can be
// created) writable. Reading paths (models, data) are not restricted.
import { accessSync, constants, existsSync, lstatSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { UsageError } from "./output.js";

/**
 * Resolve `path` (relative to `cwd`) for writing, or throw a UsageError saying why not:
 * NUL bytes, drive letters or backslash roots (C:\, \\server), NTFS streams (file::$DATA), `..`
 * or absolute paths that leave cwd, a parent directory or the file itself being a symlink that
 * resolves outside cwd, a file name over NAME_MAX bytes or a path over PATH_MAX − 1 bytes, a
 * "directory" that is a file, a directory this process cannot write. With overwrite false, an
 * existing file is refused too.
 */
export function checkOutputPath(
  path: string,
  cwd: string,
  options: { flag: string; command: string; overwrite?: boolean },
): string {
  const refuse = (why: string): never => {
    throw new UsageError(`${options.flag} ${JSON.stringify(path)}: ${why}`, options.command);
  };
  if (path === "") refuse("empty path");
  if (path.includes("\0")) refuse("contains a NUL byte");
  if (/^[a-zA-Z]:/.test(path) || path.startsWith("\\")) {
    refuse("drive letters and backslash roots are not allowed; use a path inside this directory");
  }
  if (path.includes(":")) refuse('":" is not allowed in output paths (alternate data streams)');
  if (path.includes("\\")) refuse("backslashes are not allowed; use / as the separator");
  const root = realpathSync(cwd);
  const full = resolve(root, path);
  if (!isInside(root, full)) {
    refuse(`is outside the working directory ${root}; write inside it (e.g. runs/model.myelin)`);
  }
  const tooLong = lengthProblem(full);
  if (tooLong) refuse(tooLong);
  // walk up to the nearest existing ancestor and resolve its symlinks
  let existing = dirname(full);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!isInside(root, realpathSync(existing))) {
    refuse(`its directory resolves (through a symlink) outside ${root}`);
  }
  if (!statSync(existing).isDirectory()) {
    refuse(`${relative(root, existing)} is a file, not a directory`);
  }
  const denied = writeDenied(existing);
  if (denied) refuse(`directory ${existing} is not writable (${denied})`);
  const stat = lstatOrNull(full);
  if (stat?.isSymbolicLink()) refuse("is a symbolic link; write to a regular path");
  if (stat?.isDirectory()) refuse("is a directory; give a file name");
  if (stat && !options.overwrite) refuse("already exists; pass --overwrite to replace it");
  return full;
}

/** Linux limits: NAME_MAX 255 bytes per component, PATH_MAX 4096 bytes with the NUL. */
const NAME_MAX = 255;
const PATH_MAX = 4096;

function lengthProblem(full: string): string | null {
  const bytes = Buffer.byteLength(full);
  if (bytes > PATH_MAX - 1) return `path too long (${bytes} bytes; at most ${PATH_MAX - 1})`;
  const long = full.split(sep).find((part) => Buffer.byteLength(part) > NAME_MAX);
  if (long !== undefined) {
    const n = Buffer.byteLength(long);
    return `name too long (${JSON.stringify(long.slice(0, 20) + "…")} is ${n} bytes; at most ${NAME_MAX})`;
  }
  return null;
}

/** The OS code (EACCES, EROFS, …) when `dir` cannot be written to, else null. */
function writeDenied(dir: string): string | null {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "not writable";
  }
}

function isInside(root: string, full: string): boolean {
  const rel = relative(root, full);
  return rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel));
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
