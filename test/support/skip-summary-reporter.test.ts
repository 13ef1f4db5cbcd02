// scripts/skip-summary-reporter.mjs (used by scripts/run-tests.mjs): every skipped test is listed
// with its reason after the run, so a skip never reads as a pass; nothing when none was skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import skipSummary from "../../scripts/skip-summary-reporter.mjs";

async function report(events: { type: string; data: Record<string, unknown> }[]): Promise<string> {
  async function* source() {
    yield* events;
  }
  let text = "";
  for await (const chunk of skipSummary(source())) text += chunk;
  return text;
}

test("skipped tests are listed with their reason and file", async () => {
  const text = await report([
    { type: "test:pass", data: { name: "ran", file: "/r/test/a.test.ts" } },
    {
      type: "test:pass",
      data: {
        name: "in Chromium",
        skip: "install it with `apt-get install chromium`",
        file: "/r/test/browser/b.test.ts",
      },
    },
    { type: "test:fail", data: { name: "failed", file: "/r/test/c.test.ts" } },
  ]);
  assert.equal(
    text,
    "SKIPPED — 1 test was not run (not passed):\n  - in Chromium (test/browser/b.test.ts): install it with `apt-get install chromium`\n",
  );
});

test("no skipped test: no output", async () => {
  assert.equal(await report([{ type: "test:pass", data: { name: "ran" } }]), "");
});
