// Spawn the CLI from source (node --import tsx src/cli/main.ts …) in a given directory, run it in
// this process with its output captured, and make throw-away working directories.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

export const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
export const IRIS = fileURLToPath(new URL("../fixtures/data/iris.csv", import.meta.url));
/** tsx resolved from this repository, so the CLI also runs with a cwd outside it. */
const TSX = import.meta.resolve("tsx");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, timeoutMs = 120_000): Run {
  const r = spawnSync(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd,
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * main(argv) in this process, in `cwd`, with stdout and stderr captured (faster than cli(), which
 * spawns; process-level behaviour such as closed pipes needs cli()). isTTY defaults to false.
 */
export async function runMain(
  argv: string[],
  cwd: string,
  isTTY = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY,
    cwd,
  });
  return { code, stdout, stderr };
}

/** A fresh temp directory; call the returned function to delete it. */
export function tempDir(prefix = "myelin-cli-"): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** stderr lines without the trailing empty one. */
export function lines(s: string): string[] {
  return s.split("\n").filter((l) => l !== "");
}
