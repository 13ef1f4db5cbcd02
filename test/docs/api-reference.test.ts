// The committed API reference (docs/api/, written by `npm run docs`): the staleness check of
// scripts/docs.mjs sees every kind of difference, and the pages list every runtime export of both
// entries, so an export added without regenerating fails here too (CI's `npm run docs -- --check`
// also compares every byte, with TypeDoc).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { treeDifferences } from "../../scripts/docs.mjs";
import * as browser from "../../src/index.js";
import * as node from "../../src/node/index.js";

const API = "docs/api";
const read = (page: string) => readFileSync(join(API, page), "utf8");

/** A folder holding `files` (relative path → text). */
function tree(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Names of an entry's namespace re-exports (`export * as nn`) and of its other runtime exports. */
function exportsOf(entry: object): { namespaces: string[]; names: string[] } {
  const isNamespace = (v: unknown) => Object.prototype.toString.call(v) === "[object Module]";
  const all = Object.entries(entry);
  return {
    namespaces: all.filter(([, v]) => isNamespace(v)).map(([k]) => k),
    names: all.filter(([, v]) => !isNamespace(v)).map(([k]) => k),
  };
}

/**
 * Whether a module page documents `name`: a "### name" heading, or "### name()" for a function
 * (Markdown escapes "_" as "\\_").
 */
const documents = (page: string, name: string) =>
  new RegExp(`^### ${name.replace(/\$/g, "\\$").replace(/_/g, "\\\\?_")}(\\(\\))?$`, "m").test(
    page,
  );

test("treeDifferences: equal trees give nothing; a changed, a new and a gone file are each named", () => {
  const base = mkdtempSync(join(tmpdir(), "myelin-api-test-"));
  try {
    const files = { "README.md": "# API\n", "a/b.md": "one\n", "a/c.md": "two\n" };
    const old = tree(join(base, "old"), files);
    assert.deepEqual(treeDifferences(old, tree(join(base, "same"), files)), []);
    const fresh = tree(join(base, "fresh"), {
      "README.md": "# API\n",
      "a/b.md": "one, edited\n",
      "a/d.md": "new\n",
    });
    assert.deepEqual(treeDifferences(old, fresh), [
      "changed: a/b.md",
      "new:     a/d.md",
      "gone:    a/c.md",
    ]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test("docs/api/README.md links the page of each entry, and both exist", () => {
  const index = read("README.md");
  for (const page of ["myelin/README.md", "myelin/browser/README.md"]) {
    assert.ok(index.includes(`](${page})`), `docs/api/README.md does not link ${page}`);
    assert.ok(existsSync(join(API, page)), `${page} is missing: run npm run docs`);
  }
});

test("myelin/browser's page lists every namespace and documents every runtime export", () => {
  const page = read("myelin/browser/README.md");
  const { namespaces, names } = exportsOf(browser);
  assert.ok(namespaces.length >= 10 && names.length >= 60, `${namespaces} / ${names.length}`);
  for (const ns of namespaces) assert.match(page, new RegExp(`- \\[${ns}\\]\\(namespaces/${ns}`));
  const missing = names.filter((n) => !documents(page, n));
  assert.deepEqual(missing, [], "exports missing from docs/api: run npm run docs");
});

test("myelin's page documents what Node adds to myelin/browser", () => {
  const page = read("myelin/README.md");
  const { namespaces, names } = exportsOf(node);
  const inBrowser = new Set(Object.keys(browser));
  const added = names.filter((n) => !inBrowser.has(n));
  assert.ok(added.includes("loadWasmThreads"), added.join(", "));
  assert.deepEqual(
    added.filter((n) => !documents(page, n)),
    [],
    "Node exports missing from docs/api: run npm run docs",
  );
  for (const ns of ["io", "data"]) {
    assert.ok(namespaces.includes(ns));
    assert.match(page, new RegExp(`- \\[${ns}\\]\\(namespaces/${ns}\\.md\\)`));
    // the Node namespace pages hold the file functions the browser entry lacks
    const nsPage = read(`myelin/namespaces/${ns}.md`);
    const extra = Object.keys((node as Record<string, object>)[ns]).filter(
      (n) => !(n in (browser as Record<string, object>)[ns]),
    );
    assert.ok(extra.length >= 2, `${ns}: ${extra.join(", ")}`);
    assert.deepEqual(
      extra.filter((n) => !documents(nsPage, n)),
      [],
      `${ns}: Node functions missing from docs/api`,
    );
  }
});

test("the export check sees an undocumented name (negative control)", () => {
  const page = "### add\n\n### seed()\n\n### MAX\\_N\n";
  assert.equal(documents(page, "add"), true);
  assert.equal(documents(page, "MAX_N"), true);
  assert.equal(documents(page, "seed"), true);
  assert.equal(documents(page, "addNew"), false);
  assert.equal(documents(page, "ad"), false);
});
