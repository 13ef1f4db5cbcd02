// npm run docs: the API reference. TypeDoc (typedoc.json) reads the doc comments of the two public
// entries (src/index.ts for "myelin/browser", src/node/index.ts for "myelin") and writes Markdown
// to docs/api/. Validation is on and fails the run: an exported symbol without a doc comment, a
// type the API names but does not export, a broken {@link}.
//
//   node scripts/docs.mjs           regenerate docs/api/ (commit the result)
//   node scripts/docs.mjs --check   regenerate into a temporary folder and fail when it differs
//                                   from the committed docs/api/ (what .ci/run does), so the
//                                   committed reference cannot go stale unnoticed
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = join(root, "docs", "api");
const typedoc = join(root, "node_modules", "typedoc", "bin", "typedoc");

/** Run TypeDoc with typedoc.json, writing to `out`; exits with TypeDoc's status when it fails. */
function generate(out) {
  const run = spawnSync(process.execPath, [typedoc, "--options", "typedoc.json", "--out", out], {
    cwd: root,
    stdio: "inherit",
  });
  if (run.status !== 0) {
    console.error(
      `docs: TypeDoc failed (exit ${run.status ?? run.signal}); see its messages above`,
    );
    process.exit(run.status || 1);
  }
}

/** Every file under `dir`, as paths relative to it, sorted. */
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Files that differ between two trees: changed, only in `fresh` (new) or only in `old` (gone). */
export function treeDifferences(old, fresh) {
  const a = listFiles(old);
  const b = listFiles(fresh);
  const inA = new Set(a);
  const inB = new Set(b);
  const diffs = [];
  for (const f of b) {
    if (!inA.has(f)) diffs.push(`new:     ${f}`);
    else if (!readFileSync(join(old, f)).equals(readFileSync(join(fresh, f))))
      diffs.push(`changed: ${f}`);
  }
  for (const f of a) if (!inB.has(f)) diffs.push(`gone:    ${f}`);
  return diffs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes("--check")) {
    generate(committed);
  } else {
    const fresh = mkdtempSync(join(tmpdir(), "myelin-docs-"));
    try {
      generate(fresh);
      const diffs = statSync(committed, { throwIfNoEntry: false })
        ? treeDifferences(committed, fresh)
        : ["missing: docs/api/ (never generated)"];
      if (diffs.length > 0) {
        console.error(
          `docs: docs/api/ is stale — ${diffs.length} file(s) differ from the sources:`,
        );
        for (const d of diffs.slice(0, 30)) console.error(`  ${d}`);
        if (diffs.length > 30) console.error(`  … and ${diffs.length - 30} more`);
        console.error("Run `npm run docs` and commit docs/api/.");
        process.exit(1);
      }
      console.log(`docs: docs/api/ matches the sources (${listFiles(fresh).length} files)`);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }
}
