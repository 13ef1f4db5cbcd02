// Worker threads for the wasm backend in Node. The core's threaded backend (backend/wasm/threads.ts)
// imports no Node module and asks its host for a `spawn` function; this file is that host:
// it starts `node:worker_threads` workers (unref'd, so they never keep the process alive),
// registers the result as the "wasm" backend and stops the workers on unload or replacement.
//
//   product m·k·n:   < WASM_MIN_WORK → js  ·  < minWork → wasm, 1 thread  ·  else → wasm, split
//                    over the calling thread + `workers` helpers (rows of C in bands)
//
// Not on by default. bench/threads-ab.ts (2-core AMD EPYC, Node 20.20, 2026-11-29) interleaved
// 1 and 2 threads: with the machine otherwise idle two threads gave W2 train step 1.20×, W3
// predict 1.58×, matmul 1024³ 1.90×; with another process busy on the second core 0.94×, 0.98×,
// 1.02× — a default must not lose when the cores are shared. Call loadWasmThreads() when the
// cores are yours.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { createAutoBackend, WASM_MIN_WORK } from "../backend/auto.js";
import type { Backend } from "../backend/backend.js";
import { jsBackend } from "../backend/js/index.js";
import { ValueError } from "../errors.js";
import { getBackend, registerBackend, setBackend } from "../backend/registry.js";
import { loadWasmBackend, wasmBackend } from "../backend/wasm/index.js";
import {
  createThreadedWasmBackend,
  THREADS_MIN_WORK,
  type SpawnWorker,
  type ThreadedWasm,
} from "../backend/wasm/threads.js";

export interface LoadWasmThreadsOptions {
  /**
   * Helper threads besides the calling one; a large product runs on workers + 1 threads.
   * Default: the number of cores minus one, at least 1 (1 on a 2-core machine).
   */
  workers?: number;
  /**
   * m·k·n from which a product is split over the threads; smaller ones run on one thread
   * (wasm, or js below WASM_MIN_WORK). Default THREADS_MIN_WORK (2²², measured).
   */
  minWork?: number;
}

interface Loaded {
  threaded: ThreadedWasm;
  backend: Backend;
}

let loaded: Loaded | null = null;
let liveWorkers = 0;

/** Worker threads started by loadWasmThreads that have not exited yet (for tests and leak checks). */
export function wasmWorkerCount(): number {
  return liveWorkers;
}

/** One loadWasmThreads call's workers; `threaded` is set once creation has succeeded. */
interface Owner {
  threaded: ThreadedWasm | null;
  workers: Worker[];
}

function spawnFor(owner: Owner): SpawnWorker {
  return (source, data) => {
    // execArgv [] : the helper is plain CommonJS; inheriting the parent's flags (--input-type=module,
    // loaders) would make it fail to start and leave the first split product waiting for it
    const worker = new Worker(source, { eval: true, workerData: data, execArgv: [] });
    worker.unref(); // idle helpers must never keep the process alive
    liveWorkers++;
    owner.workers.push(worker);
    worker.once("exit", () => {
      liveWorkers--;
      // a helper that dies on its own (not through unload) would leave the next split product
      // waiting for it forever: fall back to one thread before that can happen
      if (loaded !== null && loaded.threaded === owner.threaded) unloadWasmThreads();
    });
    // an uncaught error in a helper ends it ("exit" follows); without a listener it would be
    // rethrown in the main thread
    worker.on("error", () => {});
    return worker;
  };
}

/**
 * Starts worker threads and registers the multi-threaded WebAssembly backend as "wasm":
 * products with m·k·n ≥ minWork are split over `workers` + 1 threads, smaller ones run on one
 * thread as with loadWasmBackend(). When the "wasm" backend is active (or no backend was chosen
 * yet) the threaded one becomes active at once; after setBackend("js") it waits for
 * setBackend("wasm"). Calling it again replaces (and stops) the previous workers.
 *
 * Returns false — and changes nothing — when WebAssembly SIMD or SharedArrayBuffer is missing or
 * a worker cannot be started. The calling thread blocks (Atomics.wait) during a split product.
 * A later loadWasmBackend() registers the single-thread backend over this one.
 */
export function loadWasmThreads(options: LoadWasmThreadsOptions = {}): boolean {
  const workers = options.workers ?? Math.max(1, availableParallelism() - 1);
  const minWork = options.minWork ?? THREADS_MIN_WORK;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new ValueError(`loadWasmThreads: workers must be an integer ≥ 1, got ${workers}`);
  }
  if (!(minWork >= 0)) {
    throw new ValueError(`loadWasmThreads: minWork must be ≥ 0, got ${minWork}`);
  }
  if (typeof SharedArrayBuffer === "undefined" || !loadWasmBackend()) return false;
  unloadWasmThreads();
  const wasmActive = getBackend().name === "wasm"; // settles the default choice first
  const owner: Owner = { threaded: null, workers: [] };
  let threaded: ThreadedWasm;
  try {
    threaded = createThreadedWasmBackend(spawnFor(owner), { workers, minWork });
  } catch {
    for (const w of owner.workers) void w.terminate(); // the ones started before the failure
    return false;
  }
  owner.threaded = threaded;
  const oneThread = createAutoBackend(jsBackend, wasmBackend, WASM_MIN_WORK);
  const backend = createAutoBackend(oneThread, threaded.backend, minWork);
  loaded = { threaded, backend };
  registerBackend(backend);
  if (wasmActive) setBackend("wasm");
  return true;
}

/**
 * Stops the worker threads started by loadWasmThreads and registers the single-thread wasm
 * backend as "wasm" again (active if the threaded one was). Does nothing when none is loaded.
 */
export function unloadWasmThreads(): void {
  if (loaded === null) return;
  const { threaded, backend } = loaded;
  loaded = null;
  const wasActive = getBackend() === backend;
  threaded.dispose();
  loadWasmBackend();
  if (wasActive) setBackend("wasm");
}
