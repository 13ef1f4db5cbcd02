// A user's browser page against the installed tarball (import "myelin/browser"): bundled once by
// esbuild and once by Vite, opened in Chromium by browser-check.mjs. It multiplies two matrices
// big enough for the WebAssembly kernels, then again on the js backend, and leaves what it saw in
// window.__results; run.ts makes the assertions. No Node types are visible to this file.
import { getBackend, hasWasmSimd, listBackends, randn, Random, setBackend } from "myelin/browser";

export interface BrowserResults {
  hasWasmSimd: boolean;
  backendsBefore: string[];
  /** getBackend().name right after the 128×128·128×128 float32 product. */
  backendAfterMatmul: string;
  /** max |C_default − C_js| / max(1, |C_js|). */
  relErrVsJs: number;
  /** max |C_default − C_loop| / max(1, |C_loop|) against a float64 loop written here. */
  relErrVsLoop: number;
}

/** max_i |a_i − b_i| / max(1, |b_i|); NaN counts as the worst. */
function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(e <= worst)) worst = e;
  }
  return worst;
}

function run(): BrowserResults {
  const backendsBefore = listBackends();
  const n = 128; // n³ = 2 097 152 multiply-adds, far above the wasm dispatch threshold
  const gen = new Random(11);
  const a = randn([n, n], { generator: gen });
  const b = randn([n, n], { generator: gen });
  const cDefault = a.matmul(b);
  const backendAfterMatmul = getBackend().name;
  const loop = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += a.data[i * n + p] * b.data[p * n + j];
      loop[i * n + j] = s;
    }
  setBackend("js");
  const cJs = a.matmul(b);
  return {
    hasWasmSimd: hasWasmSimd(),
    backendsBefore,
    backendAfterMatmul,
    relErrVsJs: maxRelErr(cDefault.data, cJs.data),
    relErrVsLoop: maxRelErr(cDefault.data, loop),
  };
}

const target = window as unknown as { __results?: BrowserResults | { error: string } };
try {
  target.__results = run();
} catch (e) {
  target.__results = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
