// `myelin train` with no arguments: the built-in two-spirals run, in a fresh directory, twice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => (work = tempDir()));
after(() => work.done());

test("default train writes a model and a report, reaches ≥ 95 % test accuracy, never clobbers", () => {
  const first = cli(["train"], work.dir);
  assert.equal(first.code, 0, first.stderr);
  const acc = /^\s+test\s+loss \S+ · accuracy (\S+)/m.exec(first.stdout);
  assert.ok(acc, first.stdout);
  assert.ok(Number(acc[1]) >= 0.95, `test accuracy ${acc[1]}`);
  const model = /^Model:\s+(\S+)$/m.exec(first.stdout)![1];
  const report = /^Report:\s+(\S+)$/m.exec(first.stdout)![1];
  assert.match(model, /^myelin-runs\/spirals-\d{8}-\d{6}\.myelin$/);
  assert.equal(report, model.replace(/\.myelin$/, ".report.html"));
  const html = readFileSync(join(work.dir, report), "utf8");
  for (const part of [
    "<svg",
    "Decision boundary",
    "Confusion matrix",
    "Hyper-parameters",
    "Architecture",
  ])
    assert.ok(html.includes(part), part);
  assert.ok(!/<script/i.test(html), "the report has no scripts");
  const before = readFileSync(join(work.dir, model));

  const second = cli(["train"], work.dir);
  assert.equal(second.code, 0, second.stderr);
  const model2 = /^Model:\s+(\S+)$/m.exec(second.stdout)![1];
  assert.notEqual(model2, model);
  assert.deepEqual(readFileSync(join(work.dir, model)), before);
  // two models and two reports, none overwritten
  assert.equal(readdirSync(join(work.dir, "myelin-runs")).length, 4);
});
