// The process's stdout and stderr as an Io that cannot crash the command: a closed pipe
// (`myelin … | head -1`) or a full device (`> /dev/full`) makes that stream stop printing — its
// later writes are dropped — while the command runs to its end (training continues, the model is
// saved). This file does not decide exit codes beyond reporting which stream failed and why.
import type { Io } from "./output.js";

export interface StreamFailure {
  stream: "stdout" | "stderr";
  /** The OS code: EPIPE for a reader that went away, ENOSPC, EIO, … otherwise. */
  code: string;
}

export interface GuardedIo {
  io: Io;
  /** The first failure of each stream, in order of occurrence. */
  failures: () => StreamFailure[];
}

/** Minimal writable: what process.stdout and process.stderr offer here. */
interface Stream {
  write(text: string): unknown;
  on(event: "error", listener: (e: Error) => void): unknown;
  isTTY?: boolean;
}

/**
 * Wrap `stdout` and `stderr`: each gets an 'error' listener (so a write error is never an
 * uncaught exception) and, after its first error, its writes become no-ops.
 */
export function guardedProcessIo(
  stdout: Stream,
  stderr: Stream,
  cwd: string,
  isTTY = Boolean(stdout.isTTY),
): GuardedIo {
  const failed: StreamFailure[] = [];
  const guard = (stream: Stream, name: StreamFailure["stream"]): ((text: string) => void) => {
    const fail = (e: unknown): void => {
      if (failed.some((f) => f.stream === name)) return;
      const code = (e as { code?: unknown } | null)?.code;
      failed.push({ stream: name, code: typeof code === "string" ? code : "EIO" });
    };
    stream.on("error", fail);
    return (text) => {
      if (failed.some((f) => f.stream === name)) return;
      try {
        stream.write(text);
      } catch (e) {
        fail(e);
      }
    };
  };
  const io: Io = {
    stdout: guard(stdout, "stdout"),
    stderr: guard(stderr, "stderr"),
    isTTY,
    cwd,
  };
  return { io, failures: () => [...failed] };
}

/**
 * The exit code once a command finished with `code`, given its stream failures: a reader that
 * went away (EPIPE) changes nothing — it asked for no more; any other failure (ENOSPC, EIO) lost
 * output the user asked for, so 0 becomes 1. One line says so on stderr, if stderr still works.
 */
export function settleStreams(guarded: GuardedIo, code: number): number {
  const lost = guarded.failures().filter((f) => f.code !== "EPIPE");
  if (lost.length === 0) return code;
  const what = lost.map((f) => `${f.stream} (${f.code})`).join(" and ");
  guarded.io.stderr(`myelin: could not write to ${what}; that output is incomplete\n`);
  return code === 0 ? 1 : code;
}
