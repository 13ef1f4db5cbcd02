// scripts/build-playground.mjs: the site it writes (bundled, minified ES modules with source maps,
// the static files copied, the library's wasm kernels inside the bundle so nothing is fetched),
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
  test("writes the site: bundles with maps, static files, the wasm kernels inside", async () => {
    const out = join(work, "site");
    const { outDir, files } = await buildPlayground({ sourceDir: STUB, outDir: out });
    assert.equal(outDir, out);
    assert.deepEqual(files, [
      "index.html",
      "main.js",
      "main.js.map",
      "style.css",
      "worker.js",
      "worker.js.map",
    ]);
    assert.equal(
      readFileSync(join(out, "index.html"), "utf8"),
      readFileSync(join(STUB, "index.html"), "utf8"),
    );
    for (const name of ["main.js", "worker.js"]) {
      const js = readFileSync(join(out, name), "utf8");
      assert.match(js, new RegExp(`//# sourceMappingURL=${name.replace(".", "\\.")}\\.map\\n?$`));
      assert.ok(js.includes(MATMUL_WASM_BASE64.slice(0, 200)), `${name} carries the wasm kernels`);
      assert.doesNotMatch(js, /\bimport\s*\(|from\s*["']|\bimport\s*["']/, `${name} is one file`);
      assert.ok(js.split("\n").length < 10, `${name} is minified`);
      const map = JSON.parse(readFileSync(join(out, `${name}.map`), "utf8")) as {
        sources: string[];
      };
      assert.ok(
        map.sources.some((s) => s.endsWith("src/backend/wasm/index.ts")),
        "the map names library sources",
      );
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
