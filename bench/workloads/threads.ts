// When do two threads pay? Times the threaded wasm backend (1 worker + the caller) against the
// single-thread wasm backend on square float32 products, copies included, and returns the
// smallest m·k·n from which the threaded one wins on every larger measured size.
import type { Backend } from "../../src/backend/backend.js";
import { wasmBackend } from "../../src/backend/wasm/index.js";
import { getBackend, loadWasmThreads, unloadWasmThreads } from "../../src/node/index.js";
import { normalInputs } from "../data.js";
import { timePerCall } from "../timing.js";

const SIZES = [16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 1024];

export interface ThreadRow {
  n: number;
  oneUs: number;
  twoUs: number;
}

function time(backend: Backend, n: number, quick: boolean): number {
  const a = normalInputs(n, n, 1);
  const b = normalInputs(n, n, 2);
  const c = new Float32Array(n * n);
  const budgetMs = quick ? 60 : 300;
  return 1000 * timePerCall(() => backend.matmul(a, b, c, n, n, n, false, false), { budgetMs });
}

export function measureThreads(quick: boolean): { threshold: number; rows: ThreadRow[] } {
  // minWork 0: every product is split (what THREADS_MIN_WORK is measured for)
  if (!loadWasmThreads({ workers: 1, minWork: 0 })) throw new Error("bench: no wasm threads");
  const threaded = getBackend();
  const rows = SIZES.map((n) => ({
    n,
    oneUs: time(wasmBackend, n, quick),
    twoUs: time(threaded, n, quick),
  }));
  unloadWasmThreads();
  let threshold = 0;
  for (const r of rows) if (r.twoUs >= r.oneUs) threshold = r.n ** 3 + 1;
  return { threshold, rows };
}
