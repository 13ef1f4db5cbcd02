// The documentation's examples are programs, and this suite runs them. Every ```ts block of
// docs/*.md and README.md is written to its own temp .mts file with `from "myelin"` pointed at
// src/node/index.ts, then run by `node --import tsx` in a temp directory; it must exit with 0.
// Blocks check their own claims with node:assert, so prose and code cannot drift apart silently.
// A block fenced as ```ts no-run is shown but not run (use sparingly).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NODE_ENTRY = join(ROOT, "src/node/index.ts");
const BROWSER_ENTRY = join(ROOT, "src/index.ts");
const TSX_LOADER = import.meta.resolve("tsx");
/** Per-block limit; the whole suite stays well under a minute with 4 blocks at a time. */
const BLOCK_TIMEOUT_MS = 45_000;

interface Block {
  file: string;
  line: number;
  info: string;
  code: string;
}

/** Every fenced block whose info string starts with "ts" (```ts, ```ts no-run). */
export function extractBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```(ts\b[^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(text); m !== null; m = fence.exec(text)) {
    const line = text.slice(0, m.index).split("\n").length;
    blocks.push({ file, line, info: m[1].trim(), code: m[2] });
  }
  return blocks;
}

/** Point the package imports at the sources: "myelin" → Node entry, "myelin/browser" → core. */
export function rewriteImports(code: string): string {
  return code
    .replace(/from\s+["']myelin\/browser["']/g, `from ${JSON.stringify(BROWSER_ENTRY)}`)
    .replace(/from\s+["']myelin["']/g, `from ${JSON.stringify(NODE_ENTRY)}`);
}

function docFiles(): string[] {
  const docs = readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f));
  return ["README.md", ...docs.sort()];
}

function run(path: string, cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, path], {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), BLOCK_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const blocks = docFiles().flatMap((f) => extractBlocks(f, readFileSync(join(ROOT, f), "utf8")));
const runnable = blocks.filter((b) => !/\bno-run\b/.test(b.info));

describe("doc examples: extraction", () => {
  test("the extractor finds fenced ts blocks, their info strings and lines", () => {
    const md = "text\n```ts\nconst a = 1;\n```\n\n```ts no-run\nx\n```\n```sh\nls\n```\n";
    const got = extractBlocks("t.md", md);
    assert.deepEqual(
      got.map((b) => [b.line, b.info, b.code]),
      [
        [2, "ts", "const a = 1;\n"],
        [6, "ts no-run", "x\n"],
      ],
    );
  });

  test("imports of myelin are rewritten to the source entries", () => {
    const out = rewriteImports(
      `import { nn } from "myelin";\nimport * as m from 'myelin/browser';`,
    );
    assert.ok(
      out.includes(JSON.stringify(NODE_ENTRY)) && out.includes(JSON.stringify(BROWSER_ENTRY)),
    );
    assert.ok(!/["']myelin/.test(out));
  });

  test("the docs hold runnable examples, each a complete program importing from myelin", () => {
    assert.ok(runnable.length >= 20, `only ${runnable.length} runnable blocks found`);
    for (const b of runnable) {
      assert.match(
        b.code,
        /from "myelin(\/browser)?"/,
        `${b.file}:${b.line} does not import myelin`,
      );
    }
    // no-run is the exception: at most a couple of blocks may opt out
    assert.ok(blocks.length - runnable.length <= 2, "too many ts no-run blocks");
  });
});

describe("doc examples: every ts block runs and its assertions hold", { concurrency: 4 }, () => {
  for (const b of runnable) {
    test(`${b.file}:${b.line}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "myelin-doc-"));
      try {
        const path = join(dir, "example.mts");
        writeFileSync(path, rewriteImports(b.code));
        const { code, out } = await run(path, dir);
        assert.equal(code, 0, `${b.file}:${b.line} exited with ${code}:\n${out}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
