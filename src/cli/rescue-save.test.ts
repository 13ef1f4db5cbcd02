// saveOrRescue: a save that fails leaves the bytes in a rescue file (beside the target, else in
// the temp directory) and names the failure; only when all three writes fail is it an error.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { IoError } from "../io/errors.js";
import { io } from "../node/index.js";
import { CliError } from "./output.js";
import { saveOrRescue, type RescueOptions } from "./rescue-save.js";

let dir = "";
let spare = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "myelin-rescue-"));
  spare = mkdtempSync(join(tmpdir(), "myelin-rescue-tmp-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(spare, { recursive: true, force: true });
});

const BYTES = new TextEncoder().encode("trained weights");

/** io.writeFileAtomic, except that paths `fails` accepts get an ENOSPC IoError. */
function failingFor(fails: (path: string) => boolean): RescueOptions["write"] {
  return async (path, bytes, o) => {
    if (fails(path)) throw new IoError(path, "write", "ENOSPC", `no space for ${path} (ENOSPC)`);
    await io.writeFileAtomic(path, bytes, o);
  };
}

test("the target fails: the bytes go to a rescue file beside it, the failure is named", async () => {
  const target = join(dir, "m.myelin");
  const saved = await saveOrRescue(target, BYTES, {
    exclusive: true,
    write: failingFor((p) => p === target),
    tmp: spare,
  });
  assert.equal(dirname(saved.path), dir);
  assert.match(saved.path, /m\.rescued-\d+-\d+\.myelin$/);
  assert.match(saved.failure ?? "", /ENOSPC/);
  assert.deepEqual(new Uint8Array(readFileSync(saved.path)), BYTES);
});

test("the whole directory fails: the rescue file goes to the temp directory", async () => {
  const target = join(dir, "m.myelin");
  const saved = await saveOrRescue(target, BYTES, {
    exclusive: false,
    write: failingFor((p) => p.startsWith(dir)),
    tmp: spare,
  });
  assert.equal(dirname(saved.path), spare);
  assert.deepEqual(new Uint8Array(readFileSync(saved.path)), BYTES);
});

test("a target that appeared meanwhile (EEXIST) is kept; the new bytes are rescued", async () => {
  const target = join(dir, "m.myelin");
  await io.writeFileAtomic(target, new TextEncoder().encode("the other run"));
  const saved = await saveOrRescue(target, BYTES, { exclusive: true, tmp: spare });
  assert.match(saved.failure ?? "", /EEXIST/);
  assert.equal(readFileSync(target, "utf8"), "the other run");
  assert.deepEqual(new Uint8Array(readFileSync(saved.path)), BYTES);
});

test("every write fails: a CliError naming each failure", async () => {
  await assert.rejects(
    saveOrRescue(join(dir, "m.myelin"), BYTES, {
      exclusive: true,
      write: failingFor(() => true),
      tmp: spare,
    }),
    (e) => e instanceof CliError && (e.message.match(/ENOSPC/g) ?? []).length === 3,
  );
});
