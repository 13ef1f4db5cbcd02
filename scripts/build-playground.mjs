// Builds the playground (playground/) into a static site that can be hosted anywhere:
//   main.js, worker.js   playground/src/{main,worker}.ts bundled by esbuild as browser ES modules
//                        (minified, with .map files) importing shared-HASH.js, the code both use
//                        (the library, through its browser entry, with the wasm kernels inside
//                        as base64: nothing is fetched but these files)
//   index.html, style.css  copied; index.html may hold no inline script or style, so the
//                        server's Content-Security-Policy (script-src 'self') lets it run
// It is not a dev server and does not type-check (npm run typecheck does).
//
// Usage: node scripts/build-playground.mjs [--out <dir>] [--src <dir>]
//   (defaults: dist/playground from playground/; --src builds another page of the same shape)
// Also importable: buildPlayground({ outDir, sourceDir }) → { outDir, files }.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_SOURCE_DIR = join(root, "playground");
export const DEFAULT_OUT_DIR = join(root, "dist/playground");

/** Bundled entries: source under playground/ → output name. */
const ENTRIES = [
  ["src/main.ts", "main"],
  ["src/worker.ts", "worker"],
];
/** Copied as they are. */
const STATIC_FILES = ["index.html", "style.css"];

/**
 * Markup a strict CSP (script-src 'self', style-src 'self') would block: inline scripts, inline
 * styles, event-handler attributes and javascript: URLs. Each entry: [pattern, what it is].
 */
const INLINE_CODE = [
  [/<script\b(?![^>]*\bsrc\s*=)[^>]*>/i, "an inline <script> (use <script type=module src=...>)"],
  [/<style\b/i, "a <style> element (put it in style.css)"],
  [/\sstyle\s*=/i, "a style= attribute (use a class in style.css)"],
  [/\son[a-z]+\s*=/i, "an on...= event-handler attribute (use addEventListener)"],
  [/javascript:/i, "a javascript: URL"],
];

/** Throws, naming the files, when a source the build needs is missing. */
function requireSources(sourceDir) {
  const needed = [...ENTRIES.map(([source]) => source), ...STATIC_FILES];
  const missing = needed.filter((name) => !existsSync(join(sourceDir, name)));
  if (missing.length > 0) {
    const names = missing.map((m) => relative(root, join(sourceDir, m)));
    throw new Error(`build-playground: missing ${names.join(", ")}`);
  }
}

/** Throws when index.html carries code a strict Content-Security-Policy would block. */
function checkNoInlineCode(html, file) {
  for (const [pattern, what] of INLINE_CODE) {
    const match = pattern.exec(html);
    if (match !== null) {
      const line = html.slice(0, match.index).split("\n").length;
      throw new Error(
        `build-playground: ${file} line ${line} has ${what}; the playground's CSP blocks inline code`,
      );
    }
  }
}

/**
 * Build the site into outDir (emptied first).
 * @param {{ outDir?: string; sourceDir?: string }} [options]
 * @returns {Promise<{ outDir: string; files: string[] }>}
 */
export async function buildPlayground(options = {}) {
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const sourceDir = resolve(options.sourceDir ?? DEFAULT_SOURCE_DIR);
  requireSources(sourceDir);
  const html = join(sourceDir, "index.html");
  checkNoInlineCode(readFileSync(html, "utf8"), relative(root, html));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRIES.map(([source, out]) => ({ in: join(sourceDir, source), out })),
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // the library is shared by main.js and worker.js: one chunk, downloaded once
    splitting: true,
    chunkNames: "shared-[hash]",
    minify: true,
    // maps beside the files for whoever hosts the folder, but no sourceMappingURL comment: the npm
    // package leaves the maps out, and a comment would point at a missing file
    sourcemap: "external",
    logLevel: "silent",
  });
  for (const name of STATIC_FILES) copyFileSync(join(sourceDir, name), join(outDir, name));
  return { outDir, files: readdirSync(outDir).sort() };
}

/** `--out <dir>` and `--src <dir>`, each optional. */
function parseArgs(argv) {
  const flags = { "--out": "outDir", "--src": "sourceDir" };
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = flags[argv[i]];
    if (key === undefined || argv[i + 1] === undefined) {
      throw new Error(
        "build-playground: usage: node scripts/build-playground.mjs [--out <dir>] [--src <dir>]",
      );
    }
    options[key] = argv[i + 1];
  }
  return options;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { outDir, files } = await buildPlayground(parseArgs(process.argv.slice(2)));
    console.log(
      `playground built in ${relative(process.cwd(), outDir) || "."}: ${files.join(", ")}`,
    );
  } catch (e) {
    // esbuild's errors list file:line:column for each problem
    const errors = e && Array.isArray(e.errors) ? e.errors : [];
    for (const err of errors) {
      const at = err.location
        ? `${err.location.file}:${err.location.line}:${err.location.column}: `
        : "";
      console.error(`${at}${err.text}`);
    }
    console.error(
      errors.length > 0 ? "build-playground: the bundle failed" : String(e.message ?? e),
    );
    process.exit(1);
  }
}
