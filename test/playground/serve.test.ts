// The served site in Chromium under the server's real Content-Security-Policy: the library's wasm
// kernels compile in the page and in a module worker with no CSP violation, every request stays on
// 127.0.0.1; a negative control shows the policy is enforced and that checking for "wasm" is
// needed: without 'wasm-unsafe-eval' the library silently falls back to its js kernels, with a
// securitypolicyviolation event but no console error; and the real playground (playground/) loads
// with no console error and no violation.
// The stub page (fixtures/stub-page) has the playground's shape: main.js, worker.js, style.css.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "../../scripts/build-playground.mjs";
import { CONTENT_SECURITY_POLICY } from "../../src/cli/static-server.js";
import {
  needsChromium,
  openPlayground,
  openSite,
  screenshot,
  SCREENSHOT_DIR,
  type OpenedPlayground,
} from "./harness.js";

const STUB = fileURLToPath(new URL("./fixtures/stub-page", import.meta.url));
let stubSite: string;

before(async () => {
  stubSite = mkdtempSync(join(tmpdir(), "myelin-stub-site-"));
  await buildPlayground({ sourceDir: STUB, outDir: stubSite });
});
after(() => rmSync(stubSite, { recursive: true, force: true }));

/** The texts the stub page writes once its page and worker products are done. */
async function stubResults(pg: OpenedPlayground): Promise<{ main: string; worker: string }> {
  await pg.page.waitForFunction(
    () => document.getElementById("worker-result")?.textContent !== "pending",
    null,
    { timeout: 20_000 },
  );
  const text = (id: string) => pg.page.locator(`#${id}`).textContent();
  return { main: (await text("main-result")) ?? "", worker: (await text("worker-result")) ?? "" };
}

describe("served under the playground's CSP", () => {
  test(
    "wasm kernels run in the page and its worker with no CSP violation, all requests local",
    { timeout: 60_000, ...needsChromium },
    async () => {
      const pg = await openSite(stubSite);
      try {
        assert.deepEqual(await stubResults(pg), { main: "wasm:finite", worker: "wasm:finite" });
        const shot = await screenshot(pg.page, "stub-page");
        assert.equal(shot, join(SCREENSHOT_DIR, "stub-page.png"));
        const png = readFileSync(shot);
        assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG"); // "PNG"
        await assert.rejects(screenshot(pg.page, "../escape"), /use \[A-Za-z0-9_.-\]/);
        const csp = await pg.page.evaluate(async () =>
          (await fetch("/")).headers.get("content-security-policy"),
        );
        assert.equal(csp, CONTENT_SECURITY_POLICY);
        assert.deepEqual(await pg.cspViolations(), []);
        assert.deepEqual(pg.consoleErrors, []);
        assert.deepEqual(pg.pageErrors, []);
        const origin = pg.origin.replace(/\/$/, "");
        const paths = pg.requests.map((u) => u.replace(origin, "").replace(/shared-\w+/, "shared"));
        assert.deepEqual(paths, [
          "/",
          "/style.css",
          "/main.js",
          "/shared.js",
          "/worker.js",
          "/shared.js",
          "/",
        ]);
      } finally {
        await pg.close();
      }
    },
  );

  test(
    "negative control: the same page without 'wasm-unsafe-eval' falls back to js, with a violation",
    { timeout: 60_000, ...needsChromium },
    async () => {
      const pg = await openSite(stubSite);
      try {
        await stubResults(pg);
        const weaker = CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", "");
        assert.notEqual(weaker, CONTENT_SECURITY_POLICY);
        await pg.page.route("**/*", async (route) => {
          const response = await route.fetch();
          const headers = { ...response.headers(), "content-security-policy": weaker };
          await route.fulfill({ response, headers });
        });
        await pg.page.reload({ waitUntil: "load" });
        assert.deepEqual(await stubResults(pg), { main: "js:finite", worker: "js:finite" });
        const violations = await pg.cspViolations(); // one per compile attempt
        assert.ok(violations.length > 0);
        assert.deepEqual(new Set(violations), new Set(["script-src wasm-eval"]));
      } finally {
        await pg.close();
      }
    },
  );

  test(
    "the playground page loads with no console error, no page error and no foreign request",
    { timeout: 90_000, ...needsChromium },
    async () => {
      const pg = await openPlayground();
      try {
        await pg.page.waitForLoadState("networkidle");
        await pg.page.waitForTimeout(1000); // let the first worker round trip happen
        assert.deepEqual(pg.consoleErrors, []);
        assert.deepEqual(pg.pageErrors, []);
        assert.deepEqual(await pg.cspViolations(), []);
        const foreign = pg.requests.filter((u) => !u.startsWith(pg.origin));
        assert.deepEqual(foreign, [], "every request goes to the playground's own server");
        assert.ok(
          pg.requests.some((u) => u.endsWith("/worker.js")),
          "the worker was started",
        );
      } finally {
        await pg.close();
      }
    },
  );
});
