// Where `myelin playground` finds the built site: dist/playground in the package's own folder
// (the one holding Myelin's package.json), whether it runs from the published package
// (dist/src/cli/…) or from a checkout through tsx (src/cli/…). `npm pack` ships dist/playground
// (package.json "files"); a checkout builds it with `npm run build:playground`.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "./output.js";
import { terminalSafe } from "./terminal-text.js";

/** The folder of Myelin's package.json, found upwards from this module. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isMyelinManifest(manifest)) return dir;
    if (dirname(dir) === dir) throw new Error(`no Myelin package.json above ${from}`);
  }
}

function isMyelinManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { name?: unknown }).name === "myelin";
  } catch {
    return false;
  }
}

/** The built playground shipped with the package. */
export function defaultSiteDir(): string {
  return join(packageRoot(), "dist/playground");
}

/**
 * `dir` (resolved against cwd) when it holds a built site (an index.html); else a CliError that
 * says how to build one.
 */
export function checkSiteDir(dir: string, cwd: string): string {
  const site = resolve(cwd, dir);
  const index = join(site, "index.html");
  if (existsSync(index) && statSync(index).isFile()) return site;
  const why = existsSync(site) ? "has no index.html" : "does not exist";
  throw new CliError(
    `no built playground: ${terminalSafe(site)} ${why}`,
    "build it with `npm run build:playground` in a Myelin checkout (or pass --dir FOLDER)",
  );
}
