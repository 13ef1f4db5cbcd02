// The checks browser.test.ts runs inside Chromium. Bundled by esbuild on its own; the page passes
// in the module namespace of the browser bundle of src/index.ts (the import below is type-only,
// so this file's bundle contains none of Myelin). Results go back to Node as plain JSON, and
// Node makes the assertions.
import type * as Myelin from "../../src/index.js";

export interface PageResults {
  userAgent: string;
  hasWasmSimd: boolean;
  backendsBefore: string[];
  /** getBackend().name right after the 64×96·96×80 float32 product. */
  backendAfterMatmul: string;
  /** max |C_wasm − C_ref| / max(1, |C_ref|) against a plain triple loop in float64. */
  matmulRelErrVsLoop: number;
  /** The same measure against setBackend("js")'s product. */
  matmulRelErrVsJs: number;
  backendAfterSetJs: string;
  matmulShape: number[];
  xor: { steps: number; firstLoss: number; lastLoss: number; accuracy: number; backend: string };
  gradcheck: { ok: boolean; maxAbsError: number; maxRelError: number; checked: number };
  /** gradcheck of an op whose backward is wrong on purpose: must report ok = false. */
  gradcheckWrong: { ok: boolean; maxAbsError: number };
}

/** max_i |a_i − b_i| / max(1, |b_i|). */
function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(e <= worst)) worst = e; // NaN propagates as the worst error
  }
  return worst;
}

/** C = A·B with A: [m, k], B: [k, n] row-major, summed in float64 — independent of Myelin. */
function loopMatmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  return c;
}

export function runChecks(M: typeof Myelin): PageResults {
  const hasWasmSimd = M.hasWasmSimd();
  const backendsBefore = M.listBackends();

  // float32 matmul above the wasm threshold: m·k·n = 64·96·80 = 491 520 ≫ WASM_MIN_WORK
  const [m, k, n] = [64, 96, 80];
  const gen = new M.Random(1234);
  const a = M.randn([m, k], { generator: gen }); // [64, 96] float32
  const b = M.randn([k, n], { generator: gen }); // [96, 80] float32
  const cWasm = a.matmul(b); // [64, 80]; the first kernel call picks the default backend
  const backendAfterMatmul = M.getBackend().name;
  const reference = loopMatmul(a.data, b.data, m, k, n);
  const matmulRelErrVsLoop = maxRelErr(cWasm.data, reference);
  M.setBackend("js");
  const backendAfterSetJs = M.getBackend().name;
  const cJs = a.matmul(b);
  const matmulRelErrVsJs = maxRelErr(cWasm.data, cJs.data);
  M.setBackend("wasm");

  // XOR with the public API: 2 → 8 → 1 MLP, tanh, BCE on logits, Adam
  const init = new M.Random(7);
  const model = M.nn.sequential(
    M.nn.linear(2, 8, { generator: init }),
    M.nn.tanh(),
    M.nn.linear(8, 1, { generator: init }),
  );
  const x = M.tensor([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]); // [4, 2]
  const labels = [0, 1, 1, 0];
  const y = M.tensor(labels.map((v) => [v])); // [4, 1]
  const opt = M.optim.adam(model.parameters(), { lr: 0.05 });
  const steps = 300;
  let firstLoss = NaN;
  let lastLoss = NaN;
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    const loss = M.losses.bceWithLogits(model.forward(x), y);
    loss.backward();
    opt.step();
    lastLoss = loss.item();
    if (s === 0) firstLoss = lastLoss;
  }
  const logits = M.noGrad(() => model.eval().forward(x)).data; // [4]
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if ((logits[i] > 0 ? 1 : 0) === labels[i]) hits++;
  const xor = {
    steps,
    firstLoss,
    lastLoss,
    accuracy: hits / labels.length,
    backend: M.getBackend().name,
  };

  // gradcheck in float64: y = tanh(x·W), checked against central differences
  const g64 = new M.Random(99);
  const xs = M.randn([3, 4], { dtype: "float64", generator: g64, requiresGrad: true });
  const ws = M.randn([4, 2], { dtype: "float64", generator: g64, requiresGrad: true });
  const gc = M.diagnostics.gradcheck((p, q) => p.matmul(q).tanh(), [xs, ws]);
  // negative control: y = x² with the backward of y = x³ (3x² instead of 2x)
  const wrongSquare = M.unaryOp(
    "wrongSquare",
    (v) => v * v,
    (dY, v) => dY.mul(v.square()).mul(3),
  );
  const gw = M.diagnostics.gradcheck((p) => wrongSquare(p), [xs]);

  return {
    userAgent: navigator.userAgent,
    hasWasmSimd,
    backendsBefore,
    backendAfterMatmul,
    matmulRelErrVsLoop,
    matmulRelErrVsJs,
    backendAfterSetJs,
    matmulShape: [...cWasm.shape],
    xor,
    gradcheck: {
      ok: gc.ok,
      maxAbsError: gc.maxAbsError,
      maxRelError: gc.maxRelError,
      checked: gc.checked,
    },
    gradcheckWrong: { ok: gw.ok, maxAbsError: gw.maxAbsError },
  };
}
