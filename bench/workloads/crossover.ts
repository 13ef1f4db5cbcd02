// Where does the wasm kernel start beating the js one, copies in and out of wasm memory included?
// Times the raw backends (Backend.matmul on float32 arrays) over small shapes and returns the
// smallest work m·k·n from which wasm wins on every measured shape; dispatch.ts's WASM_THRESHOLDS.matmul
// records the result.
import { jsBackend } from "../../src/backend/js/index.js";
import type { Backend } from "../../src/backend/backend.js";
import { wasmBackend } from "../../src/backend/wasm/index.js";
import { normalInputs } from "../data.js";
import { timePerCall } from "../timing.js";

const MS = [1, 4, 16, 64];
const KS = [2, 8, 16, 32, 64];
const NS = [1, 8, 16, 32, 64];

export interface CrossoverRow {
  m: number;
  k: number;
  n: number;
  jsUs: number;
  wasmUs: number;
}

function timeBackend(backend: Backend, m: number, k: number, n: number, quick: boolean): number {
  const a = normalInputs(m, k, 1);
  const b = normalInputs(k, n, 2);
  const c = new Float32Array(m * n);
  const budgetMs = quick ? 25 : 80;
  return 1000 * timePerCall(() => backend.matmul(a, b, c, m, k, n, false, false), { budgetMs });
}

export function measureCrossover(quick: boolean): { threshold: number; rows: CrossoverRow[] } {
  const rows: CrossoverRow[] = [];
  for (const m of MS) {
    for (const k of KS) {
      for (const n of NS) {
        const jsUs = timeBackend(jsBackend, m, k, n, quick);
        const wasmUs = timeBackend(wasmBackend, m, k, n, quick);
        rows.push({ m, k, n, jsUs, wasmUs });
      }
    }
  }
  // smallest W with wasm faster on every shape of work ≥ W
  const byWork = [...rows].sort((x, y) => x.m * x.k * x.n - y.m * y.k * y.n);
  let threshold = 0;
  for (const r of byWork) if (r.wasmUs >= r.jsUs) threshold = r.m * r.k * r.n + 1;
  return { threshold, rows };
}
