// Runs in the temporary project: serves the esbuild and the Vite build of browser-program.ts from
// 127.0.0.1, opens each page in Debian's Chromium through the project's own playwright-core, and
// prints { esbuild, vite } — each page's window.__results plus any page error or failed request.
// Usage: node browser-check.mjs SITE_DIR CHROMIUM   (SITE_DIR holds esbuild/ and vite/)
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { chromium } from "playwright-core";

const [site, executablePath] = process.argv.slice(2);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

const server = createServer((req, res) => {
  const name = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, "");
  const path = normalize(join(site, name));
  if (!path.startsWith(site + sep) || !existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
  res.end(readFileSync(path));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const report = {};
try {
  for (const bundler of ["esbuild", "vite"]) {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on(
      "response",
      (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`),
    );
    await page.goto(`${origin}/${bundler}/index.html`);
    await page.waitForFunction("window.__results !== undefined", null, { timeout: 20_000 });
    report[bundler] = { results: await page.evaluate("window.__results"), problems };
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(report));
