// Errors read the same whatever raised them (issue 10, item 8): a bad flag or an unknown name
// (--optimizer, --activation, --loss, --task) is a usage error, exit 2, found before any path or
// data is touched, with "did you mean"; an unknown flag's hint is given once; data errors exit 1
// and say "fix that cell or row" only when a cell or row is at fault; a typed error the CLI does
// not map reads as a sentence, without an internal "ValueError:" prefix.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { reportError, type Io } from "../../src/cli/output.js";
import { NonFiniteError, ShapeError, ValueError } from "../../src/errors.js";
import { tempDir, runMain } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  const rows = ["0,0,0", "0,1,1", "1,0,1", "1,1,0"].join("\n");
  writeFileSync(join(work.dir, "d.csv"), `a,b,y\n${rows}\n${rows}\n${rows}\n`);
  writeFileSync(join(work.dir, "cell.csv"), "a,b,y\n0,0,0\n0,x,1\n");
  writeFileSync(join(work.dir, "one.csv"), "a,b,y\n0,0,k\n0,1,k\n1,0,k\n");
});
after(() => work.done());

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[]): Promise<Outcome> {
  return runMain(argv, work.dir);
}

/** Exit 2, one line matching `pattern`, before the missing --data file is looked at. */
async function usageFirst(argv: string[], pattern: RegExp): Promise<void> {
  const r = await run(argv);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /nope\.csv|no such file/, "found before the data path");
  assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
}

describe("unknown names are usage errors found before the data, with did-you-mean", () => {
  test("--optimizer adma", () =>
    usageFirst(
      ["train", "--data", "nope.csv", "--optimizer", "adma"],
      /^myelin train: --optimizer must be one of sgd, adam, .*; got "adma" \(did you mean adam\?\) \(see myelin train --help\)\n$/,
    ));
  test("--activation rleu (aliases count as names)", async () => {
    await usageFirst(
      ["train", "--data", "nope.csv", "--activation", "rleu"],
      /^myelin train: --activation must be one of .*relu.*; got "rleu" \(did you mean relu\?\)/,
    );
    const alias = await run(["train", "--data", "nope.csv", "--activation", "swish"]);
    assert.equal(alias.code, 1, "an alias is a known name: the run goes on to the data");
    assert.match(alias.stderr, /no such file/);
  });
  test("--loss crossentropy", () =>
    usageFirst(
      ["train", "--data", "nope.csv", "--loss", "crossentropy"],
      /^myelin train: --loss must be one of .*; got "crossentropy" \(did you mean crossEntropy\?\)/,
    ));
  test("--loss with no close name lists the names", () =>
    usageFirst(
      ["train", "--data", "nope.csv", "--loss", "zzzzzzzz"],
      /^myelin train: --loss must be one of mse, .*; got "zzzzzzzz" \(see myelin train --help\)\n$/,
    ));
  test("--task regresion", () =>
    usageFirst(
      ["train", "--data", "nope.csv", "--task", "regresion"],
      /^myelin train: --task must be one of auto, classification, regression; got "regresion" \(did you mean regression\?\)/,
    ));
  test("a bad flag value and a bad flag", async () => {
    await usageFirst(
      ["train", "--data", "nope.csv", "--epochs", "x"],
      /--epochs must be an integer/,
    );
    await usageFirst(["train", "--data", "nope.csv", "--epoch", "3"], /did you mean --epochs\?/);
  });
  test("predict --json without --out is refused before the model and the data are read", async () => {
    const r = await run(["predict", "nope.myelin", "--data", "nope.csv", "--json"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^myelin predict: --json needs --out/);
  });
});

describe("an unknown flag's hint is given once", () => {
  test("no close flag: one pointer to --help", async () => {
    const r = await run(["train", "--zzzzzz"]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "myelin train: unknown option --zzzzzz (see myelin train --help)\n");
  });
  test("a close flag: did you mean, then --help", async () => {
    const r = await run(["inspect", "m.myelin", "--jsn"]);
    assert.equal(
      r.stderr,
      "myelin inspect: unknown option --jsn (did you mean --json?) (see myelin inspect --help)\n",
    );
  });
});

describe("data errors exit 1; the cell hint only where a cell or row is at fault", () => {
  test("a bad cell: its line and column, and the hint", async () => {
    const r = await run(["train", "--data", "cell.csv", "--out", "c.myelin"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^myelin train: bad data: cell\.csv:3:2: .*; fix that cell or row/);
  });
  test("a wrong --target: the columns, no cell hint", async () => {
    const r = await run(["train", "--data", "d.csv", "--target", "z", "--out", "t.myelin"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /target column "z" not found; columns are "a", "b", "y"/);
    assert.doesNotMatch(r.stderr, /fix that cell/);
  });
  test("a one-class target: its own remedy, no cell hint", async () => {
    const r = await run(["train", "--data", "one.csv", "--out", "o.myelin"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /has only one class/);
    assert.doesNotMatch(r.stderr, /fix that cell/);
  });
});

describe("a typed error the CLI does not map reads as a sentence", () => {
  const report = (e: unknown): { line: string; code: number } => {
    let line = "";
    const io: Io = { stdout: () => {}, stderr: (s) => (line += s), isTTY: false, cwd: "/" };
    const code = reportError(io, e, "train", {});
    return { line, code };
  };
  for (const e of [
    new ValueError("fit: batchSize must be a positive integer"),
    new ShapeError("matmul: [2, 3] · [4, 5] do not fit"),
    new NonFiniteError("loss is NaN at epoch 3"),
  ]) {
    test(e.name, () => {
      const { line, code } = report(e);
      assert.equal(code, 1);
      assert.equal(line, `myelin train: ${e.message}\n`);
    });
  }
  test("a programming error (TypeError) is named an internal error, with how to see more", () => {
    const { line, code } = report(new TypeError("x is not a function"));
    assert.equal(code, 1);
    assert.match(
      line,
      /^myelin train: internal error: TypeError: x is not a function; .*--verbose/,
    );
  });
});
