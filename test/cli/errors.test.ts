// Every usage error exits 2 with one line on stderr; runtime errors (corrupt model, bad data)
// exit 1 with one line and no stack trace, which --verbose adds.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, IRIS, lines, tempDir } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  copyFileSync(IRIS, join(work.dir, "iris.csv"));
  writeFileSync(join(work.dir, "exists.myelin"), "not a model");
});
after(() => work.done());

const USAGE: [string[], RegExp][] = [
  [[], /^Usage: myelin <command>/],
  [["trian"], /^myelin: unknown command "trian" \(did you mean train\?\)/],
  [["train", "--epoch", "3"], /^myelin train: unknown option --epoch \(did you mean --epochs\?\)/],
  [["train", "--lr", "fast"], /^myelin train: --lr must be a number; got "fast"/],
  [["train", "--epochs", "0"], /^myelin train: --epochs must be ≥ 1/],
  [["train", "--epochs"], /^myelin train: option --epochs needs a value/],
  [["train", "--layers", "16,x"], /^myelin train: --layers must be positive integers/],
  [["train", "--preprocess", "zscore"], /^myelin train: --preprocess must be one of/],
  [["train", "--loss", "mse"], /^myelin train: --loss "mse" does not fit a binary task/],
  [["train", "extra"], /^myelin train: unexpected argument "extra"/],
  [
    ["train", "--out", "../x.myelin"],
    /^myelin train: --out "\.\.\/x\.myelin": is outside the working directory/,
  ],
  [["train", "--out", "/tmp/x.myelin"], /is outside the working directory/],
  [["train", "--out", "C:\\x.myelin"], /drive letters/],
  [["train", "--out", "m.myelin::$DATA"], /alternate data streams/],
  [["train", "--out", "exists.myelin"], /already exists; pass --overwrite/],
  [["train", "--report", "exists.myelin"], /--report "exists\.myelin": already exists/],
  [
    ["train", "--data", "fashion-mnist", "--test-split", "0.2", "--out", "n.myelin"],
    /own test set/,
  ],
  [["inspect"], /^myelin inspect: missing MODEL/],
  [["inspect", "a", "b"], /expected one MODEL, got 2/],
  [["evaluate", "exists.myelin"], /^myelin evaluate: --data is required/],
  [["predict", "exists.myelin"], /^myelin predict: --data is required/],
  [
    ["predict", "exists.myelin", "--data", "iris.csv", "--out", "../p.csv"],
    /outside the working directory/,
  ],
  [["predict", "exists.myelin", "--data", "iris.csv", "--out", "exists.myelin"], /already exists/],
  [
    ["predict", "exists.myelin", "--data", "iris.csv", "--jsn"],
    /unknown option --jsn \(did you mean --json\?\)/,
  ],
];

describe("usage errors exit 2 with one line", () => {
  for (const [args, pattern] of USAGE) {
    test(args.join(" ") || "(no arguments)", () => {
      const r = cli(args, work.dir);
      assert.equal(r.code, 2, r.stderr);
      const out = args.length === 0 ? r.stdout : r.stderr;
      assert.match(out, pattern);
      if (args.length > 0) {
        assert.equal(lines(r.stderr).length, 1, r.stderr);
        assert.match(r.stderr, /\(see myelin (\w+ )?--help\)\n$/);
      }
    });
  }
  test("the refused --out wrote nothing", () => {
    assert.equal(readFileSync(join(work.dir, "exists.myelin"), "utf8"), "not a model");
  });
});

describe("runtime errors exit 1 with one line; --verbose adds the stack", () => {
  test("a corrupt model file", () => {
    const r = cli(["inspect", "exists.myelin"], work.dir);
    assert.equal(r.code, 1);
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /^myelin inspect: not a valid model file: .*\[(too-small|bad-magic)\]/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const v = cli(["inspect", "exists.myelin", "--verbose"], work.dir);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /\n\s+at .*decode/);
  });
  test("--json also prints the error as JSON on stdout", () => {
    const r = cli(["evaluate", "exists.myelin", "--data", "iris.csv", "--json"], work.dir);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout);
    assert.equal(j.ok, false);
    assert.equal(j.exitCode, 1);
    assert.equal(j.error.type, "ModelFormatError");
  });
  test("a missing model, a bad CSV cell with its line and column", () => {
    const missing = cli(["inspect", "nope.myelin"], work.dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^myelin inspect: model file "nope\.myelin" not found/);
    writeFileSync(join(work.dir, "bad.csv"), "a,b,t\n1,2,x\n3,oops,y\n");
    const bad = cli(["train", "--data", "bad.csv", "--out", "bad.myelin"], work.dir);
    assert.equal(bad.code, 1);
    assert.equal(lines(bad.stderr).length, 1, bad.stderr);
    assert.match(
      bad.stderr,
      /^myelin train: bad data: bad\.csv:3:2: column "b": "oops" is not a number/,
    );
  });
});

describe("--help", () => {
  for (const cmd of ["train", "evaluate", "predict", "inspect"]) {
    test(`myelin ${cmd} --help`, () => {
      const r = cli([cmd, "--help"], work.dir);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`^Usage: myelin ${cmd}`));
      assert.match(r.stdout, /--json/);
    });
  }
  test("myelin --help", () => {
    const r = cli(["--help"], work.dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /train.*\n.*evaluate.*\n.*predict.*\n.*inspect/);
  });
});
