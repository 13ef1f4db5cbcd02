// Without Chromium the browser suite is skipped visibly outside CI (one line with the install
// command, counted as skipped, not passed) and fails under CI=true. Runs browser.test.ts in a
// child with MYELIN_CHROMIUM naming a file that does not exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SUITE = fileURLToPath(new URL("./browser.test.ts", import.meta.url));
const MISSING = "/nonexistent/chromium";

function runSuite(ci: boolean): { code: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, MYELIN_CHROMIUM: MISSING };
  delete env.CI;
  if (ci) env.CI = "true";
  // the child must not report into this run's test runner
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", "--test-reporter=tap", SUITE],
    { env, encoding: "utf8", timeout: 120_000 },
  );
  return { code: r.status, out: r.stdout + r.stderr };
}

test("outside CI: the Chromium test is skipped with the install command, not passed", () => {
  const r = runSuite(false);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /# skipped 1\n/);
  assert.match(r.out, /# pass 1\n/, "only the bundling negative control passes");
  const skipLines = r.out.split("\n").filter((l) => /# SKIP/.test(l));
  assert.equal(skipLines.length, 1, r.out);
  assert.match(
    skipLines[0],
    /the core runs in Chromium.*# SKIP .*\/nonexistent\/chromium is missing: install it with `apt-get install chromium`/,
  );
});

test("under CI=true: the Chromium test runs and fails on the missing browser", () => {
  const r = runSuite(true);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /# fail 1\n/);
  assert.match(r.out, /# skipped 0\n/);
  assert.match(r.out, /\/nonexistent\/chromium is missing: install Debian's browser/);
});
