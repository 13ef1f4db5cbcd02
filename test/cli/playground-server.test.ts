// The playground's static server (src/cli/static-server.ts), spoken to over raw sockets so every
// byte of the request is the test's own (Host header, `..`, %2e%2e, NUL, absolute-form): loopback
// only, foreign Host → 403, GET/HEAD only, nothing outside the folder, the exact CSP, nosniff and
// no CORS header on any response, Content-Type per extension, a taken port → the next one.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { startStaticServer, type StaticServer } from "../../src/cli/static-server.js";
import { tempDir } from "./helpers.js";

/** The policy issue 12 asks for, written out here independently of the server's constant. */
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";
const SECRET = "SECRET-OUTSIDE-THE-SITE";

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send `request` as bytes to 127.0.0.1:port and parse the HTTP/1.1 reply (Connection: close). */
function raw(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: text.slice(split + 4) });
    });
    socket.write(request, "latin1");
  });
}

/** A GET (or `method`) of `path` with the given Host header (none when null). */
function get(port: number, path: string, host: string | null, method = "GET") {
  const hostLine = host === null ? "" : `Host: ${host}\r\n`;
  return raw(port, `${method} ${path} HTTP/1.1\r\n${hostLine}Connection: close\r\n\r\n`);
}

let work: ReturnType<typeof tempDir>;
let site: string;
let served: StaticServer;

before(async () => {
  work = tempDir("myelin-static-server-");
  site = join(work.dir, "site");
  mkdirSync(join(site, "sub"), { recursive: true });
  writeFileSync(join(work.dir, "secret.txt"), SECRET);
  const files: Record<string, string> = {
    "index.html": "<!doctype html><title>t</title>",
    "main.js": "export {};",
    "style.css": "body{}",
    "main.js.map": "{}",
    "k.wasm": "\0asm",
    "p.png": "png",
    "i.svg": "<svg/>",
    "blob.bin": "bytes",
    "sub/page.html": "<p>sub</p>",
    ".hidden": SECRET,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(site, name), text);
  symlinkSync(join(work.dir, "secret.txt"), join(site, "link-out.txt"));
  served = await startStaticServer(site, 0);
});
after(async () => {
  await served.close();
  work.done();
});

describe("static server", () => {
  test("is bound to 127.0.0.1 only", async () => {
    const address = served.server.address();
    assert.ok(address !== null && typeof address === "object");
    assert.equal(address.address, "127.0.0.1");
    assert.equal(address.family, "IPv4");
    assert.equal(served.url, `http://127.0.0.1:${served.port}/`);
    // another address of this machine, if it has one, must refuse the connection
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a !== undefined && a.family === "IPv4" && !a.internal);
    if (external !== undefined) {
      await assert.rejects(
        new Promise((ok, fail) => {
          const s = connect(served.port, external.address);
          s.on("connect", () => ok(s.destroy()));
          s.on("error", fail);
        }),
        /ECONNREFUSED/,
      );
    }
  });

  test("answers 403 to a Host that is not localhost or 127.0.0.1 (DNS rebinding)", async () => {
    const p = served.port;
    for (const host of [
      "localhost",
      `localhost:${p}`,
      "127.0.0.1",
      `127.0.0.1:${p}`,
      "LocalHost",
    ]) {
      assert.equal((await get(p, "/", host)).status, 200, `Host: ${host}`);
    }
    for (const host of [
      "evil.example",
      `evil.example:${p}`,
      "localhost.evil.example",
      `127.0.0.1.nip.io:${p}`,
      `localhost:${p + 1}`,
      "[::1]",
      "0.0.0.0",
      "",
      null,
    ]) {
      const r = await get(p, "/", host);
      assert.equal(r.status === 403 || r.status === 400, true, `Host: ${host} → ${r.status}`);
      assert.doesNotMatch(r.body, /<title>/, `Host: ${host} got the page`);
    }
    assert.equal((await get(p, "/", "evil.example")).status, 403);
  });

  test("serves GET and HEAD only", async () => {
    const head = await get(served.port, "/main.js", "localhost", "HEAD");
    assert.equal(head.status, 200);
    assert.equal(head.headers["content-length"], "10");
    assert.equal(head.body, "");
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await get(served.port, "/index.html", "localhost", method);
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.allow, "GET, HEAD");
    }
  });

  test("never serves anything outside the folder", async () => {
    const attempts = [
      "/../secret.txt",
      "/sub/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/..%2fsecret.txt",
      "/sub/%2e%2e/%2e%2e/secret.txt",
      "/%252e%252e/secret.txt",
      "/..\\secret.txt",
      "/%5c..%5csecret.txt",
      `/${join(work.dir, "secret.txt")}`,
      `//${join(work.dir, "secret.txt")}`,
      "/index.html%00.png",
      "/%00",
      "/link-out.txt",
      "/.hidden",
      "/%2ehidden",
      "/%zz",
      "http://localhost/../secret.txt",
      "*",
    ];
    for (const path of attempts) {
      const r = await get(served.port, path, "localhost");
      assert.ok(r.status === 403 || r.status === 404, `${path} → ${r.status}`);
      assert.doesNotMatch(r.body, new RegExp(SECRET), path);
    }
    assert.equal((await get(served.port, "/sub/page.html", "localhost")).status, 200);
    assert.equal((await get(served.port, "/sub/", "localhost")).status, 404, "no listing");
    assert.equal((await get(served.port, "/nope.js", "localhost")).status, 404);
  });

  test("sends each file type with its Content-Type", async () => {
    const expected: Record<string, string> = {
      "/": "text/html; charset=utf-8",
      "/index.html?x=1": "text/html; charset=utf-8",
      "/main.js": "text/javascript; charset=utf-8",
      "/style.css": "text/css; charset=utf-8",
      "/main.js.map": "application/json; charset=utf-8",
      "/k.wasm": "application/wasm",
      "/p.png": "image/png",
      "/i.svg": "image/svg+xml",
      "/blob.bin": "application/octet-stream",
    };
    for (const [path, type] of Object.entries(expected)) {
      const r = await get(served.port, path, "127.0.0.1");
      assert.equal(r.status, 200, path);
      assert.equal(r.headers["content-type"], type, path);
    }
    assert.equal((await get(served.port, "/k.wasm", "localhost")).body, "\0asm");
  });

  test("every response has the exact CSP and nosniff, and no CORS header", async () => {
    const p = served.port;
    const responses = [
      await get(p, "/", "localhost"),
      await get(p, "/main.js", "localhost"),
      await get(p, "/nope", "localhost"),
      await get(p, "/../secret.txt", "localhost"),
      await get(p, "/", "evil.example"),
      await get(p, "/", "localhost", "OPTIONS"),
      await raw(
        p,
        "GET / HTTP/1.1\r\nHost: localhost\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
      ),
    ];
    for (const r of responses) {
      assert.equal(r.headers["content-security-policy"], EXPECTED_CSP, `status ${r.status}`);
      assert.equal(r.headers["x-content-type-options"], "nosniff");
      const cors = Object.keys(r.headers).filter((h) => h.startsWith("access-control-"));
      assert.deepEqual(cors, [], `status ${r.status}`);
    }
  });
});

describe("ports", () => {
  test("a taken port moves on to the next free one", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(0, "127.0.0.1", () => ok()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const second = await startStaticServer(site, taken);
      try {
        assert.ok(second.port > taken && second.port <= taken + 20, `${taken} → ${second.port}`);
        assert.equal((await get(second.port, "/", "localhost")).status, 200);
      } finally {
        await second.close();
      }
    } finally {
      await new Promise<void>((ok) => blocker.close(() => ok()));
    }
  });
});
