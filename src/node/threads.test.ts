// loadWasmThreads: the registered backend against the conformance suite (minWork 0, so every
// float32 product with at least 5 rows is split between this thread and a worker), and the
// workers' life cycle: replaced and unloaded workers exit, and they never keep a process alive.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runBackendSuite } from "../../test/support/backend.case.js";
import { getBackend, setBackend } from "../backend/registry.js";
import { ValueError } from "../errors.js";
import {
  injectWasmWorkerFault,
  loadWasmThreads,
  unloadWasmThreads,
  wasmThreadsHealthy,
  wasmWorkerCount,
} from "./threads.js";

/** Resolves once wasmWorkerCount() === n (exits are asynchronous), or fails after 10 s. */
async function workersBecome(n: number): Promise<void> {
  for (let waited = 0; wasmWorkerCount() !== n; waited += 20) {
    if (waited > 10_000) assert.fail(`expected ${n} live workers, still ${wasmWorkerCount()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** This environment without the test runner's marker (a child with it waits for its parent). */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

assert.equal(loadWasmThreads({ workers: 1, minWork: 0 }), true, "loadWasmThreads failed");
const threadedBackend = getBackend();
runBackendSuite("node wasm threads", () => threadedBackend);

describe("loadWasmThreads", () => {
  test("the threaded backend is the active wasm backend (no backend was chosen before)", () => {
    assert.equal(threadedBackend.name, "wasm");
    assert.equal(wasmWorkerCount(), 1);
  });

  test("loading again replaces the workers; unloading stops them and restores 1-thread wasm", async () => {
    assert.equal(loadWasmThreads({ workers: 2 }), true);
    assert.equal(loadWasmThreads({ workers: 1 }), true);
    const latest = getBackend();
    assert.notEqual(latest, threadedBackend);
    await workersBecome(1); // the 1 + 2 workers of the first two loads have exited
    unloadWasmThreads();
    await workersBecome(0);
    const single = getBackend();
    assert.equal(single.name, "wasm");
    assert.notEqual(single, latest);
    // still computes: [[1, 2]]·[[3], [4]] = [[11]]
    const c = new Float32Array(1);
    single.matmul(new Float32Array([1, 2]), new Float32Array([3, 4]), c, 1, 2, 1, false, false);
    assert.deepEqual([...c], [11]);
    unloadWasmThreads(); // a second unload does nothing
    assert.equal(getBackend(), single);
  });

  test("an explicit setBackend('js') is kept; setBackend('wasm') then selects the threads", async () => {
    setBackend("js");
    assert.equal(loadWasmThreads({ workers: 1 }), true);
    assert.equal(getBackend().name, "js");
    setBackend("wasm");
    const threaded = getBackend();
    assert.equal(threaded.name, "wasm");
    // a product above THREADS_MIN_WORK (2²²): 256·256·128 rows of ones → every entry is 256
    const [m, k, n] = [256, 256, 128];
    const c = new Float32Array(m * n);
    threaded.matmul(
      new Float32Array(m * k).fill(1),
      new Float32Array(k * n).fill(1),
      c,
      m,
      k,
      n,
      false,
      false,
    );
    assert.ok(c.every((v) => v === 256));
    unloadWasmThreads();
    await workersBecome(0);
  });

  test("bad options throw ValueError", () => {
    assert.throws(() => loadWasmThreads({ workers: 0 }), ValueError);
    assert.throws(() => loadWasmThreads({ workers: 1.5 }), ValueError);
    assert.throws(() => loadWasmThreads({ minWork: Number.NaN }), ValueError);
    assert.throws(() => loadWasmThreads({ timeoutMs: -1 }), ValueError);
    assert.equal(wasmWorkerCount(), 0);
  });

  test("workers never keep the process alive: a script that loads them and computes exits", () => {
    const threads = fileURLToPath(new URL("./threads.ts", import.meta.url));
    const script = `
      import { loadWasmThreads } from ${JSON.stringify(threads)};
      import { getBackend } from ${JSON.stringify(fileURLToPath(new URL("../backend/registry.ts", import.meta.url)))};
      if (!loadWasmThreads({ workers: 1, minWork: 0 })) throw new Error("no threads");
      const c = new Float32Array(64 * 64);
      getBackend().matmul(new Float32Array(64 * 64).fill(1), new Float32Array(64 * 64).fill(1), c, 64, 64, 64, false, false);
      process.stdout.write(String(c[0]));
    `;
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
        env: childEnv(),
        timeout: 60_000, // a hang (workers holding the event loop) is killed and fails below
      },
    );
    assert.equal(run.signal, null, `the child was killed (hung?): ${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "64");
  });

  for (const fault of ["exit-during", "stall"] as const) {
    test(
      `a helper that fails mid-product ("${fault}"): correct result, one warning, one thread after`,
      { timeout: 60_000 },
      async () => {
        setBackend("wasm");
        const warnings: Error[] = [];
        const onWarning = (w: Error): void => void warnings.push(w);
        process.on("warning", onWarning);
        try {
          assert.equal(loadWasmThreads({ workers: 1, minWork: 0, timeoutMs: 50 }), true);
          assert.equal(wasmThreadsHealthy(), true);
          const threaded = getBackend();
          injectWasmWorkerFault(fault);
          // 64 × 32 × 16 of ones → every entry is 32; rows 32..63 are the helper's band
          const [m, k, n] = [64, 32, 16];
          const ones = (len: number): Float32Array => new Float32Array(len).fill(1);
          const c = new Float32Array(m * n).fill(Number.NaN);
          threaded.matmul(ones(m * k), ones(k * n), c, m, k, n, false, false);
          assert.ok(
            c.every((v) => v === 32),
            "the product is complete and correct",
          );
          assert.equal(wasmThreadsHealthy(), false);
          await workersBecome(0);
          await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a tick
          const ours = warnings.filter(
            (w) => (w as { code?: string }).code === "MYELIN_WASM_THREADS_DEGRADED",
          );
          assert.equal(ours.length, 1, "one warning");
          // single-thread wasm is registered and active; the old reference still computes too
          const single = getBackend();
          assert.equal(single.name, "wasm");
          assert.notEqual(single, threaded);
          for (const backend of [single, threaded]) {
            const c2 = new Float32Array(m * n).fill(Number.NaN);
            backend.matmul(ones(m * k), ones(k * n), c2, m, k, n, false, false);
            assert.ok(c2.every((v) => v === 32));
          }
          // loading again starts healthy threads
          assert.equal(loadWasmThreads({ workers: 1, minWork: 0 }), true);
          assert.equal(wasmThreadsHealthy(), true);
          const c3 = new Float32Array(m * n);
          getBackend().matmul(ones(m * k), ones(k * n), c3, m, k, n, false, false);
          assert.ok(c3.every((v) => v === 32));
          assert.equal(wasmThreadsHealthy(), true);
        } finally {
          process.off("warning", onWarning);
          unloadWasmThreads();
          await workersBecome(0);
        }
      },
    );
  }
});
