// Runs one command of the packaging test: captured output, wall time, and an error that shows
// the command, its directory and its output tail when it fails. No shell: arguments go as given.
import { spawnSync } from "node:child_process";

export interface CommandResult {
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Thrown when a step's command exits non-zero; `message` ends with the output tail. */
export class StepFailed extends Error {
  override name = "StepFailed";
}

/** Last `lines` lines of `text`. */
function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Run `command args` in `cwd`; throws StepFailed (with the output tail) on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): CommandResult {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  const stdout = r.stdout ?? "";
  const stderr = r.stderr ?? "";
  if (r.error) throw new StepFailed(`${command} ${args.join(" ")} (in ${cwd}): ${r.error.message}`);
  if (r.status !== 0)
    throw new StepFailed(
      `${command} ${args.join(" ")} (in ${cwd}) exited with ${r.status ?? r.signal}\n` +
        `--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`,
    );
  return { stdout, stderr, seconds };
}
