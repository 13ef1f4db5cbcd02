// The argument parser: value forms, switches, positionals, and every kind of usage error.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { closest, editDistance, parseArgs, type FlagSpecs } from "../../src/cli/args.js";
import { UsageError } from "../../src/cli/output.js";

const SPECS: FlagSpecs = {
  epochs: { type: "int", min: 1, help: "" },
  lr: { type: "number", min: 0, help: "" },
  data: { type: "string", help: "" },
  optimizer: { type: "string", choices: ["adam", "sgd"], help: "" },
  "batch-norm": { type: "boolean", help: "" },
};

function usage(argv: string[], pattern: RegExp): void {
  assert.throws(
    () => parseArgs(argv, SPECS, "train"),
    (e: unknown) => e instanceof UsageError && pattern.test(e.message) && e.command === "train",
  );
}

describe("parseArgs", () => {
  test("--flag value, --flag=value, switches and positionals", () => {
    const r = parseArgs(
      ["m.myelin", "--epochs", "3", "--lr=0.5", "--batch-norm", "--data", "a=b.csv"],
      SPECS,
      "t",
    );
    assert.deepEqual(r.flags, { epochs: 3, lr: 0.5, "batch-norm": true, data: "a=b.csv" });
    assert.deepEqual(r.positionals, ["m.myelin"]);
  });
  test("negative numbers are values; -- ends the flags; --switch=false", () => {
    const r = parseArgs(
      ["--lr", "-1e-3", "--batch-norm=false", "--", "--epochs"],
      { ...SPECS, lr: { type: "number", help: "" } },
      "t",
    );
    assert.deepEqual(r.flags, { lr: -0.001, "batch-norm": false });
    assert.deepEqual(r.positionals, ["--epochs"]);
  });
  test("unknown flags name the flag and suggest the closest", () => {
    usage(["--epoch", "3"], /^unknown option --epoch \(did you mean --epochs\?\)$/);
    usage(["--optimiser=sgd"], /did you mean --optimizer\?/);
    usage(["--zzzzzzzz"], /^unknown option --zzzzzzzz$/); // the reporter adds "(see … --help)" once
    usage(["-e"], /^unknown option -e/);
    usage(["--__proto__", "1"], /unknown option --__proto__/);
  });
  test("bad values, missing values, repeats, choices, ranges", () => {
    usage(["--epochs"], /--epochs needs a value/);
    usage(["--epochs", "--lr", "1"], /--epochs needs a value/);
    usage(["--epochs", "2.5"], /--epochs must be an integer; got "2.5"/);
    usage(["--epochs", "0"], /--epochs must be ≥ 1/);
    usage(["--lr", "abc"], /--lr must be a number/);
    usage(["--lr", ""], /--lr must be a number/);
    usage(["--lr", "Infinity"], /--lr must be a number/);
    usage(["--epochs", "1", "--epochs", "2"], /given more than once/);
    usage(["--optimizer", "adma"], /must be one of adam, sgd; got "adma" \(did you mean adam\?\)/);
    usage(["--batch-norm=maybe"], /is a switch/);
  });
});

describe("closest / editDistance", () => {
  test("hand-computed distances", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("epoch", "epochs"), 1);
  });
  test("no suggestion when nothing is close", () => {
    assert.equal(closest("los", ["layers", "loss"]), "loss"); // distances 4 and 1
    assert.equal(closest("lr", ["layers", "loss"]), undefined); // 4 and 3 > limit 2
    assert.equal(closest("qqqqqqq", ["epochs", "seed"]), undefined);
  });
});
