// checkOutputPath: what the CLI refuses to write to, checked directly (NUL cannot pass through argv).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkOutputPath } from "../../src/cli/safe-path.js";
import { UsageError } from "../../src/cli/output.js";

let root = "";
let outside = "";
before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "myelin-safe-")));
  outside = realpathSync(mkdtempSync(join(tmpdir(), "myelin-outside-")));
  mkdirSync(join(root, "runs"));
  writeFileSync(join(root, "runs", "old.myelin"), "x");
  symlinkSync(outside, join(root, "escape"));
  symlinkSync(join(outside, "f"), join(root, "link.myelin"));
});
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const opts = { flag: "--out", command: "train" };

function refused(path: string, why: RegExp, overwrite = false): void {
  assert.throws(
    () => checkOutputPath(path, root, { ...opts, overwrite }),
    (e: unknown) => e instanceof UsageError && why.test(e.message),
    path,
  );
}

describe("checkOutputPath", () => {
  test("accepts paths inside cwd, new sub-directories, and existing files with overwrite", () => {
    assert.equal(checkOutputPath("m.myelin", root, opts), join(root, "m.myelin"));
    assert.equal(checkOutputPath("a/b/../m.myelin", root, opts), join(root, "a", "m.myelin"));
    assert.equal(
      checkOutputPath(join(root, "runs", "n.myelin"), root, opts),
      join(root, "runs", "n.myelin"),
    );
    assert.equal(
      checkOutputPath("runs/old.myelin", root, { ...opts, overwrite: true }),
      join(root, "runs", "old.myelin"),
    );
  });
  test("refuses escapes, device paths, streams, NUL, symlinks, directories and existing files", () => {
    refused("../x.myelin", /outside the working directory/);
    refused("runs/../../x.myelin", /outside the working directory/);
    refused(join(outside, "x.myelin"), /outside the working directory/);
    refused("/etc/x.myelin", /outside the working directory/);
    refused("escape/x.myelin", /through a symlink/);
    refused("escape/new/dir/x.myelin", /through a symlink/);
    refused("link.myelin", /symbolic link/, true);
    refused("m\0.myelin", /NUL/);
    refused("C:\\x.myelin", /drive letters/);
    refused("c:x.myelin", /drive letters/);
    refused("\\\\server\\share\\x", /backslash roots/);
    refused("m.myelin::$DATA", /alternate data streams/);
    refused("runs\\m.myelin", /backslashes/);
    refused("runs", /is a directory/, true);
    refused("", /empty path/);
    refused("runs/old.myelin", /already exists; pass --overwrite/);
  });
});
