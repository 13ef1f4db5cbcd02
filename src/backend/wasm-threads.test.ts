// The worker-thread wasm backend against the conformance suite, with minWork 0 so that every
// product with at least 5 rows is really split between the calling thread and the worker; and
// its failure handling: a worker that dies or stalls during a product must not hang the caller.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import { runBackendSuite } from "../../test/support/backend.case.js";
import { jsBackend } from "./js/index.js";
import { createThreadedWasmBackend, type SpawnWorker, type WorkerFault } from "./wasm/threads.js";

const spawnInto =
  (workers: Worker[]): SpawnWorker =>
  (source, data) => {
    const worker = new Worker(source, { eval: true, workerData: data, execArgv: [] });
    worker.unref();
    worker.on("error", () => {});
    workers.push(worker);
    return worker;
  };
const threaded = createThreadedWasmBackend(spawnInto([]), { workers: 1, minWork: 0 });
after(() => threaded.dispose());

runBackendSuite("wasm-threads", () => threaded.backend);

// A[i, p] = i + 1, B[p, j] = j + 1  ⇒  C[i, j] = k·(i + 1)·(j + 1); stored transposed on request.
const [M, K, N] = [16, 5, 3]; // 16 rows: bands 0..7 (caller) and 8..15 (the worker)
function operands(transA: boolean, transB: boolean): [Float32Array, Float32Array] {
  const a = new Float32Array(M * K);
  const b = new Float32Array(K * N);
  for (let i = 0; i < M; i++) for (let p = 0; p < K; p++) a[transA ? p * M + i : i * K + p] = i + 1;
  for (let p = 0; p < K; p++) for (let j = 0; j < N; j++) b[transB ? j * K + p : p * N + j] = j + 1;
  return [a, b];
}
function assertProduct(c: Float32Array): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) assert.equal(c[i * N + j], K * (i + 1) * (j + 1), `C[${i}, ${j}]`);
  }
}

/** Resolves when the worker has exited (a hang fails through the test's timeout). */
function exited(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.threadId === -1) resolve();
    else worker.once("exit", () => resolve());
  });
}

describe("wasm-threads: failed workers", () => {
  test("a healthy backend stays healthy", () => {
    const c = new Float32Array(M * N);
    threaded.backend.matmul(...operands(false, false), c, M, K, N, false, false);
    assertProduct(c);
    assert.equal(threaded.healthy(), true);
  });

  const faults: WorkerFault[] = ["exit-before", "exit-during", "stall"];
  for (const fault of faults) {
    for (const transA of [false, true]) {
      test(
        `worker fault "${fault}" (transA ${transA}): correct result, degraded, later products work`,
        { timeout: 60_000 },
        async () => {
          const workers: Worker[] = [];
          const reasons: string[] = [];
          const t = createThreadedWasmBackend(spawnInto(workers), {
            workers: 1,
            minWork: 0,
            timeoutMs: 50,
            fallback: jsBackend,
            onDegraded: (reason) => reasons.push(reason),
          });
          try {
            t.injectFault(0, fault);
            const c = new Float32Array(M * N).fill(Number.NaN);
            t.backend.matmul(...operands(transA, true), c, M, K, N, transA, true);
            assertProduct(c);
            assert.equal(t.healthy(), false);
            assert.equal(reasons.length, 1);
            assert.match(reasons[0], /worker 0 did not finish/);
            await exited(workers[0]); // degrading stops the worker, even a stalled one
            const c2 = new Float32Array(M * N).fill(Number.NaN);
            t.backend.matmul(...operands(false, false), c2, M, K, N, false, false);
            assertProduct(c2);
            assert.equal(reasons.length, 1, "onDegraded is called once");
          } finally {
            t.dispose();
          }
        },
      );
    }
  }

  test(
    "after dispose() products run on the fallback instead of waiting for the workers",
    { timeout: 60_000 },
    async () => {
      const workers: Worker[] = [];
      const t = createThreadedWasmBackend(spawnInto(workers), { workers: 1, minWork: 0 });
      t.dispose();
      await exited(workers[0]);
      assert.equal(t.healthy(), false);
      const c = new Float32Array(M * N);
      t.backend.matmul(...operands(false, false), c, M, K, N, false, false);
      assertProduct(c);
    },
  );
});
