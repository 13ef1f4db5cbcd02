// Multi-threaded float32 matmul: the rows of C are split into bands, one per thread — the
// calling thread plus `workers` helpers — and every thread runs the shared-memory build of the
// kernels on one WebAssembly.Memory, so operands are copied in once and never sent anywhere.
//
//   C[i0:i1, :] = op(A)[i0:i1, :]·op(B)       one band per thread, bands aligned to 4 rows
//
// The calling thread blocks in Atomics.wait until the helpers finish, so this works where
// blocking is allowed: Node's main thread, worker threads, Web Workers — not a browser's main
// thread. Workers are created by a `spawn` function the host passes in (the core imports no
// Node module): in Node,
//   (source, data) => { const w = new Worker(source, { eval: true, workerData: data }); w.unref(); return w; }
// in a browser Web Worker, spawn from a Blob URL of `source` and postMessage(data).
// Needs SharedArrayBuffer (browsers: a cross-origin-isolated page).
//
// A helper that dies or stops answering must not hang the caller, and while the caller is blocked
// no event (a worker's "exit") can reach it, so every wait is bounded by a deadline per product:
//   deadline = post time + timeoutMs + DEADLINE_FACTOR · (time the caller took for its own band)
// A worker claims its job (POSTED → RUNNING, compare-exchange) before computing; at the deadline
// the caller cancels an unclaimed job (POSTED → CANCELLED, so a late worker never starts it) and
// gives up on a claimed one. Either way it computes the missing bands itself on `fallback`, from
// the caller's own arrays (never from shared memory a stalled worker may still write), and the
// backend becomes degraded for good: workers stopped, every later product on `fallback`,
// healthy() false, onDegraded(reason) called once. After dispose() products also run on
// `fallback`, so a stale reference to the backend cannot wait for workers that are gone.
import type { Backend } from "../backend.js";
import { jsBackend } from "../js/index.js";
import type { Storage } from "../../tensor/dtype.js";
import { compileSharedKernels, instantiateShared, type KernelExports } from "./loader.js";

/** What a worker receives: the compiled kernels, the shared memory and its control block. */
export interface WorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  index: number;
}
export interface WorkerHandle {
  terminate(): unknown;
}
export type SpawnWorker = (source: string, data: WorkerData) => WorkerHandle;

// Control block, 16 int32 per worker: [state, a, b, c, m, k, n, lda, transA, transB, work, fault].
// state: 0 idle · 1 job posted · 2 done · 3 exit · 4 running (claimed) · 5 cancelled by the caller.
// Pointers are stored as int32 bit patterns. fault: a test hook (WorkerFault), 0 normally.
const IDLE = 0;
const POSTED = 1;
const DONE = 2;
const EXIT = 3;
const RUNNING = 4;
const CANCELLED = 5;
const FAULT = 11;
const SLOT = 16;

/**
 * Test hook: how a worker misbehaves on its next job. "exit-before": ends its thread without
 * claiming the job (never answers); "exit-during": claims it, then ends its thread (dies
 * mid-band); "stall": claims it and blocks forever (alive, never answers).
 */
export type WorkerFault = "exit-before" | "exit-during" | "stall";
const FAULT_CODES: Record<WorkerFault, number> = { "exit-before": 1, "exit-during": 2, stall: 3 };

/** Default fixed part of a split product's deadline, in ms (see the header comment). */
export const THREADS_TIMEOUT_MS = 2000;
/**
 * A worker's band has at most as many rows as the caller's, so it needs about as long as the
 * caller took; 20× that covers a worker sharing its core with other busy processes.
 */
const DEADLINE_FACTOR = 20;

/** The helper thread's program (plain JS, run as a Node eval worker or from a Blob URL). */
export const WORKER_SOURCE = `
const start = (data) => {
  const ctl = new Int32Array(data.control, data.index * ${SLOT * 4}, ${SLOT});
  const kernels = new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports;
  const die = () => {
    if (typeof process === "object") process.exit(1);
    self.close();
    throw new Error("worker fault");
  };
  for (;;) {
    let s = Atomics.load(ctl, 0);
    while (s !== ${POSTED} && s !== ${EXIT}) { Atomics.wait(ctl, 0, s); s = Atomics.load(ctl, 0); }
    if (s === ${EXIT}) break;
    const fault = ctl[${FAULT}];
    if (fault === 1) die();
    // claim the job; failing means the caller cancelled it at its deadline
    if (Atomics.compareExchange(ctl, 0, ${POSTED}, ${RUNNING}) !== ${POSTED}) continue;
    if (fault === 2) die();
    if (fault === 3) Atomics.wait(ctl, ${SLOT - 1}, 0); // never notified
    kernels.matmulF32(ctl[1], ctl[2], ctl[3], ctl[4], ctl[5], ctl[6], ctl[7], ctl[8], ctl[9], ctl[10]);
    Atomics.store(ctl, 0, ${DONE});
    Atomics.notify(ctl, 0);
  }
};
if (typeof require === "function") start(require("node:worker_threads").workerData);
else self.onmessage = (event) => start(event.data);
`;

/**
 * m·k·n from which this backend splits a product over its threads (how it divides its own work;
 * whether a product reaches wasm at all is decided in ../dispatch.ts). Measured by
 * bench/workloads/threads.ts (figures in BENCHMARKS.md, "Threads in Node"): below ~128³ the
 * ~50 µs it takes to wake a sleeping worker costs more than half the product saves; 2²² ≈ 161³
 * leaves a margin.
 */
export const THREADS_MIN_WORK = 1 << 22;

export interface ThreadedWasm {
  /** A Backend named "wasm": float32 products split over threads, float64 on js. */
  backend: Backend;
  /** Number of threads a large product runs on (the caller plus the workers). */
  threads: number;
  /**
   * False once a worker died or missed a product's deadline (or after dispose()): products then
   * run on the fallback backend, on the calling thread only.
   */
  healthy(): boolean;
  /** Stops the workers; later products run on the fallback backend. */
  dispose(): void;
  /** @internal Test hook: makes worker `index` misbehave on its next job. */
  injectFault(index: number, fault: WorkerFault): void;
}

export interface ThreadedWasmOptions {
  /** Helper threads besides the calling one (default 1). */
  workers?: number;
  /** m·k·n from which a product is split (default THREADS_MIN_WORK); smaller ones: 1 thread. */
  minWork?: number;
  /** Fixed part of a split product's deadline, ms (default THREADS_TIMEOUT_MS). */
  timeoutMs?: number;
  /**
   * Runs float64 products, the bands of failed workers and, once degraded, every product
   * (default jsBackend; the Node host passes single-thread wasm).
   */
  fallback?: Backend;
  /** Called once, with a reason, when the backend degrades to `fallback` (not on dispose()). */
  onDegraded?: (reason: string) => void;
}

const now = (): number => performance.now();

const PAGE = 65536;
const MAX_PAGES = 65536;

function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/**
 * Starts `workers` helper threads (default 1) and returns a backend that splits products with
 * m·k·n ≥ minWork (default THREADS_MIN_WORK) over them; smaller ones run on the calling thread.
 * A split product never waits past its deadline (header comment); a failed worker degrades the
 * backend to `fallback`, with correct results throughout.
 */
export function createThreadedWasmBackend(
  spawn: SpawnWorker,
  options: ThreadedWasmOptions = {},
): ThreadedWasm {
  const workers = options.workers ?? 1;
  const minWork = options.minWork ?? THREADS_MIN_WORK;
  const timeoutMs = options.timeoutMs ?? THREADS_TIMEOUT_MS;
  const fallback = options.fallback ?? jsBackend;
  let stopped = false; // disposed or degraded: the workers are gone or not trusted
  const module = compileSharedKernels();
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const kernels: KernelExports = instantiateShared(module, memory);
  const control = new SharedArrayBuffer(SLOT * 4 * workers);
  const handles: WorkerHandle[] = [];
  for (let index = 0; index < workers; index++) {
    handles.push(spawn(WORKER_SOURCE, { module, memory, control, index }));
  }
  const threads = workers + 1;
  // layout: heapBase · one work area per thread · A · B · C
  const workBase = align16(kernels.heapBase());
  const workSize = align16(kernels.workBytes());
  const operands = workBase + threads * workSize;

  function ensure(bytes: number): boolean {
    const have = memory.buffer.byteLength;
    if (bytes <= have) return true;
    const pages = Math.ceil((bytes - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) return false;
    try {
      memory.grow(pages);
      return true;
    } catch {
      return false;
    }
  }

  function matmulF32(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
  ): boolean {
    const aPtr = operands;
    const bPtr = aPtr + align16(4 * m * k);
    const cPtr = bPtr + align16(4 * k * n);
    if (!ensure(cPtr + align16(4 * m * n))) return false;
    new Float32Array(memory.buffer, aPtr, m * k).set(a.subarray(0, m * k));
    new Float32Array(memory.buffer, bPtr, k * n).set(b.subarray(0, k * n));
    const lda = transA ? m : k;
    // bands of whole 4-row tiles; band 0 for the calling thread, the others for workers
    const bands = m * k * n >= minWork ? Math.max(1, Math.min(threads, Math.ceil(m / 4))) : 1;
    const rowsPerBand = Math.ceil(m / bands / 4) * 4;
    const job = (band: number): number[] => {
      const i0 = Math.min(m, band * rowsPerBand);
      const i1 = Math.min(m, i0 + rowsPerBand);
      const aBand = aPtr + 4 * (transA ? i0 : i0 * k);
      const work = workBase + band * workSize;
      return [aBand, bPtr, cPtr + 4 * i0 * n, i1 - i0, k, n, lda, +transA, +transB, work];
    };
    for (let band = 1; band < bands; band++) {
      const ctl = new Int32Array(control, (band - 1) * SLOT * 4, SLOT);
      ctl.set(
        job(band).map((v) => v | 0),
        1,
      );
      Atomics.store(ctl, 0, POSTED);
      Atomics.notify(ctl, 0);
    }
    const posted = now();
    const [a0, b0, c0, m0, k0, n0, lda0, tA, tB, w0] = job(0);
    kernels.matmulF32(a0, b0, c0, m0, k0, n0, lda0, tA, tB, w0);
    const deadline = now() + timeoutMs + DEADLINE_FACTOR * (now() - posted);
    const missing: number[] = [];
    for (let band = 1; band < bands; band++) {
      if (awaitBand(new Int32Array(control, (band - 1) * SLOT * 4, SLOT), deadline)) continue;
      missing.push(band);
    }
    c.set(new Float32Array(memory.buffer, cPtr, m * n));
    for (const band of missing) {
      const i0 = Math.min(m, band * rowsPerBand);
      bandOnFallback(a, b, c, m, k, n, transA, transB, i0, Math.min(m, i0 + rowsPerBand));
    }
    if (missing.length > 0) {
      degrade(
        `worker ${missing[0] - 1} did not finish its band within ${Math.round(deadline - posted)} ms`,
      );
    }
    return true;
  }

  /** Waits (bounded) for a posted job; true when the worker finished it. */
  function awaitBand(ctl: Int32Array, deadline: number): boolean {
    let s = Atomics.load(ctl, 0);
    while (s === POSTED || s === RUNNING) {
      const left = deadline - now();
      if (left <= 0) {
        // an unclaimed job is cancelled so that a late worker never starts it
        if (s === RUNNING || Atomics.compareExchange(ctl, 0, POSTED, CANCELLED) === POSTED) {
          return false;
        }
      } else {
        Atomics.wait(ctl, 0, s, left);
      }
      s = Atomics.load(ctl, 0);
    }
    Atomics.store(ctl, 0, IDLE);
    return true;
  }

  /** C[i0:i1, :] = op(A)[i0:i1, :]·op(B) on the fallback backend, from the caller's arrays. */
  function bandOnFallback(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
    i0: number,
    i1: number,
  ): void {
    const rows = i1 - i0;
    let aBand: Float32Array; // [rows, k], or [k, rows] when transA
    if (!transA) {
      aBand = a.subarray(i0 * k, i1 * k);
    } else {
      aBand = new Float32Array(k * rows); // columns i0..i1 of A: [k, m]
      for (let p = 0; p < k; p++) {
        for (let r = 0; r < rows; r++) aBand[p * rows + r] = a[p * m + i0 + r];
      }
    }
    fallback.matmul(aBand, b, c.subarray(i0 * n, i1 * n), rows, k, n, transA, transB);
  }

  function stop(): void {
    stopped = true;
    for (let index = 0; index < workers; index++) {
      const ctl = new Int32Array(control, index * SLOT * 4, SLOT);
      Atomics.store(ctl, 0, EXIT);
      Atomics.notify(ctl, 0);
    }
    for (const h of handles) void h.terminate();
  }

  function degrade(reason: string): void {
    if (stopped) return;
    stop();
    options.onDegraded?.(reason);
  }

  const backend: Backend = {
    name: "wasm",
    matmul(a: Storage, b: Storage, c: Storage, m, k, n, transA, transB) {
      const f32 =
        a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array;
      if (f32 && !stopped && matmulF32(a, b, c, m, k, n, transA, transB)) return;
      fallback.matmul(a, b, c, m, k, n, transA, transB);
    },
  };

  function dispose(): void {
    if (!stopped) stop();
  }

  function injectFault(index: number, fault: WorkerFault): void {
    Atomics.store(new Int32Array(control, index * SLOT * 4, SLOT), FAULT, FAULT_CODES[fault]);
  }

  const healthy = (): boolean => !stopped;
  return { backend, threads, healthy, dispose, injectFault };
}
