// Metadata fields of the wrong type, through the Node loader (io.load) and the CLI (inspect,
// predict, evaluate run in process): each is one typed "not a valid model file" line naming the
// field, exit 1 — never a TypeError, never a result computed from a mistyped field.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { io, nn } from "../../src/node/index.js";
import { BAD_METADATA } from "../support/metadata-cases.js";
import { headerWithTable, rawModelFile } from "../support/raw-model-file.js";
import { tempDir, runMain } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
before(() => {
  work = tempDir();
  writeFileSync(join(work.dir, "d.csv"), "x,y\n1,a\n2,b\n");
});
after(() => work.done());

/** A parameter-free model (one ReLU) whose header has the given metadata fields. */
function writeModel(name: string, fields: Record<string, unknown>): string {
  const architecture = nn.describeModule(nn.sequential(new nn.ReLU()));
  const header = JSON.stringify({ kind: "myelin-model", architecture, ...fields });
  writeFileSync(join(work.dir, name), rawModelFile({ header: headerWithTable("{}", header) }));
  return join(work.dir, name);
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runMain(argv, work.dir);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe("mistyped metadata fields", () => {
  BAD_METADATA.forEach(([path, fields], i) => {
    test(`${path}: ${JSON.stringify(fields).slice(0, 60)}`, async () => {
      const name = `bad-${i}.myelin`;
      const file = writeModel(name, fields);
      await assert.rejects(
        io.load(file),
        (e: unknown) =>
          e instanceof io.ModelFormatError &&
          e.reason === "bad-metadata" &&
          e.message.startsWith(path),
      );
      for (const argv of [
        ["inspect", name],
        ["inspect", name, "--json"],
        ["predict", name, "--data", "d.csv"],
        ["evaluate", name, "--data", "d.csv"],
      ]) {
        const r = await run(argv);
        const what = `${argv.join(" ")}: ${r.err}`;
        assert.equal(r.code, 1, what);
        assert.doesNotMatch(r.err, /TypeError/, what);
        if (argv.includes("--json")) {
          const reply = JSON.parse(r.out) as { ok: boolean; error: { type: string } };
          assert.equal(reply.ok, false, what);
          assert.equal(reply.error.type, "ModelFormatError", what);
        } else {
          assert.equal(r.out, "", what);
          assert.match(
            r.err,
            new RegExp(`^myelin ${argv[0]}: not a valid model file: ${escape(path)} `),
            what,
          );
          assert.equal(r.err.split("\n").length, 2, what); // one line
        }
      }
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.[\]]/g, "\\$&");
}
