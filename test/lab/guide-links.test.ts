// The guide's "Measure it: `myelin lab NAME`" lines name labs that exist, every lab is linked
// from the guide, and the README's lab plot is a committed SVG.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXPERIMENTS } from "../../src/lab/experiments/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

test("every `myelin lab NAME` in the guide is a registered lab, and every lab is linked", () => {
  const guide = readFileSync(join(ROOT, "docs/guide.md"), "utf8");
  const linked = [...guide.matchAll(/Measure it: `myelin lab ([\w-]+)`/g)].map((m) => m[1]);
  const names = EXPERIMENTS.map((e) => e.name);
  for (const n of linked) assert.ok(names.includes(n), `guide links unknown lab ${n}`);
  for (const n of names) assert.ok(linked.includes(n), `lab ${n} has no "Measure it" line`);
});

test("the README's lab plot is a committed, self-contained SVG", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const m = /!\[[^\]]*\]\((docs\/lab-[\w-]+\.svg)\)/.exec(readme);
  assert.ok(m, "README references a docs/lab-*.svg");
  const path = join(ROOT, m[1]);
  assert.ok(existsSync(path));
  assert.match(
    readFileSync(path, "utf8"),
    /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\n$/,
  );
});
