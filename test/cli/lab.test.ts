// `myelin lab`: lists the labs, runs one (text, --json, --out HTML through the output-path
// checks), and refuses an unknown name with a usage error and a suggestion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "./helpers.js";

test("myelin lab lists every lab; lab perceptron --quick prints the verdicts; --json is the LabResult; --out writes HTML with the SVG", () => {
  const { dir, done } = tempDir();
  try {
    const list = cli(["lab"], dir);
    assert.equal(list.code, 0, list.stderr);
    for (const n of ["perceptron", "backprop-vs-numeric", "vanishing", "exploding"]) {
      assert.match(list.stdout, new RegExp(`\\b${n}\\b`));
    }
    const text = cli(["lab", "perceptron", "--quick", "--out", "p.html"], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /SUPPORTED: The perceptron rule never converges on XOR/);
    const html = readFileSync(join(dir, "p.html"), "utf8");
    assert.match(html, /<svg[\s\S]*<\/svg>/);
    const again = cli(["lab", "perceptron", "--quick", "--out", "p.html"], dir);
    assert.equal(again.code, 2, "an existing --out without --overwrite is a usage error");
    const json = cli(["lab", "perceptron", "--quick", "--json"], dir);
    assert.equal(json.code, 0, json.stderr);
    const r = JSON.parse(json.stdout) as { name: string; measurements: Record<string, number> };
    assert.equal(r.name, "perceptron");
    assert.equal(r.measurements.xorConverged, 0);
  } finally {
    done();
  }
});

test("myelin lab with an unknown name: exit 2, did-you-mean, nothing written", () => {
  const { dir, done } = tempDir();
  try {
    const r = cli(["lab", "perceptorn", "--out", "x.html"], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown lab "perceptorn" \(did you mean perceptron\?\)/);
    assert.ok(!existsSync(join(dir, "x.html")));
  } finally {
    done();
  }
});
