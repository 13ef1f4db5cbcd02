// Which build of Myelin the attack's child processes run: dist/ (after `npm run build`, used by
// `npm run attack`) or a fresh esbuild bundle of the sources in a temp directory (used by the test
// suite, which must test the sources as they are and cannot rely on dist/ being current). Both are
// plain JS, so a child starts in ~0.2 s instead of ~0.7 s under tsx.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Library {
  mode: "dist" | "bundle";
  /** The Node entry (exports io, data, MyelinError, …). */
  libEntry: string;
  /** The CLI's main module (runs when it is the process's script). */
  cliMain: string;
  /** Delete what was built for this run (the bundle's temp directory). */
  dispose: () => void;
}

/** dist/ as built by `npm run build`, or null when it is missing. */
export function distLibrary(): Library | null {
  const libEntry = join(ROOT, "dist/src/node/index.js");
  const cliMain = join(ROOT, "dist/src/cli/main.js");
  if (!existsSync(libEntry) || !existsSync(cliMain)) return null;
  return { mode: "dist", libEntry, cliMain, dispose: () => {} };
}

/**
 * Bundle src/node/index.ts and src/cli/main.ts with esbuild (~1 s) into a new temp directory;
 * `root` may be another checkout (to attack an older tree).
 */
export async function bundledLibrary(root = ROOT): Promise<Library> {
  const outdir = mkdtempSync(join(tmpdir(), "myelin-attack-lib-"));
  await build({
    entryPoints: [join(root, "src/node/index.ts"), join(root, "src/cli/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir,
    outbase: join(root, "src"),
    logLevel: "warning",
  });
  return {
    mode: "bundle",
    libEntry: join(outdir, "node/index.js"),
    cliMain: join(outdir, "cli/main.js"),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
