// Where the native backend starts to pay (src/node/native/thresholds.ts): ns per call of the js,
// wasm and native kernels, float32, at sizes 8…4096 (products m = k = n = 2…64), best of 7
// rounds of 20 ms. Run with OPENBLAS_NUM_THREADS=1:  npx tsx bench/native-kernels.ts
import { jsBackend } from "../src/backend/js/index.js";
import { wasmBackend } from "../src/backend/wasm/index.js";
import { createNativeBackend } from "../src/node/native/backend.js";
import { loadAddon } from "../src/node/native/loader.js";

const load = loadAddon();
if (load.addon === null) throw new Error(load.reason);
const backends = [jsBackend, wasmBackend, createNativeBackend(load.addon)];

/** Best ns per call over 7 rounds of 20 ms. */
function ns(fn: () => void): number {
  for (let i = 0; i < 50; i++) fn();
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    let calls = 0;
    const t0 = performance.now();
    let t1 = t0;
    while ((t1 = performance.now()) - t0 < 20) {
      fn();
      calls++;
    }
    best = Math.min(best, (t1 - t0) / calls);
  }
  return Math.round(best * 1e6);
}

console.log("size | kernel | js | wasm | native  (ns per call)");
for (const size of [8, 16, 32, 64, 128, 256, 512, 1024, 4096]) {
  const x = Float32Array.from({ length: size }, (_, i) => 2 * Math.sin(i));
  const y = Float32Array.from({ length: size }, (_, i) => 1 + 0.5 * Math.cos(i));
  const out = new Float32Array(size);
  const cases: [string, (b: (typeof backends)[number]) => void][] = [
    ["relu", (b) => b.biasActivation!(x, null, out, 1, size, "relu", 0)],
    ["tanh", (b) => b.unary!("tanh", x, out)],
    ["exp", (b) => b.unary!("exp", x, out)],
    ["add", (b) => b.binary!("add", x, y, out)],
    ["sumAxis", (b) => b.sumAxis!(x, out, 1, size / 8, 8)],
    ["softmax", (b) => b.softmaxRows!(x, out, size / 8, 8)],
  ];
  for (const [name, run] of cases) {
    console.log(`${size} | ${name} | ${backends.map((b) => ns(() => run(b))).join(" | ")}`);
  }
}
for (const n of [2, 4, 5, 6, 8, 16, 32, 64]) {
  const a = Float32Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const c = new Float32Array(n * n);
  const times = backends.map((b) => ns(() => b.matmul(a, a, c, n, n, n, false, false)));
  console.log(`${n ** 3} | matmul ${n}³ | ${times.join(" | ")}`);
}
