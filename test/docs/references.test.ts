// The prose of the docs, checked against the code: every file the docs cite exists, every
// function named next to a file occurs in it, the derivations cover every exported op, activation
// and loss, and the guide's activation-property table equals activations.properties().
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as ops from "../../src/ops/index.js";
import * as activations from "../../src/activations/index.js";
import * as losses from "../../src/losses/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
const DOCS = ["README.md", "docs/guide.md", "docs/derivations.md"];

describe("docs cite real files and functions", () => {
  for (const doc of DOCS) {
    test(`${doc}: every cited src/, test/ or docs path exists`, () => {
      const text = read(doc);
      const paths = new Set<string>();
      for (const m of text.matchAll(
        /`((?:src|test|docs|bench|scripts)\/[\w./-]+\.(?:ts|md|json|mjs))`/g,
      ))
        paths.add(m[1]);
      for (const m of text.matchAll(/\]\((?:\.\.\/)?((?:src|docs)\/[\w./-]+\.md)(?:#[\w-]*)?\)/g))
        paths.add(m[1]);
      for (const m of text.matchAll(/\]\(((?:guide|derivations)\.md)(?:#[\w-]*)?\)/g))
        paths.add(`docs/${m[1]}`);
      assert.ok(paths.size > 0 || doc === "README.md");
      for (const p of paths)
        assert.ok(existsSync(join(ROOT, p)), `${doc} cites ${p}, which does not exist`);
    });
  }

  test("derivations.md: `file` `Function` pairs name identifiers defined in that file", () => {
    const text = read("docs/derivations.md");
    const pairs = [...text.matchAll(/`(src\/[\w/.-]+\.ts)` `([A-Za-z_][\w.]*)`/g)];
    assert.ok(pairs.length >= 20, `only ${pairs.length} file/function pairs found`);
    for (const [, file, name] of pairs) {
      const source = read(file);
      for (const part of name.split(".")) {
        assert.match(
          source,
          new RegExp(`\\b${part}\\b`),
          `${file} has no ${part} (cited as ${name})`,
        );
      }
    }
  });
});

describe("derivations.md covers the whole differentiable API", () => {
  const text = read("docs/derivations.md");
  const cited = (name: string) => text.includes("`" + name) || text.includes(" " + name + "`");

  test("every exported op", () => {
    const names = Object.keys(ops).filter((n) => n !== "unaryOp");
    assert.ok(names.length > 40);
    for (const n of names) assert.ok(cited(n), `op ${n} is missing from derivations.md`);
  });

  test("every activation", () => {
    for (const n of activations.names) assert.ok(cited(n), `activation ${n} is missing`);
  });

  test("every loss", () => {
    // the loss functions (the namespace also holds LOSSES, the descriptor list)
    const names = Object.keys(losses).filter(
      (k) => typeof losses[k as keyof typeof losses] === "function",
    );
    assert.equal(names.length, 21);
    for (const n of names) assert.ok(cited(n), `loss ${n} is missing`);
  });
});

test("guide.md's activation table equals activations.properties()", () => {
  const rows = read("docs/guide.md")
    .split("\n")
    .filter((l) => /^\| [a-zA-Z0-9]+ +\| (yes|no) /.test(l))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  assert.deepEqual(
    rows.map((r) => r[0]),
    [...activations.names],
  );
  const yn = (b: boolean) => (b ? "yes" : "no");
  const num = (v: number) =>
    v === Infinity ? "∞" : v === -Infinity ? "-∞" : Number.isInteger(v) ? String(v) : v.toFixed(4);
  for (const [name, nonlinear, saturating, continuous, smooth, diff, mono, lin, range] of rows) {
    const p = activations.properties(name);
    const sat = p.saturating
      ? "both sides"
      : p.saturatesLeft
        ? "left only"
        : p.saturatesRight
          ? "right only"
          : "no";
    assert.deepEqual(
      [nonlinear, saturating, continuous, smooth, diff, mono, lin, range],
      [
        yn(p.nonlinear),
        sat,
        yn(p.continuous),
        yn(p.smooth),
        yn(p.differentiable),
        yn(p.monotonic),
        yn(p.linearNearZero),
        `[${num(p.range[0])}, ${num(p.range[1])}]`,
      ],
      name,
    );
  }
});
