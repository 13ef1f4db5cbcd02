// Runs every *.test.ts under src/ and test/ with Node's built-in test runner (TypeScript via tsx).
// Usage: node scripts/run-tests.mjs [filter-substring ...]
// Skipped tests (a missing system package outside CI) are listed after the summary, one line each.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = collect("src", collect("test", []))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
// the reporter node picks by default (spec on a terminal, tap otherwise), plus the skip list
const work = mkdtempSync(join(tmpdir(), "myelin-test-run-"));
const skipsFile = join(work, "skipped.txt");
const skipReporter = fileURLToPath(new URL("./skip-summary-reporter.mjs", import.meta.url));
const reporters = [
  `--test-reporter=${process.stdout.isTTY ? "spec" : "tap"}`,
  "--test-reporter-destination=stdout",
  `--test-reporter=${skipReporter}`,
  `--test-reporter-destination=${skipsFile}`,
];
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...reporters, ...files],
  { stdio: "inherit" },
);
let skipped = "";
try {
  skipped = readFileSync(skipsFile, "utf8");
} catch {
  // no file: the reporter never ran (the runner itself failed)
}
rmSync(work, { recursive: true, force: true });
if (skipped !== "") process.stdout.write(`\n${skipped}`);
process.exit(result.status ?? 1);
