// The README ships in the tarball and is the first page a user reads: it links every document
// (each docs/*.md, LICENSE, CHANGELOG, SECURITY, CONTRIBUTING), every relative link resolves,
// Quick start stays two commands, and the "Which Myelin for which job" table keeps its four rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";

const readme = readFileSync("README.md", "utf8");

/** Targets of the README's relative Markdown links, without #anchors. */
function relativeLinks(text: string): string[] {
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  return targets
    .filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith("#"))
    .map((t) => t.split("#")[0]);
}

/** The body of the section under `## title`, up to the next `## `. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has no "## ${title}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

test("every relative link of the README resolves to a file", () => {
  const links = relativeLinks(readme);
  assert.ok(links.length >= 10, `only ${links.length} relative links found`);
  assert.deepEqual(
    links.filter((l) => !existsSync(l)),
    [],
  );
});

test("the link check sees a broken link (negative control)", () => {
  const links = relativeLinks("see [a](docs/none.md#x), [b](https://x.org) and [c](#anchor)");
  assert.deepEqual(links, ["docs/none.md"]);
  assert.equal(existsSync(links[0]), false);
});

test("the README links every doc in docs/ and the project files", () => {
  const linked = new Set(relativeLinks(readme));
  const docs = readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`);
  assert.ok(docs.length >= 5, `docs/ has ${docs.length} .md files`);
  const wanted = [...docs, "LICENSE", "CHANGELOG.md", "SECURITY.md", "CONTRIBUTING.md"];
  assert.deepEqual(
    wanted.filter((f) => !linked.has(f)),
    [],
  );
});

test("Quick start is exactly two commands", () => {
  const block = /```sh\n([\s\S]*?)```/.exec(section("Quick start"));
  assert.ok(block, "Quick start has a ```sh block");
  const commands = block[1].split("\n").filter((line) => line.trim() !== "");
  assert.equal(commands.length, 2, commands.join("\n"));
});

test("the job table has a row for the browser, Node, native code and ONNX", () => {
  const rows = section("Which Myelin for which job")
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| --"))
    .slice(1); // the header row
  assert.equal(rows.length, 4, rows.join("\n"));
  const [browser, node, native, onnx] = rows;
  assert.match(browser, /browser.*"myelin\/browser".*WebAssembly/);
  assert.match(node, /Node.*"myelin"/);
  assert.match(native, /native.*build:native.*docs\/native\.md/);
  assert.match(onnx, /ONNX.*myelin export/);
});
