// What the packed tarball may hold and how big it may be: pure checks over `npm pack --json`'s
// file list and package.json, so test/packaging/tarball-rules.test.ts can run them on made-up
// lists. run.ts applies them to the real tarball; this file does no I/O.

/**
 * Unpacked size budget in bytes. Measured 2026-12-03 (version 0.1.0, after `npm run build` and
 * `npm run build:playground`, as .ci/run does): 1 843 318 bytes unpacked in 569 files (583 KB
 * packed), of which dist/playground is 339 944 (its shared chunk, 292 550, is a second copy of
 * the core) and the generated ONNX module 275 972. The budget is that plus ~25 % headroom.
 * Raise it on purpose, in its own commit that says what grew, never to make a run pass.
 */
export const UNPACKED_BUDGET_BYTES = 2_300_000;

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
