// Checkpoint files: saveCheckpoint → loadCheckpoint returns the same TrainingState and weights;
// a plain model file (or a malformed state) is refused as a checkpoint with a typed error; and a
// save that fails part-way leaves the previous checkpoint intact and no temp file behind.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fit, type TrainingState } from "../../src/train/fit.js";
import { cosineAnnealingLR } from "../../src/optim/schedules/index.js";
import { IoError, ModelFormatError } from "../../src/io/errors.js";
import { modelToBytes } from "../../src/io/model.js";
import { writeFileAtomic } from "../../src/node/io/atomic-write.js";
import { load, loadCheckpoint, save, saveCheckpoint } from "../../src/node/io/model-file.js";
import { moons, smallMlp, weightBytes } from "./helpers.js";

const CHILD = fileURLToPath(new URL("./fixtures/save-checkpoint-child.ts", import.meta.url));

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "myelin-ckpt-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Train 2 epochs with Adam + a schedule; return the model and the state after epoch 2. */
async function trained(): Promise<{ model: ReturnType<typeof smallMlp>; state: TrainingState }> {
  const model = smallMlp(6, 8, 0.1);
  let state: TrainingState | null = null;
  await fit(model, moons(30), {
    loss: "bceWithLogits",
    optimizer: { name: "adam", lr: 0.01, amsgrad: true },
    schedule: (opt) => cosineAnnealingLR(opt, 4),
    epochs: 2,
    batchSize: 8,
    validationSplit: 0.2,
    metrics: ["accuracy"],
    onState: (s) => void (state = s),
  });
  return { model, state: state! };
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe("round trip", () => {
  test("state and weights come back exactly; metadata is kept beside them", async () => {
    const { model, state } = await trained();
    const path = join(dir, "rt.myelin");
    await saveCheckpoint(path, model, state, { task: "binary", labelNames: ["no", "yes"] });
    const ckpt = await loadCheckpoint(path);
    assert.deepEqual(plain(ckpt.state), plain(state));
    assert.equal(ckpt.state.epoch, 2);
    assert.equal(ckpt.state.history.length, 2);
    assert.deepEqual(plain(ckpt.state.shuffleRandom), plain(state.shuffleRandom));
    assert.ok(ckpt.state.schedule !== undefined, "the schedule's state is in the file");
    assert.equal(weightBytes(ckpt.model), weightBytes(model));
    assert.deepEqual(ckpt.meta.labelNames, ["no", "yes"]);
    assert.equal(ckpt.meta.task, "binary");
  });

  test("a checkpoint is also a model file: load() reads its model", async () => {
    const { model, state } = await trained();
    const path = join(dir, "as-model.myelin");
    await saveCheckpoint(path, model, state);
    assert.equal(weightBytes((await load(path)).model), weightBytes(model));
  });
});

describe("not a checkpoint → typed error", () => {
  test("a plain model file", async () => {
    const path = join(dir, "plain.myelin");
    await save(smallMlp(), path);
    await assert.rejects(loadCheckpoint(path), (e: unknown) => {
      assert.ok(e instanceof ModelFormatError, String(e));
      assert.match((e as Error).message, /not a checkpoint/);
      return true;
    });
  });

  for (const [name, checkpoint] of [
    ["epoch as a string", { epoch: "2" }],
    ["epoch fractional", { epoch: 1.5 }],
    ["checkpoint is an array", [1, 2]],
    ["checkpoint is a number", 7],
  ] as const) {
    test(`extra.checkpoint with ${name}`, async () => {
      const path = join(dir, "bad-state.myelin");
      await writeFileAtomic(path, modelToBytes(smallMlp(), { extra: { checkpoint } as never }));
      await assert.rejects(loadCheckpoint(path), ModelFormatError);
    });
  }

  test("a file that is not a model file at all", async () => {
    const path = join(dir, "text.myelin");
    await writeFileAtomic(path, new TextEncoder().encode("epoch,loss\n1,0.5\n"));
    await assert.rejects(loadCheckpoint(path), ModelFormatError);
  });

  test("a missing file → IoError naming the path", async () => {
    const path = join(dir, "nope.myelin");
    await assert.rejects(
      loadCheckpoint(path),
      (e: unknown) => e instanceof IoError && e.message.includes(path),
    );
  });
});

describe("a failed save leaves the previous checkpoint intact", () => {
  test("fault injected after the first chunk of the write", async () => {
    const { model, state } = await trained();
    const path = join(dir, "atomic.myelin");
    await saveCheckpoint(path, model, state);
    const before = await readFile(path);
    const next = { ...state, epoch: 3 };
    await assert.rejects(
      writeFileAtomic(path, modelToBytes(model, { extra: { checkpoint: plain(next) as never } }), {
        chunkSize: 64,
        afterStep: (step, written) => {
          if (step === "write" && written >= 128) throw new Error("simulated crash");
        },
      }),
      (e: unknown) => e instanceof IoError && e.step === "write",
    );
    assert.ok((await readFile(path)).equals(before), "the old bytes are untouched");
    assert.equal((await loadCheckpoint(path)).state.epoch, 2);
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith(".myelin-tmp")),
      [],
      "the temp file was removed",
    );
  });

  test("a real write failure (file-size limit, EFBIG) in a child process running saveCheckpoint", async () => {
    const { model, state } = await trained();
    const path = join(dir, "efbig.myelin");
    await saveCheckpoint(path, model, state);
    const before = await readFile(path);
    // 256 KiB limit; the child's checkpoint is about 1 MiB
    const r = spawnSync(
      "bash",
      ["-c", `ulimit -f 256 && exec "$0" --import tsx "$1" "$2"`, process.execPath, CHILD, path],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 3, `child: ${r.stdout} ${r.stderr}`);
    assert.match(r.stdout, /IoError.*EFBIG/);
    assert.ok((await readFile(path)).equals(before), "the previous checkpoint is intact");
    assert.equal((await loadCheckpoint(path)).state.epoch, 2);
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith(".myelin-tmp")),
      [],
    );
  });
});
