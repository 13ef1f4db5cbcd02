// The CLI on special paths: MODEL or --data naming a FIFO, a device or a directory ends at once
// with exit 1 and a typed one-line error (never a hang, an endless read or a raw EISDIR).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/output.js";
import { DEV_ZERO, makeSpecialFiles, within, type SpecialFiles } from "../support/special-files.js";

let special: SpecialFiles;
before(() => {
  special = makeSpecialFiles("myelin-cli-special-");
});
after(() => special.cleanup());

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: Io = {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
    isTTY: false,
    cwd: special.dir,
  };
  const code = await within(3000, main(args, io));
  return { code, stderr };
}

describe("special paths", () => {
  for (const [name, path, pattern] of [
    ["a FIFO", () => special.fifo, /is a FIFO, not a regular file/],
    ["/dev/zero", () => DEV_ZERO, /is a device, not a regular file/],
    ["a directory", () => special.directory, /is a directory, not a regular file/],
  ] as const) {
    test(`myelin inspect ${name}`, async () => {
      const { code, stderr } = await run(["inspect", path()]);
      assert.equal(code, 1, stderr);
      assert.match(stderr, pattern);
    });
  }

  for (const [name, path, pattern] of [
    ["a FIFO", () => special.fifo, /is a FIFO, not a regular file/],
    ["/dev/zero", () => DEV_ZERO, /is a device, not a regular file/],
    ["a directory", () => special.directory, /is a directory; use idx:/],
    ["a missing file", () => "missing.csv", /"missing.csv": no such file; use /],
  ] as const) {
    test(`myelin train --data ${name}`, async () => {
      const { code, stderr } = await run(["train", "--data", path(), "--epochs", "1"]);
      assert.equal(code, 1, stderr);
      assert.match(stderr, pattern);
    });
  }
});
