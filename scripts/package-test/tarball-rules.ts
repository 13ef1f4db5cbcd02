// What the packed tarball may hold and how big it may be: pure checks over `npm pack --json`'s
// file list and package.json, so test/packaging/tarball-rules.test.ts can run them on made-up
// lists. run.ts applies them to the real tarball; this file does no I/O.

/**
 * Unpacked size budget in bytes. First measured 2026-12-03 at 1 843 318 bytes (budget 2 300 000).
 * Re-measured the same day after the worker helper, safetensors, the captured training step, the
 * native backend's loader and the API reference's doc comments landed: 2 328 498 bytes (of which
 * dist/src/io 466 KB — the ONNX module 359 KB with its generated protobuf code, safetensors 49 KB
 * — dist/src/worker 48 KB, dist/src/train/capture 25 KB, dist/src/node/native 19 KB; the .d.ts
 * files are 582 KB of the total, doc comments included). The budget is that plus ~25 % headroom.
 * Raise it on purpose, in its own commit that says what grew, never to make a run pass.
 */
export const UNPACKED_BUDGET_BYTES = 2_900_000;

/** One file of `npm pack --json`'s listing (paths relative to the package root). */
export interface PackedFile {
  path: string;
  size: number;
}

/** Test-only or build-only paths that must never ship, each with the reason it names. */
const FORBIDDEN: [RegExp, string][] = [
  [/\.test\.[cm]?[jt]sx?$|\.test\.d\.[cm]?ts$/, "a test file"],
  [/(^|\/)test\//, "the test folder"],
  [/(^|\/)fixtures?\//, "a test fixture"],
  [/(^|\/)bench\//, "a benchmark"],
  [/(^|\/)scripts\//, "a repo script"],
  [/(^|\/)examples\//, "an example (run from the repo, not shipped)"],
  [/\.map$/, "a source map (excluded by package.json files)"],
  [/(^|\/)src\/.*(?<!\.d)\.ts$/, "TypeScript source (the package ships dist/)"],
  [/\.myelin$|\.tgz$|\.ckpt$/, "a model, checkpoint or tarball"],
];

/** The paths that must not ship, as "path: reason". */
export function forbiddenFiles(files: readonly PackedFile[]): string[] {
  const found: string[] = [];
  for (const { path } of files) {
    const rule = FORBIDDEN.find(([pattern]) => pattern.test(path));
    if (rule) found.push(`${path}: ${rule[1]}`);
  }
  return found;
}

/** The package.json fields that name shipped files. */
export interface EntryFields {
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
}

/** Every file path an exports map names (conditions and subpaths, nested), with its key path. */
function exportTargets(value: unknown, where: string, out: [string, string][]): void {
  if (typeof value === "string") out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => exportTargets(v, `${where}[${i}]`, out));
  else if (value !== null && typeof value === "object")
    for (const [key, v] of Object.entries(value)) exportTargets(v, `${where}["${key}"]`, out);
}

/** Each entry point (main, types, bin, exports) whose file is not in the tarball, as "field → path". */
export function missingEntryFiles(pkg: EntryFields, files: readonly PackedFile[]): string[] {
  const targets: [string, string][] = [];
  if (pkg.main !== undefined) targets.push(["main", pkg.main]);
  if (pkg.types !== undefined) targets.push(["types", pkg.types]);
  if (typeof pkg.bin === "string") targets.push(["bin", pkg.bin]);
  else if (pkg.bin)
    for (const [name, p] of Object.entries(pkg.bin)) targets.push([`bin.${name}`, p]);
  exportTargets(pkg.exports, "exports", targets);
  const shipped = new Set(files.map((f) => f.path));
  return targets
    .filter(([, path]) => !shipped.has(path.replace(/^\.\//, "")))
    .map(([field, path]) => `${field} → ${path}`);
}

/** Files grouped by their first two path segments: [folder, files, bytes], largest first. */
export function sizeByFolder(files: readonly PackedFile[]): [string, number, number][] {
  const groups = new Map<string, [number, number]>();
  for (const { path, size } of files) {
    const parts = path.split("/");
    const folder =
      parts.length > 2 ? parts.slice(0, 3).join("/") : parts.length > 1 ? parts[0] : ".";
    const g = groups.get(folder) ?? [0, 0];
    groups.set(folder, [g[0] + 1, g[1] + size]);
  }
  return [...groups]
    .map(([f, [n, b]]) => [f, n, b] as [string, number, number])
    .sort((a, b) => b[2] - a[2]);
}
