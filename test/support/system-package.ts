// Tests that need a Debian package (chromium, dataset-fashion-mnist): outside CI a missing package
// skips the test visibly, with the command that installs it; under CI=true the test runs and
// fails on the missing file, so CI never passes without it.
import { existsSync } from "node:fs";

/** Whether this run is CI's: CI=true (or 1), as .ci/run and most CI services set it. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === "true" || env.CI === "1";
}

/**
 * node:test options for a test that reads `path`, installed by Debian package `pkg`: `{}` (run)
 * when the path exists or under CI; else `{ skip }` with one line saying how to install it.
 *
 *   test("in Chromium", needsSystemPackage("/usr/bin/chromium", "chromium"), async () => …)
 */
export function needsSystemPackage(
  path: string,
  pkg: string,
  env: NodeJS.ProcessEnv = process.env,
): { skip?: string } {
  if (existsSync(path) || isCi(env)) return {};
  return {
    skip: `${path} is missing: install it with \`apt-get install ${pkg}\` (CI=true fails instead)`,
  };
}
