// Saving what cannot be recomputed (a trained model): write the bytes to their path; if that
// fails (disk full, permissions changed, the directory vanished, the file appeared meanwhile),
// write them once to a rescue file beside it, else in the system temp directory. The caller
// reports both the failure and where the bytes are. This file does not encode anything.
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { io } from "../node/index.js";
import { CliError } from "./output.js";

export interface RescueOptions {
  /** Create the file, never replace one (writeFileAtomic's exclusive). */
  exclusive: boolean;
  /** The writer; tests pass one that fails. Default io.writeFileAtomic. */
  write?: (path: string, bytes: Uint8Array, options: { exclusive: boolean }) => Promise<void>;
  /** Where the last rescue attempt goes. Default os.tmpdir(). */
  tmp?: string;
}

export interface Saved {
  /** Where the bytes are now. */
  path: string;
  /** Why `path` is not the path asked for (one line), or null when it is. */
  failure: string | null;
}

/**
 * Write `bytes` to `target`, else to `<dir>/<name>.rescued-<pid>-<time><ext>`, else to the same
 * name in the temp directory (rescue files are always created exclusively). Throws a CliError
 * naming every failure only when all three fail.
 */
export async function saveOrRescue(
  target: string,
  bytes: Uint8Array,
  options: RescueOptions,
): Promise<Saved> {
  const write = options.write ?? ((p, b, o) => io.writeFileAtomic(p, b, o));
  const failures: string[] = [];
  try {
    await write(target, bytes, { exclusive: options.exclusive });
    return { path: target, failure: null };
  } catch (e) {
    failures.push(why(e));
  }
  const name = rescueName(target);
  for (const path of [join(dirname(target), name), join(options.tmp ?? tmpdir(), name)]) {
    try {
      await write(path, bytes, { exclusive: true });
      return { path, failure: failures[0] };
    } catch (e) {
      failures.push(why(e));
    }
  }
  throw new CliError(
    `could not save ${target} (${failures[0]}), nor a rescue copy (${failures.slice(1).join("; ")})`,
    "free some space or fix the permissions, then train again",
  );
}

/** `m.myelin` → `m.rescued-<pid>-<ms>.myelin`, the stem cut to 50 characters (≤ 200 bytes). */
function rescueName(target: string): string {
  const base = basename(target);
  const dot = base.lastIndexOf(".");
  const stem = [...(dot > 0 ? base.slice(0, dot) : base)].slice(0, 50).join("");
  const ext = dot > 0 ? base.slice(dot) : "";
  return `${stem}.rescued-${process.pid}-${Date.now()}${ext.slice(0, 20)}`;
}

function why(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}
