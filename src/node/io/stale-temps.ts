// Removal of temp files left behind by writeFileAtomic when its process died (kill -9, power
// loss). Call it at start-up for each directory you save into. Files of live processes are kept.
import * as fsp from "node:fs/promises";
import { join, resolve } from "node:path";
import { IoError } from "../../io/errors.js";
import { TEMP_SUFFIX, errorCode } from "./atomic-write.js";

const TEMP_RE = /^\..*\.(\d+)\.[0-9a-f]{12}\.myelin-tmp$/;

/** Options of {@link cleanStaleTemps}. */
export interface CleanStaleTempsOptions {
  /** Whether process `pid` is still running. Default: signal 0 (ESRCH = dead). */
  isAlive?: (pid: number) => boolean;
}

/**
 * Delete `dir`'s writeFileAtomic temp files (`.<name>.<pid>.<hex>.myelin-tmp`) whose writer
 * process is gone; returns the removed paths. Temps of this process and of live processes stay.
 * A temp whose pid was reused by another live process is kept (harmless, removed later).
 * A missing directory yields []. Other failures throw IoError.
 */
export async function cleanStaleTemps(
  dir: string,
  options: CleanStaleTempsOptions = {},
): Promise<string[]> {
  const isAlive = options.isAlive ?? processIsAlive;
  const root = resolve(dir);
  let names: string[];
  try {
    names = await fsp.readdir(root);
  } catch (err) {
    if (errorCode(err) === "ENOENT") return [];
    throw new IoError(root, "readdir", errorCode(err), `cleanStaleTemps: cannot list ${root}`, err);
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const m = TEMP_RE.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    const path = join(root, name);
    try {
      await fsp.unlink(path);
      removed.push(path);
    } catch (err) {
      if (errorCode(err) !== "ENOENT") {
        throw new IoError(
          path,
          "unlink",
          errorCode(err),
          `cleanStaleTemps: cannot remove ${path}`,
          err,
        );
      }
    }
  }
  return removed;
}

/** Signal 0 checks existence: ESRCH means no such process, EPERM means it exists. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === "EPERM";
  }
}
