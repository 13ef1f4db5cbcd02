// trainInWorker with a real node:worker_threads Worker running serveTraining: the job crosses a
// thread boundary (structured clone) and the weights come back bit-identical to training the same
// job in this thread; a poisoned weight is reported from the other thread too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import {
  defaultJob,
  inThread,
  recorder,
  untilStopped,
  weightSnapshot,
} from "../../test/worker/helpers.js";
import { worker } from "../index.js";

const SCRIPT = new URL("../../test/worker/serve-worker.ts", import.meta.url);

/** A worker thread running SCRIPT; tsx's API loads the TypeScript (a .ts main script cannot). */
function startWorker(): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(SCRIPT.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true });
}

test("a real worker thread trains the job to the same weights and records as this thread", async () => {
  const threaded = recorder();
  const thread = startWorker();
  const training = worker.trainInWorker(thread, defaultJob(), threaded.handlers);
  const local = recorder();
  const here = inThread(defaultJob(), { snapshot: weightSnapshot }, local.handlers);
  try {
    const [initialThere, initialHere] = await Promise.all([
      training.nextProgress(),
      here.training.nextProgress(),
    ]);
    assert.deepEqual(initialThere.snapshot, initialHere.snapshot);
    training.step(4);
    here.training.step(4);
    const [there, hereDone] = await Promise.all([
      untilStopped(training),
      untilStopped(here.training),
    ]);
    assert.deepEqual(there.snapshot, hereDone.snapshot);
    assert.deepEqual(threaded.records(), local.records());
    assert.equal(threaded.records().length, 4);
    training.command("poison", { layer: 2 });
    await training.nextProgress();
    training.play();
    const stopped = await untilStopped(training);
    assert.equal(threaded.nonFinite.length, 1);
    assert.equal(threaded.nonFinite[0].layer, "layer 4 (Linear)");
    assert.deepEqual(stopped.snapshot, there.snapshot);
  } finally {
    here.close();
    training.terminate();
  }
  await new Promise((resolve) => thread.once("exit", resolve));
});
