// Five real tabular sets through the CLI with default training options, scored on their own test
// file and held to scikit-learn's MLP baseline on the same split (issue 10's "Done when").
// The split files and baselines come from scripts/sklearn-baselines.py; sources in
// test/fixtures/tabular/README.md. This test never tunes anything: a set that misses its baseline
// says by how much.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cli, tempDir } from "./helpers.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/tabular/", import.meta.url));
const REFERENCE = fileURLToPath(new URL("../reference/sklearn-tabular.json", import.meta.url));

/** The 2-point rule: Myelin's test score may be at most this far below the baseline. */
const TOLERANCE = 0.02;

interface Baseline {
  target: string;
  task: "classification" | "regression";
  metric: "accuracy" | "r2";
  trainRows: number;
  testRows: number;
  baseline: number;
}

const reference = JSON.parse(readFileSync(REFERENCE, "utf8")) as {
  sets: Record<string, Baseline>;
};

/**
 * Flags a set needs beyond `--data`, `--test-data` and `--target`, because of what its file holds
 * (not to tune training). Penguins has empty cells, and the default for a gap is an error.
 */
const DATA_FLAGS: Record<string, string[]> = {
  penguins: ["--impute", "mean"],
};

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir("myelin-tabular-");
  for (const name of Object.keys(reference.sets)) {
    for (const part of ["train", "test"]) {
      copyFileSync(join(FIXTURES, `${name}-${part}.csv`), join(work.dir, `${name}-${part}.csv`));
    }
  }
});
after(() => work.done());

/** Data rows of a CSV file (lines after the header; the files have no quoted newlines). */
function dataRows(file: string): number {
  return readFileSync(file, "utf8").trimEnd().split("\n").length - 1;
}

test("the five sets and their baselines are present and agree with the split files", () => {
  assert.deepEqual(Object.keys(reference.sets).sort(), [
    "breast-cancer",
    "diabetes",
    "digits",
    "penguins",
    "wine",
  ]);
  for (const [name, set] of Object.entries(reference.sets)) {
    assert.equal(dataRows(join(FIXTURES, `${name}-train.csv`)), set.trainRows, name);
    assert.equal(dataRows(join(FIXTURES, `${name}-test.csv`)), set.testRows, name);
    assert.ok(set.baseline > 0.2 && set.baseline <= 1, `${name}: baseline ${set.baseline}`);
  }
});

for (const [name, set] of Object.entries(reference.sets)) {
  test(`${name}: myelin train with defaults scores within ${TOLERANCE} of sklearn's MLP (${set.metric} ${set.baseline})`, (t) => {
    const model = `${name}.myelin`;
    const trained = cli(
      [
        "train",
        "--data",
        `${name}-train.csv`,
        "--test-data",
        `${name}-test.csv`,
        "--target",
        set.target,
        ...(DATA_FLAGS[name] ?? []),
        "--out",
        model,
        "--report",
        "none",
        "--json",
      ],
      work.dir,
    );
    assert.equal(trained.code, 0, `${name}: train failed\n${trained.stderr}`);

    const evaluated = cli(["evaluate", model, "--data", `${name}-test.csv`, "--json"], work.dir);
    assert.equal(evaluated.code, 0, `${name}: evaluate failed\n${evaluated.stderr}`);
    const scores = JSON.parse(evaluated.stdout) as Record<string, unknown>;
    assert.equal(scores.rows, set.testRows, `${name}: every row of the test file is scored`);
    const score = scores[set.metric];
    assert.equal(typeof score, "number", `${name}: no ${set.metric} in ${evaluated.stdout}`);
    const floor = set.baseline - TOLERANCE;
    t.diagnostic(
      `${name}: Myelin ${set.metric} ${(score as number).toFixed(4)}, sklearn ${set.baseline}`,
    );
    assert.ok(
      (score as number) >= floor,
      `${name}: Myelin ${set.metric} ${(score as number).toFixed(4)} < sklearn ${set.baseline.toFixed(4)} − ${TOLERANCE}`,
    );
  });
}
