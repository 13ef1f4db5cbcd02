// The playground in a real browser, for the playground's end-to-end tests: the site is built once
// per test process (scripts/build-playground.mjs, into a temporary folder, so parallel test files
// never share or race on dist/), served by the real `myelin playground` server on a free port,
// and opened in Debian's Chromium through playwright-core (never a downloaded browser).
// Every console error, page error, request URL and securitypolicyviolation event is recorded.
// Tests that use it declare `needsChromium` so a machine without Chromium skips them visibly.
//
//   test("loads", { timeout: 60_000, ...needsChromium }, async () => {
//     const pg = await openPlayground("dataset=xor");
//     try { … pg.page … assert.deepEqual(pg.consoleErrors, []) } finally { await pg.close() }
//   });
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { buildPlayground } from "../../scripts/build-playground.mjs";
import { startStaticServer } from "../../src/cli/static-server.js";
import { needsSystemPackage } from "../support/system-package.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Debian's Chromium; MYELIN_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.MYELIN_CHROMIUM ?? "/usr/bin/chromium";
/** node:test options: skip (visibly) without Chromium outside CI, run (and fail) under CI. */
export const needsChromium = needsSystemPackage(CHROMIUM, "chromium");
/** Screenshots land here (dist/ is git-ignored). */
export const SCREENSHOT_DIR = join(root, "dist/playground-shots");
/** The flags test/browser uses: headless, no sandbox (containers), no GPU, no network chatter. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

let site: Promise<string> | undefined;

/** Build the site once for this process; later calls reuse it. Resolves with its folder. */
export function builtSite(): Promise<string> {
  if (site === undefined) {
    const outDir = mkdtempSync(join(tmpdir(), "myelin-playground-site-"));
    process.once("exit", () => rmSync(outDir, { recursive: true, force: true }));
    site = buildPlayground({ outDir }).then((r) => r.outDir);
  }
  return site;
}

export interface OpenedPlayground {
  page: Page;
  /** The URL the page was opened at (http://127.0.0.1:PORT/?query). */
  url: string;
  /** The server's origin with a trailing slash. */
  origin: string;
  /** console.error messages of the page and its workers (a blocked script or style shows here). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page and its workers. */
  pageErrors: string[];
  /** Every URL the page requested, in order (workers' requests included). */
  requests: string[];
  /**
   * The page's securitypolicyviolation events ("directive blockedURI"), main thread only. The
   * library falls back to its js kernels without a console error when wasm is refused, so this is
   * where a too strict CSP shows.
   */
  cspViolations(): Promise<string[]>;
  /** Close the browser and stop the server. */
  close(): Promise<void>;
}

/**
 * Open the built playground at `?query` (with or without the leading `?`) and wait for the load
 * event. Each call gets its own server and browser; always call close().
 */
export async function openPlayground(query = ""): Promise<OpenedPlayground> {
  return openSite(await builtSite(), query);
}

/** openPlayground for any built site folder (the server tests use a stub page). */
export async function openSite(siteDir: string, query = ""): Promise<OpenedPlayground> {
  const server = await startStaticServer(siteDir, 0);
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (e) {
    await server.close();
    throw e;
  }
  const page = await browser.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (e) => pageErrors.push(e.stack ?? e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.addInitScript(recordCspViolations);
  const cspViolations = () =>
    page.evaluate(() => [...((window as CspWindow).__cspViolations ?? [])]);
  const search = query === "" || query.startsWith("?") ? query : `?${query}`;
  const url = `${server.url}${search}`;
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    await page.goto(url, { waitUntil: "load" });
  } catch (e) {
    await close();
    throw e;
  }
  return {
    page,
    url,
    origin: server.url,
    consoleErrors,
    pageErrors,
    requests,
    cspViolations,
    close,
  };
}

type CspWindow = Window & { __cspViolations?: string[] };

/** Runs in the page before its scripts (injected by the browser, so the CSP does not block it). */
function recordCspViolations(): void {
  const violations: string[] = [];
  (window as CspWindow).__cspViolations = violations;
  document.addEventListener("securitypolicyviolation", (e) =>
    violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
}

/** Save a full-page PNG as dist/playground-shots/<name>.png; resolves with its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name))
    throw new Error(`screenshot name ${JSON.stringify(name)}: use [A-Za-z0-9_.-]`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
