// The examples' runner and claims (scripts/run-examples.mjs, scripts/example-claims.mjs): every
// program in examples/ has claims and a header that states them, a claim never passes on a result
// that lacks its numbers, the RESULT line is parsed strictly, and the runner passes a real example
// end to end. Running all examples is `npm run examples` (CI runs it after the tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXAMPLES, checkClaims, parseResult } from "../../scripts/example-claims.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const exampleFiles = [
  ...readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".ts")),
  ...readdirSync(join(ROOT, "examples/browser"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `browser/${f}`),
].sort();

test("every example program has claims, and every claim list names an existing program", () => {
  assert.deepEqual(EXAMPLES.map((e) => e.file).sort(), exampleFiles);
  for (const e of EXAMPLES) assert.ok(e.claims.length > 0, `${e.name} has no claims`);
});

test("each example's header says what it shows, what it claims and how to run it", () => {
  for (const e of EXAMPLES) {
    const text = readFileSync(join(ROOT, "examples", e.file), "utf8");
    const header = text.slice(0, text.indexOf("\nimport "));
    assert.match(header, /^\/\/ Shows: /m, `${e.file}: no "Shows:" line`);
    assert.match(header, /^\/\/ Claim: /m, `${e.file}: no "Claim:" line`);
    const run = e.browser ? `npx esbuild examples/${e.file}` : `npx tsx examples/${e.file}`;
    assert.ok(header.includes(run), `${e.file}: the header does not say "${run}"`);
    assert.match(
      text,
      /console\.log\(\s*"RESULT " \+\s*JSON\.stringify\(/,
      `${e.file}: no RESULT line`,
    );
    assert.match(text, /from "myelin(\/browser)?";/, `${e.file}: imports Myelin as a user would`);
    if (!e.browser) assert.match(text, /process\.env\.EPOCHS/, `${e.file}: ignores EPOCHS`);
  }
});

test("no claim holds on a result without its numbers (negative control)", () => {
  for (const e of EXAMPLES) {
    for (const c of checkClaims(e, {}))
      assert.equal(c.ok, false, `${e.name}: "${c.claim}" passed on {}`);
  }
});

test("the claims accept a result that meets them and reject one that misses by a little", () => {
  const byName = (name: string) => EXAMPLES.find((e) => e.name === name)!;
  const xor = byName("perceptron-xor");
  const good = {
    andConverged: true,
    andAccuracy: 1,
    perceptronXorAccuracy: 0.75,
    mlpXorAccuracy: 1,
  };
  assert.ok(checkClaims(xor, good).every((c) => c.ok));
  assert.deepEqual(
    checkClaims(xor, { ...good, perceptronXorAccuracy: 1 }).map((c) => c.ok),
    [true, false, true],
  );
  // the cosine schedule, written out by hand: T = 4, η₀ = 0.1 → 0.1, 0.0854, 0.05, 0.0146
  const loop = byName("custom-training-loop");
  const lrs = [0.1, 0.05 * (1 + Math.SQRT1_2), 0.05, 0.05 * (1 - Math.SQRT1_2)];
  const run = { testAccuracy: 0.96, firstLoss: 0.9, lastLoss: 0.2, epochs: 4, lrs };
  assert.ok(checkClaims(loop, run).every((c) => c.ok));
  const stepped = checkClaims(loop, { ...run, lrs: [0.1, 0.1, 0.05, 0.05] });
  assert.deepEqual(
    stepped.map((c) => c.ok),
    [true, true, false],
  );
  // the regressor's point check against 10·sin(π/4) + 7.5 = 14.571…
  const reg = byName("csv-regressor");
  const near = { testR2: 0.9, testRmse: 1.4, predicted: 14.571 + 1.49 };
  assert.ok(checkClaims(reg, near).every((c) => c.ok));
  assert.equal(checkClaims(reg, { ...near, predicted: 14.571 + 1.51 })[2].ok, false);
});

test("RESULT must be the last line and a JSON object", () => {
  assert.deepEqual(parseResult('epoch 1\nRESULT {"a":1}\n'), { value: { a: 1 } });
  assert.match(parseResult('RESULT {"a":1}\ndone\n').error ?? "", /last line/);
  assert.match(parseResult("RESULT [1]").error ?? "", /not a JSON object/);
  assert.match(parseResult("RESULT {a:1}").error ?? "", /not JSON/);
});

test("the runner runs an example in quick mode and checks its claims (perceptron-xor)", () => {
  const run = spawnSync(process.execPath, ["scripts/run-examples.mjs", "perceptron-xor"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /perceptron-xor\s+PASS/);
  assert.match(run.stdout, /✓ the MLP gets 100% of XOR/);
  assert.match(run.stdout, /1 passed, 0 failed, 0 skipped/);
});

test("the runner refuses a filter that matches no example", () => {
  const run = spawnSync(process.execPath, ["scripts/run-examples.mjs", "no-such-example"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no example matches no-such-example; examples: perceptron-xor/);
});
