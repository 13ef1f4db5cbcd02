// Every output of a command is checked against every other output and every input before any data
// is read: the same file under two flags (by resolved path or by inode: `./a/../m` spellings,
// hard links, symlinked directories) is a usage error naming both flags, and nothing is written.
// Output paths must be writable and of legal length, also before any data is read.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { io, nn } from "../../src/node/index.js";
import { tempDir, runMain } from "./helpers.js";

let work: ReturnType<typeof tempDir>;
const CSV = "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n";
before(async () => {
  work = tempDir();
  writeFileSync(join(work.dir, "d.csv"), CSV);
  linkSync(join(work.dir, "d.csv"), join(work.dir, "hard.csv"));
  mkdirSync(join(work.dir, "sub"));
  symlinkSync(join(work.dir, "sub"), join(work.dir, "alias"));
  writeFileSync(join(work.dir, "plain.txt"), "a regular file");
  const model = nn.sequential(nn.linear(2, 2));
  const meta: io.ModelMetadata = {
    task: "multiclass",
    loss: "crossEntropy",
    featureNames: ["a", "b"],
  };
  await io.save(model, join(work.dir, "m.myelin"), meta);
  await io.save(model, join(work.dir, "sub", "n.myelin"), meta);
});
after(() => work.done());

async function run(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  return runMain(argv, work.dir);
}

/** A usage error (exit 2) whose line names every flag in `flags`. */
async function refused(argv: string[], flags: string[], why: RegExp): Promise<void> {
  const before = snapshot();
  const r = await run(argv);
  assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
  for (const f of flags) assert.ok(r.stderr.includes(f), `${f} named in: ${r.stderr}`);
  assert.match(r.stderr, why);
  assert.deepEqual(snapshot(), before, "nothing written or changed");
}

function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of [work.dir, join(work.dir, "sub")]) {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      try {
        out[p] = readFileSync(p, "latin1");
      } catch {
        out[p] = "(dir)";
      }
    }
  }
  return out;
}

const TRAIN = ["train", "--data", "d.csv", "--epochs", "1"];

describe("two outputs, or an output and an input, are never the same file", () => {
  test("--out and --report the same file (also spelled ./x/../)", async () => {
    await refused(
      [...TRAIN, "--out", "same.myelin", "--report", "same.myelin"],
      ["--out", "--report"],
      /same file/,
    );
    await refused(
      [...TRAIN, "--out", "same.myelin", "--report", "./sub/../same.myelin"],
      ["--out", "--report"],
      /same file/,
    );
  });

  test("--checkpoint equal to --out or --report", async () => {
    await refused(
      [...TRAIN, "--out", "a.myelin", "--checkpoint", "a.myelin"],
      ["--out", "--checkpoint"],
      /same file/,
    );
    await refused(
      [...TRAIN, "--out", "a.myelin", "--report", "r.html", "--checkpoint", "r.html"],
      ["--report", "--checkpoint"],
      /same file/,
    );
  });

  test("with --overwrite, an output may not replace --data (by name, hard link, symlinked dir)", async () => {
    await refused([...TRAIN, "--out", "d.csv", "--overwrite"], ["--out", "--data"], /same file/);
    await refused(
      [...TRAIN, "--out", "o.myelin", "--report", "hard.csv", "--overwrite"],
      ["--report", "--data"],
      /same file/,
    );
    await refused(
      [...TRAIN, "--out", "o.myelin", "--checkpoint", "./sub/../d.csv", "--overwrite"],
      ["--checkpoint", "--data"],
      /same file/,
    );
  });

  test("--resume may be --checkpoint, but not --out or --report", async () => {
    await refused(
      [...TRAIN, "--out", "sub/n.myelin", "--resume", "alias/n.myelin", "--overwrite"],
      ["--out", "--resume"],
      /same file/,
    );
    await refused(
      [
        ...TRAIN,
        "--out",
        "o.myelin",
        "--report",
        "m.myelin",
        "--resume",
        "m.myelin",
        "--overwrite",
      ],
      ["--report", "--resume"],
      /same file/,
    );
  });

  test("predict --out may not be the MODEL or the --data file", async () => {
    await refused(
      ["predict", "m.myelin", "--data", "d.csv", "--out", "m.myelin", "--overwrite"],
      ["--out", "MODEL"],
      /same file/,
    );
    await refused(
      ["predict", "alias/n.myelin", "--data", "d.csv", "--out", "sub/n.myelin", "--overwrite"],
      ["--out", "MODEL"],
      /same file/,
    );
    await refused(
      ["predict", "m.myelin", "--data", "d.csv", "--out", "hard.csv", "--overwrite"],
      ["--out", "--data"],
      /same file/,
    );
  });

  test("distinct files still work (and --resume equal to --checkpoint is allowed)", async () => {
    const r = await run(["predict", "m.myelin", "--data", "d.csv", "--out", "p.csv"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(work.dir, "p.csv"), "utf8"), /^label,/);
  });
});

describe("output paths are checked before any data is read", () => {
  // --data names a missing file: if data were read first, the error would be exit 1 "no such file"
  const MISSING = ["train", "--data", "missing.csv", "--epochs", "1"];

  test("a directory component that is a regular file", async () => {
    await refused([...MISSING, "--out", "plain.txt/m.myelin"], ["--out"], /not a directory/);
    await refused(
      [...MISSING, "--out", "ok.myelin", "--report", "plain.txt/deeper/r.html"],
      ["--report"],
      /not a directory/,
    );
  });

  test("a file name over 255 bytes, a path over 4095 bytes", async () => {
    await refused([...MISSING, "--out", "x".repeat(300) + ".myelin"], ["--out"], /too long/);
    // 2-byte characters: 150 characters are 300 bytes
    await refused([...MISSING, "--out", "é".repeat(150) + ".myelin"], ["--out"], /too long/);
    const deep = Array.from({ length: 20 }, () => "d".repeat(250)).join("/") + "/m.myelin";
    await refused([...MISSING, "--out", deep], ["--out"], /too long/);
  });

  // root writes through any mode bits (and this machine runs tests as root), so the mode check is
  // exercised only for other users; the regular-file-as-directory case above covers root
  if (process.getuid?.() !== 0) {
    test("an unwritable directory (chmod 0o555)", async () => {
      mkdirSync(join(work.dir, "ro"));
      chmodSync(join(work.dir, "ro"), 0o555);
      try {
        await refused([...MISSING, "--out", "ro/m.myelin"], ["--out"], /not writable/);
      } finally {
        chmodSync(join(work.dir, "ro"), 0o755);
      }
    });
  }

  test("predict --out in a non-directory is refused before the model is read", async () => {
    await refused(
      ["predict", "m.myelin", "--data", "missing.csv", "--out", "plain.txt/p.csv"],
      ["--out"],
      /not a directory/,
    );
  });
});
