// Worker threads for the wasm backend in Node. The core's threaded backend (backend/wasm/threads.ts)
// imports no Node module and asks its host for a `spawn` function; this file is that host:
// it starts `node:worker_threads` workers (unref'd, so they never keep the process alive),
// registers the result as the "wasm" backend and stops the workers on unload or replacement.
//
//   product m·k·n:   below the wasm matmul threshold → js (decided in backend/dispatch.ts)  ·
//                    < minWork → wasm, 1 thread  ·  else → wasm, split over the calling thread +
//                    `workers` helpers (rows of C in bands)
//
// Not on by default: with another process busy on the second core, two threads lose slightly
// (bench/threads-ab.ts; figures in BENCHMARKS.md, "Threads in Node"), and a default must not
// lose when the cores are shared. Call loadWasmThreads() when the cores are yours.
//
// A helper that dies (or stops answering) never hangs a product: the core bounds every wait and
// computes the missing rows on the calling thread (backend/wasm/threads.ts). The failure is then
// reported once per loadWasmThreads() as a process warning (code MYELIN_WASM_THREADS_DEGRADED),
// wasmThreadsHealthy() turns false, the workers are stopped and single-thread wasm is registered
// as "wasm" again (as by unloadWasmThreads()).
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  getBackend,
  loadWasmBackend,
  registerBackend,
  setBackend,
  type FullBackend,
} from "../backend/index.js";
import { ValueError } from "../errors.js";
import { wasmBackend } from "../backend/wasm/index.js";
import {
  createThreadedWasmBackend,
  THREADS_MIN_WORK,
  THREADS_TIMEOUT_MS,
  type SpawnWorker,
  type ThreadedWasm,
  type WorkerFault,
} from "../backend/wasm/threads.js";

/** Options of {@link loadWasmThreads}. */
export interface LoadWasmThreadsOptions {
  /**
   * Helper threads besides the calling one; a large product runs on workers + 1 threads.
   * Default: the number of cores minus one, at least 1 (1 on a 2-core machine).
   */
  workers?: number;
  /**
   * m·k·n from which a product is split over the threads; smaller ones run on one thread
   * (wasm, or js below the wasm matmul threshold of backend/dispatch.ts). Default THREADS_MIN_WORK (2²², measured).
   */
  minWork?: number;
  /**
   * Fixed part of a split product's deadline in ms (default THREADS_TIMEOUT_MS = 2000); the
   * deadline adds 20× the time the calling thread took for its own band. A helper that misses
   * it is given up on: its rows are computed on the calling thread and the threads unloaded.
   */
  timeoutMs?: number;
}

interface Loaded {
  threaded: ThreadedWasm;
  backend: FullBackend;
}

let loaded: Loaded | null = null;
let liveWorkers = 0;
let failure: string | null = null; // why the last loadWasmThreads() degraded, if it did

/**
 * False once a helper thread of the last loadWasmThreads() has died or missed a product's
 * deadline (products then run on one thread; loadWasmThreads() starts afresh); true otherwise,
 * also when no threads are loaded.
 */
export function wasmThreadsHealthy(): boolean {
  return failure === null;
}

/** Records the first failure of the current threads, warns once and falls back to one thread. */
function fail(owner: Owner, reason: string): void {
  if (loaded === null || loaded.threaded !== owner.threaded) return; // unloaded or replaced
  if (failure === null) {
    failure = reason;
    process.emitWarning(`wasm threads: ${reason}; running on one thread from now on`, {
      code: "MYELIN_WASM_THREADS_DEGRADED",
    });
  }
  unloadWasmThreads();
}

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
    worker.once("exit", (code) => {
      liveWorkers--;
      // a helper that dies on its own (not through unload): fall back to one thread (a split
      // product would not hang on it, but would wait for its deadline)
      fail(owner, `worker ${data.index} exited (code ${code})`);
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
  const timeoutMs = options.timeoutMs ?? THREADS_TIMEOUT_MS;
  if (!(timeoutMs >= 0)) {
    throw new ValueError(`loadWasmThreads: timeoutMs must be ≥ 0, got ${timeoutMs}`);
  }
  if (typeof SharedArrayBuffer === "undefined" || !loadWasmBackend()) return false;
  unloadWasmThreads();
  failure = null;
  const wasmActive = getBackend().name === "wasm"; // settles the default choice first
  const owner: Owner = { threaded: null, workers: [] };
  let threaded: ThreadedWasm;
  try {
    threaded = createThreadedWasmBackend(spawnFor(owner), {
      workers,
      minWork,
      timeoutMs,
      fallback: wasmBackend,
      // runs inside the product that gave up on a worker, after its result is complete
      onDegraded: (reason) => fail(owner, reason),
    });
  } catch {
    for (const w of owner.workers) void w.terminate(); // the ones started before the failure
    return false;
  }
  owner.threaded = threaded;
  // the wasm backend with the threaded product (other kernels stay single-thread wasm)
  const product = threaded.backend;
  const backend: FullBackend = {
    ...wasmBackend,
    matmul: (a, b, c, m, k, n, transA, transB) => product.matmul(a, b, c, m, k, n, transA, transB),
  };
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

/** @internal Test hook: makes helper `index` of the loaded threads misbehave on its next job. */
export function injectWasmWorkerFault(fault: WorkerFault, index = 0): void {
  if (loaded === null) throw new ValueError("injectWasmWorkerFault: no wasm threads are loaded");
  loaded.threaded.injectFault(index, fault);
}
