// Static checks on the loader sources: no way to run code from a file (eval, new Function,
// dynamic import), and no Node-only imports in browser-safe src/io.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const IO_DIR = dirname(fileURLToPath(import.meta.url));
const SOURCES = readdirSync(IO_DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

/** Source text without comments, so doc prose cannot trip (or hide from) the checks. */
function code(file: string): string {
  return readFileSync(join(IO_DIR, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

test("src/io has sources to check", () => {
  assert.ok(SOURCES.includes("decode.ts") && SOURCES.includes("strict-json.ts"));
});

test("no eval, new Function or dynamic import() in src/io", () => {
  for (const f of SOURCES) {
    const src = code(f);
    // (a method named eval, as in module.eval(), is not the global eval)
    assert.doesNotMatch(src, /(?<![.\w$])eval\s*\(/, f);
    assert.doesNotMatch(src, /\bnew\s+Function\b|(?<![.\w$])Function\s*\(/, f);
    assert.doesNotMatch(src, /(?<![.\w$])import\s*\(/, f);
  }
});

test("src/io imports no Node-only modules (it must run in browsers)", () => {
  for (const f of SOURCES) {
    for (const m of code(f).matchAll(/\bfrom\s+["']([^"']+)["']/g)) {
      assert.ok(m[1].startsWith("."), `${f} imports ${m[1]}`);
      assert.ok(!m[1].includes("/node/"), `${f} imports ${m[1]}`);
    }
  }
});
