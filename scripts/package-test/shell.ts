// Runs one command of the packaging test: captured output, wall time, and an error that shows
// the command, its directory and its output tail when it fails. No shell: arguments go as given.
import { spawn, spawnSync } from "node:child_process";

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

/** The error for a command that exited with `status`, showing both output tails. */
function failure(
  command: string,
  args: readonly string[],
  cwd: string,
  status: string,
  out: CommandResult,
) {
  return new StepFailed(
    `${command} ${args.join(" ")} (in ${cwd}) exited with ${status}\n` +
      `--- stdout\n${tail(out.stdout)}\n--- stderr\n${tail(out.stderr)}`,
  );
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
    throw failure(command, args, cwd, String(r.status ?? r.signal), { stdout, stderr, seconds });
  return { stdout, stderr, seconds };
}

/** As run, without blocking: several commands (the type-checks) share the machine's cores. */
export function runAsync(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) =>
      reject(new StepFailed(`${command} ${args.join(" ")} (in ${cwd}): ${e.message}`)),
    );
    child.on("close", (code, signal) => {
      const out = { stdout, stderr, seconds: (performance.now() - started) / 1000 };
      if (code === 0) resolve(out);
      else reject(failure(command, args, cwd, String(code ?? signal), out));
    });
  });
}
