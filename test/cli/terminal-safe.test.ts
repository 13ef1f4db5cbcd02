// Labels, feature names, target, data source and paths come from files and users: printed for
// people (inspect, evaluate, predict to a terminal, messages) they must not reach the terminal as
// raw escape sequences, carriage returns or bidi overrides. Data keeps its exact bytes: the CSV
// predict writes to a file or a pipe, and --json (escaped by JSON itself).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io, nn } from "../../src/node/index.js";
import { tempDir, runMain } from "./helpers.js";

const CLEAR = "\x1b[2J";
const CR = "ok\rEVIL";
const BIDI = "abc\u202edef";
const CSI8 = "x\u009b31m";
/** Anything a terminal would act on rather than show. */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const MODEL = `m${CLEAR}.myelin`;
const DATA = `d${CR}.csv`;

let work: ReturnType<typeof tempDir>;
before(async () => {
  work = tempDir();
  const model = nn.sequential(nn.linear(2, 4));
  await io.save(model, join(work.dir, MODEL), {
    task: "multiclass",
    loss: "crossEntropy",
    labelNames: [CLEAR, CR, BIDI, CSI8],
    featureNames: [`a${CLEAR}`, "b"],
    target: `t${BIDI}`,
    training: { epochsRun: 3, dataSource: `src${CLEAR}`, seed: 1, date: `d${CR}` },
  });
  const rows = [`"a${CLEAR}",b,"t${BIDI}"`];
  for (let i = 0; i < 8; i++)
    rows.push(`${i / 8},${1 - i / 8},"${[CLEAR, CR, BIDI, CSI8][i % 4]}"`);
  writeFileSync(join(work.dir, DATA), rows.join("\n") + "\n");
});
after(() => work.done());

async function cli(
  argv: string[],
  isTTY = true,
): Promise<{ code: number; out: string; err: string }> {
  const r = await runMain(argv, work.dir, isTTY);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

test("inspect shows hostile labels, features, target, source, date and path escaped", async () => {
  const r = await cli(["inspect", MODEL]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, RAW);
  assert.match(r.out, /Model m\\x1b\[2J\.myelin/);
  assert.ok(r.out.includes("Labels:        \\x1b[2J, ok\\rEVIL, abc\\u202edef, x\\x9b31m"), r.out);
  assert.ok(r.out.includes("Features:      a\\x1b[2J, b"), r.out);
  assert.ok(r.out.includes("Target:        tabc\\u202edef"), r.out);
  assert.ok(r.out.includes("on src\\x1b[2J"), r.out);
  assert.ok(r.out.includes(", dok\\rEVIL"), r.out);
});

test("inspect --json keeps every label exactly, with nothing raw for a terminal", async () => {
  const r = await cli(["inspect", MODEL, "--json"]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, RAW);
  const parsed = JSON.parse(r.out) as { labelNames: string[]; target: string; model: string };
  assert.deepEqual(parsed.labelNames, [CLEAR, CR, BIDI, CSI8]);
  assert.equal(parsed.target, `t${BIDI}`);
  assert.equal(parsed.model, MODEL);
});

test("evaluate escapes labels in the confusion matrix, the model path and the data source", async () => {
  const r = await cli(["evaluate", MODEL, "--data", DATA]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, RAW);
  assert.ok(r.out.includes(`Evaluated m\\x1b[2J.myelin on dok\\rEVIL.csv (8 rows)`), r.out);
  assert.ok(r.out.includes("abc\\u202edef"), r.out);
});

test("predict: the CSV keeps exact label bytes in a pipe, and is escaped on a terminal", async () => {
  const piped = await cli(["predict", MODEL, "--data", DATA], false);
  assert.equal(piped.code, 0, piped.err);
  const header = piped.out.split("\n")[0];
  assert.equal(header, `label,p_${CLEAR},"p_${CR}",p_${BIDI},p_${CSI8}`);

  const tty = await cli(["predict", MODEL, "--data", DATA], true);
  assert.equal(tty.code, 0, tty.err);
  assert.doesNotMatch(tty.out, RAW);
  assert.equal(tty.out.split("\n")[0], "label,p_\\x1b[2J,p_ok\\rEVIL,p_abc\\u202edef,p_x\\x9b31m");
  assert.equal(tty.out.split("\n").length, piped.out.split("\n").length);
});

test("predict --out: the file keeps exact bytes; the message names the path escaped", async () => {
  const out = `p${CLEAR}.csv`;
  const r = await cli(["predict", MODEL, "--data", DATA, "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, RAW);
  assert.ok(r.err.includes("p\\x1b[2J.csv"), r.err);
  const text = readFileSync(join(work.dir, out), "utf8");
  assert.ok(text.startsWith(`label,p_${CLEAR},"p_${CR}",`), text.slice(0, 80));
});

test("error messages show no raw bidi or C1 character from a path", async () => {
  const r = await cli(["inspect", `missing${BIDI}${CSI8}.myelin`]);
  assert.equal(r.code, 1);
  assert.equal(r.err.split("\n").length, 2, r.err);
  assert.doesNotMatch(r.err, RAW);
});

test("train prints the data source and the model path escaped", async () => {
  const out = `t${CLEAR}.myelin`;
  const r = await cli(
    ["train", "--data", DATA, "--epochs", "1", "--out", out, "--report", "none"],
    false,
  );
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, RAW);
  assert.ok(r.out.includes("myelin train: dok\\rEVIL.csv"), r.out);
  assert.ok(r.out.includes("Model:  t\\x1b[2J.myelin"), r.out);
  assert.ok(r.out.includes("Next:   myelin inspect t\\x1b[2J.myelin"), r.out);
});
