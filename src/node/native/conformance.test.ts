// The native backend against the conformance suite (the same cases js, wasm and the threads run).
// Needs the addon (npm run build:native, which needs g++ and libopenblas-dev): outside CI a
// missing addon skips visibly with the reason; under CI=true it fails.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runBackendSuite } from "../../../test/support/backend.case.js";
import { isCi } from "../../../test/support/system-package.js";
import { createNativeBackend } from "./backend.js";
import { loadAddon } from "./loader.js";

const load = loadAddon();
if (load.addon === null) {
  const reason = load.reason;
  test(
    "native backend conformance",
    isCi() ? {} : { skip: `${reason}: build it with \`npm run build:native\` (CI=true fails)` },
    () => assert.fail(`the native addon did not load: ${reason}`),
  );
} else {
  const backend = createNativeBackend(load.addon);
  runBackendSuite("native", () => backend);
}
