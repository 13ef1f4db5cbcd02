// At start-up, a command removes the temp files that killed runs left in the directories it will
// write to (writeFileAtomic's `.<name>.<pid>.<hex>.myelin-tmp` of dead processes), and says so in
// one line. Cleanup is a courtesy: a directory it cannot list is skipped silently.
import { dirname } from "node:path";
import { io } from "../node/index.js";
import type { Io } from "./output.js";

/** Clean the directories of `outputs` (absolute file paths); print one line if anything went. */
export async function removeStaleTemps(
  outputs: string[],
  stdio: Io,
  command: string,
): Promise<void> {
  const dirs = [...new Set(outputs.map((p) => dirname(p)))];
  let removed = 0;
  for (const dir of dirs) {
    try {
      removed += (await io.cleanStaleTemps(dir)).length;
    } catch {
      // not listable or not removable: the write itself will say what is wrong
    }
  }
  if (removed > 0) {
    const where = dirs.length === 1 ? dirs[0] : `${dirs.length} directories`;
    stdio.stderr(
      `myelin ${command}: removed ${removed} stale temp file${removed > 1 ? "s" : ""} of killed runs in ${where}\n`,
    );
  }
}
