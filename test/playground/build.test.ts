// scripts/build-playground.mjs: the site it writes (minified ES modules with source maps, main.js
// and worker.js importing one shared chunk that holds the library with its wasm kernels, so
// nothing else is fetched; the static files copied),
// and its clear refusals: a missing entry, inline code a strict CSP would block, a bundle error.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "../../scripts/build-playground.mjs";
import { MATMUL_WASM_BASE64 } from "../../src/backend/wasm/generated/matmul-wasm.js";

const STUB = fileURLToPath(new URL("./fixtures/stub-page", import.meta.url));
const SCRIPT = fileURLToPath(new URL("../../scripts/build-playground.mjs", import.meta.url));
let work: string;

before(() => {
  work = mkdtempSync(join(tmpdir(), "myelin-build-playground-"));
});
after(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the stub page in `name`, with `edit` applied to its files. */
function stubCopy(name: string, edit: (dir: string) => void = () => {}): string {
  const dir = join(work, name);
  cpSync(STUB, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe("build-playground", () => {
  test("writes the site: main.js and worker.js share one chunk holding the library and its wasm", async () => {
    const out = join(work, "site");
    const { outDir, files } = await buildPlayground({ sourceDir: STUB, outDir: out });
    assert.equal(outDir, out);
    const shared = files.filter((f) => /^shared-\w+\.js$/.test(f));
    assert.equal(shared.length, 1, files.join(", "));
    const chunk = shared[0];
    assert.deepEqual(
      files,
      [
        "index.html",
        "main.js",
        "main.js.map",
        chunk,
        `${chunk}.map`,
        "style.css",
        "worker.js",
        "worker.js.map",
      ].sort(),
    );
    assert.equal(
      readFileSync(join(out, "index.html"), "utf8"),
      readFileSync(join(STUB, "index.html"), "utf8"),
    );
    const importsOf = (js: string) =>
      [...js.matchAll(/(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+)["']/g)].map((m) => m[1]);
    for (const name of ["main.js", "worker.js", chunk]) {
      const js = readFileSync(join(out, name), "utf8");
      // maps are written beside the files ("external"), and no file points at one: the npm package
      // leaves the maps out
      assert.doesNotMatch(js, /sourceMappingURL/, name);
      // minified: no comments but the map's, no indented statements
      assert.doesNotMatch(
        js,
        /^\s*\/\/(?!# sourceMappingURL)|^\s+(const|let|function|return)\b/m,
        name,
      );
      // the entries import only the chunk; the chunk imports nothing
      assert.deepEqual(importsOf(js), name === chunk ? [] : [`./${chunk}`], name);
      const map = JSON.parse(readFileSync(join(out, `${name}.map`), "utf8")) as {
        sources: string[];
      };
      assert.ok(map.sources.length > 0, `${name}.map lists its sources`);
    }
    const library = readFileSync(join(out, chunk), "utf8");
    assert.ok(
      library.includes(MATMUL_WASM_BASE64.slice(0, 200)),
      "the chunk carries the wasm kernels",
    );
    const chunkMap = JSON.parse(readFileSync(join(out, `${chunk}.map`), "utf8")) as {
      sources: string[];
    };
    assert.ok(
      chunkMap.sources.some((s) => s.endsWith("src/backend/wasm/index.ts")),
      "library sources",
    );
    for (const name of ["main.js", "worker.js"]) {
      const js = readFileSync(join(out, name), "utf8");
      assert.ok(!js.includes(MATMUL_WASM_BASE64.slice(0, 200)), `${name} has no second copy`);
    }
  });

  test("empties the output folder first", async () => {
    const out = join(work, "stale");
    await buildPlayground({ sourceDir: STUB, outDir: out });
    writeFileSync(join(out, "old.js"), "stale");
    const { files } = await buildPlayground({ sourceDir: STUB, outDir: out });
    assert.equal(files.includes("old.js"), false);
  });

  test("names every missing source", async () => {
    const dir = stubCopy("missing", (d) => {
      rmSync(join(d, "src/worker.ts"));
      rmSync(join(d, "style.css"));
    });
    await assert.rejects(buildPlayground({ sourceDir: dir, outDir: join(work, "o1") }), {
      message: /^build-playground: missing .*missing\/src\/worker\.ts, .*missing\/style\.css$/,
    });
  });

  test("refuses inline code in index.html, naming the line and what to do", async () => {
    const cases: [string, RegExp][] = [
      ["<script>alert(1)</script>", /an inline <script>/],
      ['<script type="module">import "./x.js"</script>', /an inline <script>/],
      ["<style>p{}</style>", /a <style> element/],
      ['<p style="color:red">x</p>', /a style= attribute/],
      ['<button onclick="go()">go</button>', /an on\.\.\.= event-handler attribute/],
      ['<a href="javascript:go()">go</a>', /a javascript: URL/],
    ];
    for (const [i, [markup, what]] of cases.entries()) {
      const dir = stubCopy(`inline-${i}`, (d) => {
        const html = readFileSync(join(d, "index.html"), "utf8");
        writeFileSync(join(d, "index.html"), html.replace("<body>", `<body>\n${markup}`));
      });
      await assert.rejects(
        buildPlayground({ sourceDir: dir, outDir: join(work, `o-${i}`) }),
        (e: Error) => {
          assert.match(e.message, /index\.html line 11 has /, markup);
          assert.match(e.message, what, markup);
          return true;
        },
      );
    }
  });

  test("as a command: exit 1 with esbuild's file:line for a bundle error, 0 when built", () => {
    const broken = stubCopy("broken", (d) =>
      writeFileSync(
        join(d, "src/worker.ts"),
        'import { nothing } from "./no-such-file.js";\nnothing();\n',
      ),
    );
    const bad = spawnSync(process.execPath, [SCRIPT, "--src", broken, "--out", join(work, "o2")], {
      encoding: "utf8",
    });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stderr, /src\/worker\.ts:1:\d+: Could not resolve "\.\/no-such-file\.js"/);
    assert.match(bad.stderr, /build-playground: the bundle failed/);
    const good = spawnSync(process.execPath, [SCRIPT, "--src", STUB, "--out", join(work, "o3")], {
      encoding: "utf8",
    });
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /playground built in .*o3: index\.html, main\.js, /);
    const usage = spawnSync(process.execPath, [SCRIPT, "--outt", "x"], { encoding: "utf8" });
    assert.equal(usage.status, 1);
    assert.match(
      usage.stderr,
      /usage: node scripts\/build-playground\.mjs \[--out <dir>\] \[--src <dir>\]/,
    );
  });
});
