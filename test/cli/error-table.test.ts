// docs/errors.md's table is the test: every row's command runs through main() in a directory
// holding the files the doc lists, and must exit with the row's code and print a stderr line that
// starts with the row's message ("…" = any text). The table cannot go stale.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { io, nn } from "../../src/node/index.js";
import { tempDir, runMain } from "./helpers.js";

const DOC = fileURLToPath(new URL("../../docs/errors.md", import.meta.url));

interface Row {
  section: string;
  command: string;
  message: string;
  exit: number;
}

/** The cells of a markdown table row, `\|` kept as a literal bar. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

/** Every table row whose command cell is `myelin …`. */
function tableRows(markdown: string): Row[] {
  const rows: Row[] = [];
  let section = "";
  for (const line of markdown.split("\n")) {
    if (line.startsWith("### ")) section = line.slice(4);
    if (!line.startsWith("|")) continue;
    const c = cells(line);
    const command = /^`(myelin[^`]*)`$/.exec(c[1] ?? "");
    if (command === null) continue;
    const message = /^`(.+)`$/.exec(c[2] ?? "");
    assert.ok(message !== null, `a message in backticks: ${line}`);
    assert.match(c[3] ?? "", /^[012]$/, `an exit code: ${line}`);
    rows.push({ section, command: command[1], message: message[1], exit: Number(c[3]) });
  }
  return rows;
}

/** The row's message as a regex: literal text from the start of a line, "…" = any text. */
function messagePattern(message: string): RegExp {
  const parts = message.split("…").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}`, "m");
}

const ROWS = tableRows(readFileSync(DOC, "utf8"));
let work: ReturnType<typeof tempDir>;

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  const r = await runMain(argv, work.dir);
  return { code: r.code, stderr: r.stderr };
}

/** The files of docs/errors.md's "Files" section. */
async function writeFiles(dir: string): Promise<void> {
  const xor = ["0,0,0", "0,1,1", "1,0,1", "1,1,0"].join("\n");
  writeFileSync(join(dir, "d.csv"), `a,b,y\n${xor}\n${xor}\n${xor}\n`);
  writeFileSync(join(dir, "cell.csv"), "a,b,y\n0,0,0\n0,x,1\n");
  writeFileSync(join(dir, "ragged.csv"), "a,b,y\n0,0,0\n0,1\n");
  writeFileSync(join(dir, "one.csv"), "a,b,y\n0,0,k\n0,1,k\n1,0,k\n");
  writeFileSync(join(dir, "header.csv"), "a,b,y\n");
  writeFileSync(join(dir, "nofeat.csv"), "a,y\n0,1\n");
  writeFileSync(join(dir, "gap.csv"), "a,b,y\n0,,0\n0,1,1\n");
  writeFileSync(join(dir, "newclass.csv"), "a,b,y\n0,0,0\n0,1,z\n");
  writeFileSync(join(dir, "junk.myelin"), "not a model");
  writeFileSync(join(dir, "junk.safetensors"), "not weights");
  mkdirSync(join(dir, "folder"));
  const meta: io.ModelMetadata = {
    task: "multiclass",
    loss: "crossEntropy",
    featureNames: ["a", "b"],
    target: "y",
    labelNames: ["0", "1"],
  };
  const model = nn.sequential(nn.linear(2, 2));
  await io.save(model, join(dir, "m.myelin"), meta);
  const bytes = readFileSync(join(dir, "m.myelin"));
  bytes[bytes.length - 3] ^= 0xff; // inside the last weight: the data checksum no longer holds
  writeFileSync(join(dir, "flipped.myelin"), bytes);
  for (const p of model.parameters()) p.data.fill(NaN);
  await io.save(model, join(dir, "nan.myelin"), meta);
  const r = await run(
    "train --samples 40 --epochs 2 --checkpoint-every 1 --out run.myelin --report none".split(" "),
  );
  assert.equal(r.code, 0, r.stderr);
}

before(async () => {
  work = tempDir("myelin-error-table-");
  await writeFiles(work.dir);
});
after(() => work.done());

describe("docs/errors.md", () => {
  test("the table has rows for every kind of error, each command once", () => {
    const sections = new Set(ROWS.map((r) => r.section.replace(/ \(.*$/, "")));
    for (const s of [
      "Usage",
      "Output safety",
      "Files and I/O",
      "Data",
      "Model files and checkpoints",
      "Numerics",
    ]) {
      assert.ok(sections.has(s), `a "${s}" table: ${[...sections].join(", ")}`);
    }
    assert.ok(ROWS.length >= 40, `${ROWS.length} rows`);
    assert.equal(new Set(ROWS.map((r) => r.command)).size, ROWS.length, "a command per row");
  });
  test("the message pattern: literal text, … for any text, anchored at a line start", () => {
    const p = messagePattern('myelin x: "a" (b?) … [c]');
    assert.match('noise\nmyelin x: "a" (b?) whatever [c] more', p);
    assert.doesNotMatch('say myelin x: "a" (b?) whatever [c]', p);
    assert.doesNotMatch('myelin x: "a" (b) whatever [c]', p);
  });
  for (const row of ROWS) {
    test(`${row.section}: ${row.command}`, async () => {
      const r = await run(row.command.split(" ").slice(1));
      assert.equal(r.code, row.exit, `exit code of ${row.command}:\n${r.stderr}`);
      assert.match(r.stderr, messagePattern(row.message));
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace without --verbose");
    });
  }
});
