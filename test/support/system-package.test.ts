// needsSystemPackage: a visible skip outside CI, a run (that fails on the missing file) under CI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isCi, needsSystemPackage } from "./system-package.js";

const MISSING = "/nonexistent/myelin-system-package-probe";

test("a missing package skips outside CI, with the install command", () => {
  const options = needsSystemPackage(MISSING, "chromium", {});
  assert.equal(
    options.skip,
    `${MISSING} is missing: install it with \`apt-get install chromium\` (CI=true fails instead)`,
  );
});

test("under CI=true a missing package runs (and its test fails on the file)", () => {
  assert.deepEqual(needsSystemPackage(MISSING, "chromium", { CI: "true" }), {});
  assert.deepEqual(needsSystemPackage(MISSING, "chromium", { CI: "1" }), {});
  assert.equal(isCi({ CI: "false" }), false);
  assert.equal(isCi({}), false);
});

test("an installed package runs", () => {
  assert.deepEqual(needsSystemPackage(process.execPath, "nodejs", {}), {});
});
