// io.load / io.loadCheckpoint on hostile paths and sizes: special files are refused in
// milliseconds with an IoError, a lying prefix is refused before the body is read, and a
// checkpoint keeps its long state arrays as tensors (small header, exact round trip, old files load).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IoError, ModelFormatError } from "../../io/errors.js";
import { modelToBytes } from "../../io/model.js";
import { Linear } from "../../nn/linear.js";
import { Sequential } from "../../nn/sequential.js";
import { Tanh } from "../../nn/activations.js";
import { Random } from "../../tensor/random.js";
import { fromData } from "../../tensor/create.js";
import { fit, type TrainingState } from "../../train/fit.js";
import { FORMAT_VERSION, MAGIC } from "../../io/layout.js";
import { load, loadCheckpoint, saveCheckpoint } from "./model-file.js";
import {
  DEV_ZERO,
  makeSpecialFiles,
  rejection,
  type SpecialFiles,
} from "../../../test/support/special-files.js";

let special: SpecialFiles;
before(() => {
  special = makeSpecialFiles("myelin-model-file-");
});
after(() => special.cleanup());

function mlp(hidden = 8): Sequential {
  const generator = new Random(1);
  return new Sequential(
    new Linear(2, hidden, { generator }),
    new Tanh(),
    new Linear(hidden, 1, { generator }),
  );
}

/** One epoch of Adam on a tiny set; the state fit reports afterwards. */
async function trainedState(model: Sequential): Promise<TrainingState> {
  const x = fromData(
    Float32Array.from({ length: 32 }, (_, i) => Math.sin(i)),
    [16, 2],
  );
  const y = fromData(
    Float32Array.from({ length: 16 }, (_, i) => i % 2),
    [16],
  );
  let state: TrainingState | undefined;
  await fit(
    model,
    { x, y },
    {
      loss: "bceWithLogits",
      optimizer: { name: "adam", lr: 0.01 },
      epochs: 1,
      batchSize: 8,
      onState: (s) => void (state = s),
    },
  );
  return JSON.parse(JSON.stringify(state)) as TrainingState;
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const headerLength = (path: string) => new DataView(readFileSync(path).buffer).getUint32(12, true);

describe("special paths are refused at once with a typed error", () => {
  const cases: [string, () => string, RegExp][] = [
    ["a directory", () => special.directory, /is a directory, not a regular file/],
    ["a FIFO", () => special.fifo, /is a FIFO, not a regular file/],
    ["/dev/zero", () => DEV_ZERO, /is a device, not a regular file/],
  ];
  for (const [name, path, pattern] of cases) {
    for (const [reader, read] of [
      ["load", load],
      ["loadCheckpoint", loadCheckpoint],
    ] as const) {
      test(`${reader}(${name})`, async () => {
        const started = performance.now();
        const e = await rejection(3000, read(path()));
        assert.ok(e instanceof IoError, String(e));
        assert.match(e.message, pattern);
        assert.ok(performance.now() - started < 1000);
      });
    }
  }

  test("/proc/self/mem → a typed error, not a raw EIO", async () => {
    const e = await rejection(3000, load("/proc/self/mem"));
    assert.ok(e instanceof IoError || e instanceof ModelFormatError, String(e));
  });

  test("a missing file → IoError ENOENT naming the path", async () => {
    const path = join(special.dir, "nope.myelin");
    const e = await rejection(3000, load(path));
    assert.ok(e instanceof IoError && e.code === "ENOENT" && e.message.includes(path), String(e));
  });
});

describe("the 16-byte prefix is checked before the body is read", () => {
  test("a sparse 1 GiB file: bad-magic in milliseconds, with small memory", async () => {
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const e = await rejection(3000, load(special.sparse));
    assert.ok(e instanceof ModelFormatError && e.reason === "bad-magic", String(e));
    assert.ok(performance.now() - started < 1000);
    assert.ok(process.memoryUsage().rss - rss < 100 << 20, "the body was not read");
  });

  /** A valid magic + version claiming `header` bytes, in a sparse file of `size` bytes. */
  function lyingPrefix(name: string, header: number, size: number): string {
    const path = join(special.dir, name);
    const prefix = new Uint8Array(24);
    prefix.set(MAGIC);
    new DataView(prefix.buffer).setUint32(8, FORMAT_VERSION, true);
    new DataView(prefix.buffer).setUint32(12, header, true);
    writeFileSync(path, prefix);
    truncateSync(path, size);
    return path;
  }

  test("a checkpoint claiming a 100 MB header is refused as header-too-large, unread", async () => {
    const path = lyingPrefix("big-header.myelin", 100e6, 101e6);
    const rss = process.memoryUsage().rss;
    const e = await rejection(3000, loadCheckpoint(path));
    assert.ok(e instanceof ModelFormatError && e.reason === "header-too-large", String(e));
    assert.ok(process.memoryUsage().rss - rss < 50 << 20);
  });

  test("a header longer than the file → header-truncated before reading", async () => {
    const path = lyingPrefix("short.myelin", 1000, 200);
    const e = await rejection(3000, load(path));
    assert.ok(e instanceof ModelFormatError && e.reason === "header-truncated", String(e));
  });
});

describe("checkpoints store long state arrays as tensors", () => {
  test("small header, exact round trip (−0 and subnormals in the moments), load() still works", async () => {
    const model = mlp(64);
    const state = await trainedState(model);
    const opt = state.optimizer as { state: { buffers: Record<string, unknown[]> }[] };
    opt.state[0]!.buffers.m![0] = "-0";
    opt.state[0]!.buffers.m![1] = 5e-324;
    opt.state[0]!.buffers.v![2] = 2.2250738585072014e-308;
    const path = join(special.dir, "packed.myelin");
    await saveCheckpoint(path, model, state, { task: "binary" });
    const inline = modelToBytes(model, { task: "binary", extra: { checkpoint: state as never } });
    const oldHeader = new DataView(inline.buffer, inline.byteOffset).getUint32(12, true);
    assert.ok(headerLength(path) * 4 < oldHeader, `${headerLength(path)} vs inline ${oldHeader}`);
    const ckpt = await loadCheckpoint(path);
    assert.deepEqual(plain(ckpt.state), state);
    assert.equal(ckpt.meta.task, "binary");
    const asModel = await load(path);
    assert.deepEqual(
      asModel.model.stateDict()["0.weight"]!.data,
      model.stateDict()["0.weight"]!.data,
    );
  });

  test("a checkpoint written the old way (state inline in the JSON) still loads", async () => {
    const model = mlp();
    const state = await trainedState(model);
    const path = join(special.dir, "inline.myelin");
    writeFileSync(path, modelToBytes(model, { extra: { checkpoint: state as never } }));
    const ckpt = await loadCheckpoint(path);
    assert.deepEqual(plain(ckpt.state), state);
  });
});
