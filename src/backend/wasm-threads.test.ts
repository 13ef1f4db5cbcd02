// The worker-thread wasm backend against the conformance suite, with minWork 0 so that every
// product with at least 5 rows is really split between the calling thread and the worker.
import { after } from "node:test";
import { Worker } from "node:worker_threads";
import { runBackendSuite } from "./backend.case.js";
import { createThreadedWasmBackend, type SpawnWorker } from "./wasm/threads.js";

const spawn: SpawnWorker = (source, data) => {
  const worker = new Worker(source, { eval: true, workerData: data });
  worker.unref();
  return worker;
};
const threaded = createThreadedWasmBackend(spawn, { workers: 1, minWork: 0 });
after(() => threaded.dispose());

runBackendSuite("wasm-threads", () => threaded.backend);
