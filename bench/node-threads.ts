// Node's way of starting the wasm backend's helper threads (the core imports no Node module).
// TODO(lead): the same few lines belong in src/node/ as the public `loadWasmThreads()`.
import { Worker } from "node:worker_threads";
import { registerBackend, setBackend } from "../src/backend/registry.js";
import {
  createThreadedWasmBackend,
  type SpawnWorker,
  type ThreadedWasm,
} from "../src/backend/wasm/threads.js";

export const nodeSpawn: SpawnWorker = (source, data) => {
  const worker = new Worker(source, { eval: true, workerData: data });
  worker.unref(); // never keep the process alive just for idle helpers
  return worker;
};

/** Registers the threaded wasm backend as "wasm" and selects it. */
export function useThreadedWasm(
  options: { workers?: number; minWork?: number } = {},
): ThreadedWasm {
  const threaded = createThreadedWasmBackend(nodeSpawn, options);
  registerBackend(threaded.backend);
  setBackend("wasm");
  return threaded;
}
