// What ships is dist/src, built from src/ minus *.test.ts (tsconfig.build.json). So every other
// file under src/ must be free of test code: no node:test, no node:assert, no import from test/.
// Test support belongs in test/support/ (CONTRIBUTING.md, "Test support files").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const TEST_IMPORT = /from\s+["'](node:test|node:assert(\/strict)?|(\.\.\/)+test\/[^"']*)["']/;

test("the rule sees a test import when there is one", () => {
  assert.match('import { test } from "node:test";', TEST_IMPORT);
  assert.match('import assert from "node:assert/strict";', TEST_IMPORT);
  assert.match('import { x } from "../../test/support/raw-model-file.js";', TEST_IMPORT);
  assert.doesNotMatch('import { Tensor } from "../tensor/tensor.js";', TEST_IMPORT);
});

test("no shipped source file under src/ imports test code", () => {
  const files = sourceFiles("src");
  assert.ok(files.length > 50, `found only ${files.length} source files: run from the repo root`);
  const offenders = files.filter((f) => TEST_IMPORT.test(readFileSync(f, "utf8")));
  assert.deepEqual(offenders, []);
});

test("the build leaves the *.test.ts files out", () => {
  const config = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as { exclude: string[] };
  assert.ok(config.exclude.includes("src/**/*.test.ts"));
});
