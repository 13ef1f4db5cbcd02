// kill -9 while saving: a child process saves 8 MB model files in a loop with writeFileAtomic and
// is SIGKILLed at seeded random times. After every kill the target must be one complete version
// (byte-identical to its canonical encoding), and cleanStaleTemps must remove any temp left.
// Robust to a slow machine: each kill waits for the child's first completed save and is timed
// from the child's own report that its next write began, as a fraction of the write time it
// measured — so kills land mid-write whatever the load; the test requires that at least half did.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Random } from "../../tensor/random.js";
import { fromData } from "../../tensor/create.js";
import { decodeModelFile, encodeModelFile } from "../../io/index.js";
import { cleanStaleTemps, TEMP_SUFFIX } from "./index.js";

const REPO = resolve(fileURLToPath(import.meta.url), "../../../..");
const ELEMENTS = 2 ** 21; // 8 MB of float32 per version

/** The model saved as version v (the child builds the same thing). */
function modelFor(v: number): Uint8Array {
  const data = new Float32Array(ELEMENTS);
  for (let i = 0; i < ELEMENTS; i++) data[i] = ((i * 7 + v) % 1000) - 0.5;
  return encodeModelFile({ header: { version: v }, tensors: [["w", fromData(data, [ELEMENTS])]] });
}

const CHILD = `
import { writeFileAtomic } from ${JSON.stringify(join(REPO, "src/node/io/atomic-write.ts"))};
import { encodeModelFile, decodeModelFile } from ${JSON.stringify(join(REPO, "src/io/index.ts"))};
import { fromData } from ${JSON.stringify(join(REPO, "src/tensor/create.ts"))};
import { readFileSync, existsSync } from "node:fs";
const [target, n] = [process.argv[1], Number(process.argv[2])];
let v = existsSync(target) ? decodeModelFile(readFileSync(target)).header.version : 0;
for (;;) {
  v++;
  process.stdout.write("start " + v + "\\n");
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = ((i * 7 + v) % 1000) - 0.5;
  const bytes = encodeModelFile({ header: { version: v }, tensors: [["w", fromData(data, [n])]] });
  process.stdout.write("write " + v + "\\n");
  await writeFileAtomic(target, bytes);
  process.stdout.write("saved " + v + "\\n");
}
`;

/** How long a child may take to start and complete its first save on a loaded machine. */
const FIRST_SAVE_TIMEOUT_MS = 120_000;

/**
 * Start the saver and wait for its first completed save, timing its write ("write v" to "saved
 * v"); the next save starts at once. When the child reports that save's "write", SIGKILL it after
 * `fraction` × 0.6 of the measured write time (writes vary; most last longer). Returns whether
 * the kill landed mid-write: the child's last report was "write v", with no "saved v" after it.
 */
async function runAndKill(target: string, fraction: number): Promise<{ midWrite: boolean }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", CHILD, target, String(ELEMENTS)],
    { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((res) =>
    child.on("exit", (_code, signal) => res(signal)),
  );
  let lastLine = "";
  const secondWrite = new Promise<number>((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error("no save completed in time")),
      FIRST_SAVE_TIMEOUT_MS,
    );
    let pending = "";
    let writeAt = 0;
    let writeMs = 0;
    child.stdout.on("data", (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        lastLine = line;
        if (line.startsWith("saved ") && writeMs === 0) writeMs = performance.now() - writeAt;
        if (!line.startsWith("write ")) continue;
        if (writeMs === 0) writeAt = performance.now();
        else {
          clearTimeout(timer);
          res(writeMs);
        }
      }
    });
    child.on("exit", () => {
      clearTimeout(timer);
      rej(new Error(`child exited early: ${stderr}`));
    });
  });
  const writeMs = await secondWrite;
  await new Promise((res) => setTimeout(res, fraction * 0.6 * writeMs));
  const midWrite = lastLine.startsWith("write ");
  child.kill("SIGKILL");
  assert.equal(await exited, "SIGKILL", stderr);
  return { midWrite };
}

test("kill -9 during repeated saves never leaves a partial file; stale temps are cleaned", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "myelin-kill9-"));
  const target = join(dir, "model.myelin");
  const rng = new Random(97);
  let lastVersion = 0;
  let tempsLeft = 0;
  let midWriteKills = 0;
  const kills = 12;
  try {
    for (let k = 0; k < kills; k++) {
      const { midWrite } = await runAndKill(target, rng.uniform());
      if (midWrite) midWriteKills++;
      const temps = readdirSync(dir).filter((n) => n.endsWith(TEMP_SUFFIX));
      tempsLeft += temps.length;
      if (existsSync(target)) {
        const bytes = new Uint8Array(readFileSync(target));
        const v = decodeModelFile(bytes).header.version as number;
        assert.ok(
          Number.isInteger(v) && v >= lastVersion,
          `kill ${k}: version ${v} after ${lastVersion}`,
        );
        assert.deepEqual(bytes, modelFor(v), `kill ${k}: version ${v} differs from its encoding`);
        lastVersion = v;
      }
      const removed = await cleanStaleTemps(dir);
      assert.equal(removed.length, temps.length, `kill ${k}`);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.endsWith(TEMP_SUFFIX)),
        [],
      );
    }
    assert.ok(lastVersion >= kills, `each child completes a save: last version ${lastVersion}`);
    assert.ok(midWriteKills >= kills / 2, `${midWriteKills} of ${kills} kills landed mid-write`);
    t.diagnostic(
      `${kills} kills, ${midWriteKills} mid-write; last complete version ${lastVersion}; ${tempsLeft} stale temps cleaned`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
