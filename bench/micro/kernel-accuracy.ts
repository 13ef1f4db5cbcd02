// Error of the wasm SIMD maps (exp, tanh, sigmoid; softmax) against the js reference (Math.exp,
// Math.tanh in float64, rounded once to float32), in float32 ulps of the reference and relative.
// Dense sweep over [−110, 90] plus random points near 0. Not a test.   npx tsx bench/micro/kernel-accuracy.ts
import type { UnaryKind } from "../../src/backend/backend.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { wasmBackend } from "../../src/backend/wasm/index.js";
import { Random } from "../../src/tensor/random.js";

/** Distance in float32 ulps (ordered integer representation). */
function ulps(a: number, b: number): number {
  const f = new Float32Array([a, b]);
  const i = new Int32Array(f.buffer);
  const key = (v: number): number => (v < 0 ? -2147483648 - v : v);
  return Math.abs(key(i[0]) - key(i[1]));
}

const N = 2_000_000;
const x = new Float32Array(N);
const rng = new Random(5);
for (let i = 0; i < N; i++) {
  x[i] = i % 2 === 0 ? -110 + (200 * i) / N : (2 * rng.uniform() - 1) * (i % 4 === 1 ? 1e-3 : 1);
}
for (const kind of ["exp", "tanh", "sigmoid"] as UnaryKind[]) {
  const ref = new Float32Array(N);
  const got = new Float32Array(N);
  jsBackend.unary(kind, x, ref);
  wasmBackend.unary(kind, x, got);
  let worstUlp = 0;
  let worstRel = 0;
  let at = 0;
  for (let i = 0; i < N; i++) {
    if (!Number.isFinite(ref[i])) {
      if (got[i] !== ref[i]) console.log(`${kind}(${x[i]}) = ${got[i]}, expected ${ref[i]}`);
      continue;
    }
    if (Math.abs(ref[i]) < 1.2e-38) continue; // subnormal results: relative error meaningless
    const u = ulps(got[i], ref[i]);
    const rel = Math.abs(got[i] - ref[i]) / Math.abs(ref[i]);
    if (u > worstUlp) [worstUlp, at] = [u, x[i]];
    worstRel = Math.max(worstRel, rel);
  }
  console.log(
    `${kind.padEnd(8)} max ${worstUlp} ulp (at x = ${at}), max relative ${worstRel.toExponential(2)}`,
  );
}
