// kill -9 while saving: a child process saves 8 MB model files in a loop with writeFileAtomic and
// is SIGKILLed at seeded random times. After every kill the target must be one complete version
// (byte-identical to its canonical encoding), and cleanStaleTemps must remove any temp left.
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
process.stdout.write("ready\\n");
for (;;) {
  v++;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = ((i * 7 + v) % 1000) - 0.5;
  await writeFileAtomic(target, encodeModelFile({ header: { version: v }, tensors: [["w", fromData(data, [n])]] }));
}
`;

/** Start the saver, wait for "ready", let it run `ms` milliseconds, SIGKILL it, await exit. */
async function runAndKill(target: string, ms: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", CHILD, target, String(ELEMENTS)],
    {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((res) =>
    child.on("exit", (_code, signal) => res(signal)),
  );
  await new Promise<void>((res, rej) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && res());
    child.on("exit", () => rej(new Error(`child exited early: ${stderr}`)));
  });
  await new Promise((res) => setTimeout(res, ms));
  child.kill("SIGKILL");
  assert.equal(await exited, "SIGKILL", stderr);
}

test("kill -9 during repeated saves never leaves a partial file; stale temps are cleaned", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "myelin-kill9-"));
  const target = join(dir, "model.myelin");
  const rng = new Random(97);
  let lastVersion = 0;
  let tempsLeft = 0;
  const kills = 12;
  try {
    for (let k = 0; k < kills; k++) {
      await runAndKill(target, 20 + rng.int(400));
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
    assert.ok(lastVersion > 0, "the child never completed a save");
    t.diagnostic(
      `${kills} kills; last complete version ${lastVersion}; ${tempsLeft} stale temps cleaned`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
