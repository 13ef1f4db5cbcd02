// Output paths the CLI will write to: inside the working directory only, never through a symlink
// that leads out of it, never over an existing file unless --overwrite, and no Windows device or
// alternate-data-stream tricks. Reading paths (models, data) are not restricted.
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { UsageError } from "./output.js";

/**
 * Resolve `path` (relative to `cwd`) for writing, or throw a UsageError saying why not:
 * NUL bytes, drive letters or backslash roots (C:\, \\server), NTFS streams (file::$DATA), `..`
 * or absolute paths that leave cwd, a parent directory or the file itself being a symlink that
 * resolves outside cwd. With overwrite false, an existing file is refused too.
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
  // walk up to the nearest existing ancestor and resolve its symlinks
  let existing = dirname(full);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!isInside(root, realpathSync(existing))) {
    refuse(`its directory resolves (through a symlink) outside ${root}`);
  }
  const stat = lstatOrNull(full);
  if (stat?.isSymbolicLink()) refuse("is a symbolic link; write to a regular path");
  if (stat?.isDirectory()) refuse("is a directory; give a file name");
  if (stat && !options.overwrite) refuse("already exists; pass --overwrite to replace it");
  return full;
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
