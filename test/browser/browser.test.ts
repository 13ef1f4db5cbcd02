// The core (src/index.ts) runs in browsers, with the WebAssembly SIMD backend
// feature-probed and loaded there. This suite bundles src/index.ts for the browser with esbuild
// (which fails on any Node builtin import), serves it from 127.0.0.1, and runs page.ts in Debian's
// Chromium through playwright-core (never a downloaded browser): SIMD probe, a float32 matmul on
// the wasm backend checked against a plain loop and the js backend, XOR trained with the public
// API, and a float64 gradcheck (with a negative control). Assertions are made here, in Node.
// Without /usr/bin/chromium the Chromium test is skipped, visibly, outside CI; under CI=true it fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium, type Browser } from "playwright-core";
import type { PageResults } from "./page.js";
import { needsSystemPackage } from "../support/system-package.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
/** Debian's Chromium; MYELIN_CHROMIUM points elsewhere (skip-without-chromium.test.ts names a missing one). */
const CHROMIUM = process.env.MYELIN_CHROMIUM ?? "/usr/bin/chromium";

/** Bundle `entry` for the browser into `outfile` (ESM); rejects on any build error. */
async function bundle(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
}

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Myelin browser test</title><link rel="icon" href="data:,"></head>
<body><script type="module">
import * as M from "./myelin.js";
import { runChecks } from "./page.js";
window.__results = Promise.resolve()
  .then(() => runChecks(M))
  .catch((e) => ({ error: String(e && e.stack ? e.stack : e) }));
</script></body></html>`;

/** Serve the files of `dir` (flat) on 127.0.0.1 at an ephemeral port. */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
  const server = createServer((req, res) => {
    const name = (req.url ?? "/").split("?")[0].replace(/^\/+/, "") || "index.html";
    const path = join(dir, name);
    if (name.includes("/") || name.includes("..") || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    const ext = name.slice(name.lastIndexOf("."));
    res.writeHead(200, { "content-type": types[ext] ?? "application/octet-stream" });
    res.end(readFileSync(path));
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const address = server.address() as AddressInfo | null;
  assert.ok(address !== null && typeof address === "object", "server.address() is an AddressInfo");
  assert.equal(address.address, "127.0.0.1");
  assert.ok(address.port > 0, `ephemeral port ${address.port}`);
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

test("esbuild refuses a Node builtin when bundling for the browser (negative control)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "myelin-browser-neg-"));
  try {
    const entry = join(dir, "entry.js");
    writeFileSync(entry, 'import { readFileSync } from "node:fs";\nconsole.log(readFileSync);\n');
    await assert.rejects(bundle(entry, join(dir, "out.js")), (e: Error) => {
      assert.match(e.message, /node:fs/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  "the core runs in Chromium with the wasm SIMD backend",
  { timeout: 30_000, ...needsSystemPackage(CHROMIUM, "chromium") },
  async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: install Debian's browser with \`apt-get install chromium\``,
    );
    const dir = mkdtempSync(join(tmpdir(), "myelin-browser-"));
    let server: Server | null = null;
    let browser: Browser | null = null;
    try {
      // Bundling the core fails (and so does this test) if it imports any Node builtin.
      await bundle(join(root, "src/index.ts"), join(dir, "myelin.js"));
      await bundle(join(here, "page.ts"), join(dir, "page.js"));
      const pageBundle = readFileSync(join(dir, "page.js"), "utf8");
      assert.doesNotMatch(pageBundle, /class Tensor/, "page.js must not carry its own Myelin copy");
      writeFileSync(join(dir, "index.html"), HTML);

      const served = await serve(dir);
      server = served.server;

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
      });
      page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
      page.on("response", (r) => {
        if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
      });

      await page.goto(`${served.origin}/index.html`);
      await page.waitForFunction("window.__results !== undefined");
      const results = (await page.evaluate("window.__results")) as PageResults | { error: string };
      assert.deepEqual(errors, [], "page errors");
      if ("error" in results) assert.fail(`the page threw: ${results.error}`);

      assert.match(results.userAgent, /Chrome\//);
      assert.equal(results.hasWasmSimd, true, "hasWasmSimd() in Chromium");
      assert.deepEqual(results.backendsBefore, ["js"], "nothing loaded before the first kernel");
      assert.equal(
        results.backendAfterMatmul,
        "wasm",
        "default backend after a 64×96·96×80 matmul",
      );
      assert.deepEqual(results.matmulShape, [64, 80]);
      // float32 sums of 96 products of N(0,1) values: |C| ≈ 10, float32 rounding ≈ 1e-6 relative
      assert.ok(results.matmulRelErrVsLoop <= 1e-4, `wasm vs loop: ${results.matmulRelErrVsLoop}`);
      assert.equal(results.backendAfterSetJs, "js");
      assert.ok(results.matmulRelErrVsJs <= 1e-4, `wasm vs js: ${results.matmulRelErrVsJs}`);

      const { xor } = results;
      assert.equal(xor.backend, "wasm");
      assert.equal(xor.accuracy, 1, `XOR accuracy after ${xor.steps} Adam steps`);
      assert.ok(xor.firstLoss > 0.5, `first loss ${xor.firstLoss} (ln 2 ≈ 0.69 at chance)`);
      assert.ok(xor.lastLoss < 0.05, `last loss ${xor.lastLoss}`);

      assert.equal(results.gradcheck.ok, true, JSON.stringify(results.gradcheck));
      assert.equal(results.gradcheck.checked, 3 * 4 + 4 * 2, "every input element checked");
      // x² given the backward of x³: errors of order |x²| ≈ 1, far above the tolerance
      assert.equal(results.gradcheckWrong.ok, false, JSON.stringify(results.gradcheckWrong));
      assert.ok(results.gradcheckWrong.maxAbsError > 0.01);
    } finally {
      if (browser !== null) await browser.close();
      if (server !== null) {
        const s = server;
        await new Promise<void>((ok) => s.close(() => ok()));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
