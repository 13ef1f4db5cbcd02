// Runs every program in examples/ in quick mode and checks what its header claims, so no example
// rots: each prints `RESULT {json}` last, and scripts/example-claims.mjs checks that JSON (accuracy
// thresholds, formulas). The browser example is bundled with esbuild and opened in Debian's
// Chromium (never a downloaded browser). Prints a table; exits 1 if any claim fails.
// Usage: node scripts/run-examples.mjs [--full] [name-substring ...]
//   --full  run without --quick (the examples' own epoch counts; minutes, not seconds)
// A missing system package (dataset-fashion-mnist, chromium) skips that example, visibly, outside
// CI; with CI=true it fails.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EXAMPLES, checkClaims, parseResult } from "./example-claims.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLES_DIR = join(ROOT, "examples");
const TIMEOUT_MS = 240_000;
const BROWSER_TIMEOUT_MS = 60_000;
const CI = process.env.CI === "true" || process.env.CI === "1";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

/** The examples read EPOCHS; a value left in the caller's environment must not change the run. */
function withoutEpochs(env) {
  delete env.EPOCHS;
  return env;
}

/** Run one example with tsx; resolves to its stdout, or an error naming the exit and stderr. */
function runNode(example, full) {
  const args = ["--import", "tsx", join(EXAMPLES_DIR, example.file), ...(full ? [] : ["--quick"])];
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    env: withoutEpochs({ ...process.env, NO_COLOR: "1" }),
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error) return { error: `${run.error.message}` };
  if (run.status !== 0) {
    const tail = `${run.stderr}${run.stdout}`.trim().split("\n").slice(-8).join("\n");
    return { error: `exit ${run.status ?? run.signal}:\n${tail}` };
  }
  return { stdout: run.stdout };
}

/** Bundle the browser example, open its page from disk in Chromium, collect its console output. */
async function runBrowser(example) {
  const [{ build }, { chromium }] = await Promise.all([
    import("esbuild"),
    import("playwright-core"),
  ]);
  const dir = mkdtempSync(join(tmpdir(), "myelin-example-browser-"));
  let browser = null;
  try {
    const source = join(EXAMPLES_DIR, example.file);
    await build({
      entryPoints: [source],
      bundle: true,
      outfile: join(dir, "main.js"),
      logLevel: "silent",
    });
    copyFileSync(join(EXAMPLES_DIR, "browser", "index.html"), join(dir, "index.html"));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
    const page = await browser.newPage();
    const lines = [];
    const errors = [];
    page.on("console", (m) => (m.type() === "error" ? errors : lines).push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:"))
        errors.push(`request ${r.url()}`);
    });
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    const deadline = Date.now() + BROWSER_TIMEOUT_MS;
    while (
      !lines.some((l) => l.startsWith("RESULT ")) &&
      errors.length === 0 &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 100));
    if (errors.length > 0) return { error: errors.join("\n") };
    const status = await page.textContent("#status");
    return { stdout: `${status}\n${lines.join("\n")}` };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const full = argv.includes("--full");
  const filters = argv.filter((a) => a !== "--full");
  const chosen = EXAMPLES.filter(
    (e) => filters.length === 0 || filters.some((f) => e.name.includes(f)),
  );
  if (chosen.length === 0) {
    console.error(
      `no example matches ${filters.join(", ")}; examples: ${EXAMPLES.map((e) => e.name).join(", ")}`,
    );
    process.exit(2);
  }
  const rows = [];
  for (const example of chosen) {
    const started = performance.now();
    let outcome;
    if (example.needs && !existsSync(example.needs.path) && !CI) {
      outcome = { skip: `${example.needs.path} missing: apt-get install ${example.needs.pkg}` };
    } else {
      process.stdout.write(`running ${example.name} …\n`);
      outcome = example.browser ? await runBrowser(example) : runNode(example, full);
    }
    const seconds = (performance.now() - started) / 1000;
    if (outcome.skip) {
      rows.push({ example, status: "SKIP", seconds, detail: [outcome.skip] });
      continue;
    }
    const parsed = outcome.error ? { error: outcome.error } : parseResult(outcome.stdout);
    if (parsed.error) {
      rows.push({ example, status: "FAIL", seconds, detail: [parsed.error] });
      continue;
    }
    const checks = checkClaims(example, parsed.value);
    const ok = checks.every((c) => c.ok);
    const detail = checks.map((c) => `${c.ok ? "✓" : "✗"} ${c.claim}`);
    detail.push(
      `RESULT ${JSON.stringify(parsed.value, (k, v) => (Array.isArray(v) && v.length > 6 ? `[${v.length} values]` : v))}`,
    );
    rows.push({ example, status: ok ? "PASS" : "FAIL", seconds, detail });
  }

  console.log(`\nexamples (${full ? "full" : "quick"} mode)`);
  console.log(`${"example".padEnd(24)} ${"status".padEnd(6)} ${"time".padStart(7)}  claims`);
  for (const row of rows) {
    const [first, ...rest] = row.detail;
    console.log(
      `${row.example.name.padEnd(24)} ${row.status.padEnd(6)} ${row.seconds.toFixed(1).padStart(6)}s  ${first}`,
    );
    for (const line of rest)
      console.log(`${" ".repeat(40)}${line.replace(/\n/g, `\n${" ".repeat(40)}`)}`);
  }
  const failed = rows.filter((r) => r.status === "FAIL").length;
  const skipped = rows.filter((r) => r.status === "SKIP").length;
  const total = rows.reduce((s, r) => s + r.seconds, 0);
  console.log(
    `\n${rows.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped in ${total.toFixed(1)} s`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

await main();
