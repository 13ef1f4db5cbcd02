// The MODEL positional of evaluate, predict and inspect: exactly one, naming an existing file.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { CliError, UsageError } from "./output.js";

/** A usage error when more than one positional was given (checked before anything else). */
export function atMostOneModel(positionals: string[], command: string): void {
  if (positionals.length > 1)
    throw new UsageError(`expected one MODEL, got ${positionals.length} arguments`, command);
}

/** The absolute path of the MODEL positional: present and an existing file, else an error. */
export function modelArgument(positionals: string[], command: string, cwd: string): string {
  if (positionals.length === 0)
    throw new UsageError("missing MODEL (a .myelin file written by myelin train)", command);
  const path = resolve(cwd, positionals[0]);
  if (!existsSync(path)) {
    throw new CliError(
      `model file ${JSON.stringify(positionals[0])} not found`,
      "check the path (myelin train prints where it wrote the model)",
    );
  }
  return path;
}
