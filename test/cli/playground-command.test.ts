// `myelin playground` as a process: it prints the URL, says so when its port is taken and serves
// on the next one, opens the browser through the platform opener unless --no-open, stops cleanly
// (exit 0, "stopped") on Ctrl-C, and explains how to build a missing site. The site served is the
// stub page of test/playground/fixtures, built by the real build script.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "../../scripts/build-playground.mjs";
import { openerCommand } from "../../src/cli/open-browser.js";
import { MAIN, runMain, tempDir } from "./helpers.js";

const STUB = fileURLToPath(new URL("../playground/fixtures/stub-page", import.meta.url));
const TSX = import.meta.resolve("tsx");

let work: ReturnType<typeof tempDir>;
let site: string;
/** Every CLI process started, so a failed test leaves none running. */
const started: ChildProcess[] = [];

before(async () => {
  work = tempDir("myelin-playground-cmd-");
  site = join(work.dir, "site");
  await buildPlayground({ sourceDir: STUB, outDir: site });
});
after(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill();
  work.done();
});

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Spawn the CLI from source with `args`; resolves once stdout printed the URL. */
async function start(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, "playground", ...args], {
    cwd: work.dir,
    env: { ...env, NO_COLOR: "1" },
  });
  started.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
  const deadline = Date.now() + 30_000;
  while (!/http:\/\/\S+\n/.test(out)) {
    const code = child.exitCode;
    if (code !== null) assert.fail(`exited ${code} before printing a URL:\n${err}`);
    if (Date.now() > deadline) {
      child.kill();
      assert.fail(`no URL within 30 s:\n${out}\n${err}`);
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The URL printed on stdout. */
function printedUrl(r: Running): URL {
  const m = /Myelin playground: (http:\/\/\S+)\n/.exec(r.stdout());
  assert.ok(m !== null, r.stdout());
  return new URL(m[1]);
}

/** Ctrl-C, then the exit code. */
async function interrupt(r: Running): Promise<number | null> {
  r.child.kill("SIGINT");
  return r.exited;
}

describe("myelin playground", () => {
  test("serves the site, says which port it took instead of a taken one, stops on Ctrl-C", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(0, "127.0.0.1", () => ok()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const r = await start(["--dir", site, "--port", String(taken), "--no-open"]);
      const url = printedUrl(r);
      assert.equal(url.hostname, "127.0.0.1");
      const port = Number(url.port);
      assert.ok(port > taken && port <= taken + 20, `${taken} → ${port}`);
      assert.match(
        r.stderr(),
        new RegExp(`port ${taken} is taken; serving on ${port} instead`),
        r.stderr(),
      );
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script type="module" src="main\.js">/);
      assert.equal(await interrupt(r), 0, r.stderr());
      assert.match(r.stderr(), /myelin playground: stopped\n/);
      await assert.rejects(fetch(url), "the server is gone after Ctrl-C");
    } finally {
      await new Promise<void>((ok) => blocker.close(() => ok()));
    }
  });

  test(
    "opens the browser with the platform opener, and not with --no-open",
    { skip: process.platform !== "linux" ? "uses a fake xdg-open" : undefined },
    async () => {
      const bin = join(work.dir, "bin");
      mkdirSync(bin, { recursive: true });
      const log = join(work.dir, "opened.txt");
      assert.equal(openerCommand("u", "linux")[0], "xdg-open");
      writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\necho "$1" >> "${log}"\n`);
      chmodSync(join(bin, "xdg-open"), 0o755);
      const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` };

      const quiet = await start(["--dir", site, "--port", "0", "--no-open"], env);
      await new Promise((ok) => setTimeout(ok, 500)); // time an opener would have had
      assert.equal(await interrupt(quiet), 0);
      assert.equal(existsSync(log), false, "--no-open ran an opener");

      const opening = await start(["--dir", site, "--port", "0"], env);
      const url = printedUrl(opening).href;
      const deadline = Date.now() + 10_000;
      while (!existsSync(log) && Date.now() < deadline)
        await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(await interrupt(opening), 0);
      assert.equal(readFileSync(log, "utf8"), `${url}\n`);
    },
  );

  test("explains how to build a missing site", async () => {
    const empty = join(work.dir, "empty");
    mkdirSync(empty, { recursive: true });
    const r = await runMain(["playground", "--dir", "empty", "--no-open"], work.dir);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /no built playground: .*empty has no index\.html; build it with `npm run build:playground`/,
    );
  });

  test("--help names the flags", async () => {
    const r = await runMain(["playground", "--help"], work.dir);
    assert.equal(r.code, 0);
    for (const flag of ["--port N", "--no-open", "--dir FOLDER"])
      assert.match(r.stdout, new RegExp(flag));
  });
});
