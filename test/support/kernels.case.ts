// Conformance cases for the non-matmul kernels (run from runBackendSuite for every backend).
// Expected values come from the definitions, evaluated here in float64 with Math.* (independent
// of every backend, the js one included). Tolerances, float32:
//   exp, tanh, sigmoid, softmax, log-softmax, loss:  |got − ref| ≤ 1e-6·|ref| + 1e-44
//     (≈ 8 float32 ulps; the wasm approximations measure ≤ 3 ulp, bench/micro/kernel-accuracy.ts;
//      1e-44 covers the rounding of subnormal results, e.g. e^(−88))
//   cross-entropy gradient p − onehot:  ≤ 1e-6·(|ref| + p)  (relative to p; 1e-6 absolute at
//     the target class, where p − 1 cancels)
//   relu, leakyRelu, identity, add/sub/mul/div: exact (the same IEEE operations)
//   sums: ≤ 1e-4·Σ|x| (float32 accumulation in any order)
// float64: the same with 1e-12 (relative) in place of 1e-6 and 1e-4.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Storage } from "../../src/tensor/dtype.js";
import { Random } from "../../src/tensor/random.js";
import type {
  ActivationKind,
  BinaryKind,
  FullBackend,
  UnaryKind,
} from "../../src/backend/backend.js";

const SIZES = [0, 1, 3, 5, 7, 17, 33, 64, 100, 129, 1000];
const ROWS = [0, 1, 3, 5, 17];
/** Inputs every map and softmax must get right: overflow/underflow edges, zeros, NaN, ±∞. */
const EXTREMES = [88, -88, 88.7, 89, -87.5, -103, -104, 1000, -1000, 0, -0, 1e-30, -1e-30];
const SPECIAL = [NaN, Infinity, -Infinity];

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
const TYPES: Ctor[] = [Float32Array, Float64Array];

function randomArray(Type: Ctor, n: number, rng: Random, scale = 3): Storage {
  const x = new Type(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform() < 0.1 ? 0 : scale * rng.normal();
  return x;
}

/** Random values with the extremes and the special values spread over the array. */
function edgyArray(Type: Ctor, n: number, rng: Random): Storage {
  const x = randomArray(Type, n, rng);
  const edges = [...EXTREMES, ...SPECIAL];
  for (let i = 0; i < n; i += 3) x[i] = edges[(i / 3) % edges.length];
  return x;
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
const relu = (v: number): number => (v > 0 ? v : v === v ? 0 : v);
const UNARY: Record<UnaryKind, (v: number) => number> = {
  exp: Math.exp,
  tanh: Math.tanh,
  sigmoid,
  relu,
};
const SLOPE = 0.2;
const ACT: Record<ActivationKind, (v: number) => number> = {
  identity: (v) => v,
  relu,
  tanh: Math.tanh,
  sigmoid,
  leakyRelu: (v) => (v > 0 ? v : SLOPE * v),
};
const EXACT = new Set(["identity", "relu", "leakyRelu"]);

/** Rounds to the element type (what storing into the array does). */
function rounder(Type: Ctor): (v: number) => number {
  return Type === Float32Array ? Math.fround : (v) => v;
}

/** Asserts |got − ref| ≤ rtol·scale + atol elementwise (NaN must match NaN, ∞ must be equal). */
function close(
  got: Storage,
  ref: ArrayLike<number>,
  rtol: number,
  where: string,
  scale: ArrayLike<number> = ref,
  atol = 1e-44,
): void {
  assert.equal(got.length, ref.length, `${where}: length`);
  for (let i = 0; i < ref.length; i++) {
    const [g, r] = [got[i], ref[i]];
    const ok =
      Number.isNaN(r) || !Number.isFinite(r)
        ? Object.is(g, r)
        : Math.abs(g - r) <= rtol * Math.abs(scale[i]) + atol;
    if (!ok) assert.fail(`${where}: [${i}] = ${g}, expected ${r}`);
  }
}

function exact(got: Storage, ref: ArrayLike<number>, where: string): void {
  for (let i = 0; i < ref.length; i++) {
    if (!Object.is(got[i], ref[i])) assert.fail(`${where}: [${i}] = ${got[i]}, expected ${ref[i]}`);
  }
}

function rtolOf(Type: Ctor): number {
  return Type === Float32Array ? 1e-6 : 1e-12;
}

/** Registers the kernel cases for one backend (called by runBackendSuite). */
export function runKernelCases(makeBackend: () => FullBackend): void {
  for (const Type of TYPES) {
    const T = Type.name;
    const round = rounder(Type);

    test(`unary exp/tanh/sigmoid/relu ${T}: sizes 0…1000, extremes ±88, ±1000, NaN, ±∞`, () => {
      const backend = makeBackend();
      const rng = new Random(11);
      for (const kind of Object.keys(UNARY) as UnaryKind[]) {
        for (const n of SIZES) {
          const x = edgyArray(Type, n, rng);
          const xCopy = x.slice();
          const out = new Type(n).fill(7);
          backend.unary(kind, x, out);
          const ref = Array.from(x, (v) => round(UNARY[kind](v)));
          const where = `${backend.name} unary ${kind} ${T} n=${n}`;
          if (kind === "relu") exact(out, ref, where);
          else close(out, ref, rtolOf(Type), where);
          exact(x, xCopy, `${where}: x modified`);
          backend.unary(kind, x, x); // in place
          if (kind === "relu") exact(x, ref, `${where} in place`);
          else close(x, ref, rtolOf(Type), `${where} in place`);
        }
      }
    });

    test(`binary add/sub/mul/div ${T}: exact, sizes 0…1000, with 0, NaN, ±∞`, () => {
      const backend = makeBackend();
      const rng = new Random(12);
      for (const kind of ["add", "sub", "mul", "div"] as BinaryKind[]) {
        for (const n of SIZES) {
          const a = edgyArray(Type, n, rng);
          const b = randomArray(Type, n, rng);
          if (n > 2) [b[1], b[2]] = [0, -Infinity];
          const out = new Type(n).fill(7);
          backend.binary(kind, a, b, out);
          const f = {
            add: (u: number, v: number) => u + v,
            sub: (u: number, v: number) => u - v,
            mul: (u: number, v: number) => u * v,
            div: (u: number, v: number) => u / v,
          }[kind];
          const ref = Array.from(a, (v, i) => round(f(v, b[i])));
          exact(out, ref, `${backend.name} binary ${kind} ${T} n=${n}`);
          backend.binary(kind, a, b, a); // in place into a
          exact(a, ref, `${backend.name} binary ${kind} ${T} n=${n} in place`);
        }
      }
    });

    test(`biasActivation (all five activations, with and without bias) ${T}`, () => {
      const backend = makeBackend();
      const rng = new Random(13);
      for (const act of Object.keys(ACT) as ActivationKind[]) {
        for (const rows of ROWS) {
          for (const cols of SIZES) {
            for (const withBias of [true, false]) {
              const x = edgyArray(Type, rows * cols, rng);
              const bias = withBias ? randomArray(Type, cols, rng) : null;
              const out = new Type(rows * cols).fill(7);
              backend.biasActivation(x, bias, out, rows, cols, act, SLOPE);
              const ref = Array.from(x, (v, i) =>
                round(ACT[act](bias === null ? v : round(v + bias[i % cols]))),
              );
              const where = `${backend.name} biasActivation ${act} ${T} ${rows}×${cols} bias=${withBias}`;
              if (EXACT.has(act)) exact(out, ref, where);
              else close(out, ref, rtolOf(Type), where);
            }
          }
        }
      }
    });

    test(`sumAxis over [outer, n, inner] ${T}: every size, NaN propagates`, () => {
      const backend = makeBackend();
      const rng = new Random(14);
      const rtol = Type === Float32Array ? 1e-4 : 1e-12;
      for (const n of SIZES) {
        for (const [outer, inner] of [
          [1, 1],
          [3, 1],
          [1, 4],
          [2, 5],
          [5, 3],
          [1, 17],
          [4, 8],
        ]) {
          const x = randomArray(Type, outer * n * inner, rng);
          const out = new Type(outer * inner).fill(NaN);
          backend.sumAxis(x, out, outer, n, inner);
          const ref = new Float64Array(outer * inner);
          const scale = new Float64Array(outer * inner);
          for (let o = 0; o < outer; o++)
            for (let k = 0; k < n; k++)
              for (let i = 0; i < inner; i++) {
                ref[o * inner + i] += x[(o * n + k) * inner + i];
                scale[o * inner + i] += Math.abs(x[(o * n + k) * inner + i]);
              }
          close(
            out,
            ref,
            rtol,
            `${backend.name} sumAxis ${T} [${outer}, ${n}, ${inner}]`,
            scale,
            0,
          );
        }
      }
      const x = new Type([1, 2, NaN, 4, 5, 6, 7, 8, 9, 10]);
      const out = new Type(2);
      backend.sumAxis(x, out, 1, 5, 2); // columns: 1+NaN+5+7+9, 2+4+6+8+10
      assert.ok(Number.isNaN(out[0]));
      assert.equal(out[1], 30);
      backend.sumAxis(x, out.subarray(0, 1), 1, 10, 1);
      assert.ok(Number.isNaN(out[0]));
    });

    test(`softmaxRows, logSoftmaxRows, crossEntropyRows ${T}: sizes, extremes, NaN rows`, () => {
      const backend = makeBackend();
      const rng = new Random(15);
      const rtol = rtolOf(Type);
      for (const rows of ROWS) {
        for (const cols of SIZES) {
          const x = randomArray(Type, rows * cols, rng, 5);
          const targets = Int32Array.from({ length: rows }, () => rng.int(Math.max(cols, 1)));
          if (rows >= 5 && cols >= 3) {
            // row 1: ±88; row 2: ±1000 (the shift must keep exp finite); row 3: NaN; row 4: +∞
            x.set([88, -88, 88, ...x.subarray(cols + 3, 2 * cols)], cols);
            x.set([1000, -1000, 999, ...x.subarray(2 * cols + 3, 3 * cols)], 2 * cols);
            x[3 * cols + 1] = NaN;
            x[4 * cols] = Infinity;
          }
          if (rows >= 17 && cols >= 1) x.fill(-Infinity, 5 * cols, 6 * cols); // row 5: all −∞
          checkSoftmax(backend, Type, x, targets, rows, cols, rtol);
        }
      }
    });

    test(`kernels read and write subarray views at an offset ${T}`, () => {
      const backend = makeBackend();
      const rng = new Random(16);
      const [rows, cols] = [3, 7];
      const x = randomArray(Type, 5 + rows * cols, rng).subarray(5);
      const buffer = new Type(3 + rows * cols + 4).fill(-1);
      const out = buffer.subarray(3, 3 + rows * cols);
      backend.softmaxRows(x, out, rows, cols);
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += out[r * cols + c];
        assert.ok(Math.abs(s - 1) < 1e-6, `row ${r} sums to ${s}`);
      }
      backend.unary("exp", x, out);
      close(
        out,
        Array.from(x, (v) => round(Math.exp(v))),
        rtolOf(Type),
        "exp on views",
      );
      backend.biasActivation(x, x.subarray(0, cols), out, rows, cols, "relu", 0);
      exact(
        out,
        Array.from(x, (v, i) => relu(round(v + x[i % cols]))),
        "biasActivation views",
      );
      assert.deepEqual([...buffer.subarray(0, 3)], [-1, -1, -1]);
      assert.deepEqual([...buffer.subarray(3 + rows * cols)], [-1, -1, -1, -1]);
    });
  }
}

/** Softmax, log-softmax and cross-entropy of one [rows, cols] input against float64 references. */
function checkSoftmax(
  backend: FullBackend,
  Type: Ctor,
  x: Storage,
  targets: Int32Array,
  rows: number,
  cols: number,
  rtol: number,
): void {
  const n = rows * cols;
  const [p, logp, loss] = [new Float64Array(n), new Float64Array(n), new Float64Array(rows)];
  for (let r = 0; r < rows; r++) {
    const row = Array.from(x.subarray(r * cols, (r + 1) * cols));
    const m = row.reduce((a, b) => Math.max(a, b), -Infinity);
    const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
    row.forEach((v, c) => {
      p[r * cols + c] = Math.exp(v - m) / s;
      logp[r * cols + c] = v - m - Math.log(s);
    });
    if (cols > 0) loss[r] = -logp[r * cols + targets[r]];
  }
  const round = rounder(Type);
  const where = `${backend.name} ${Type.name} ${rows}×${cols}`;
  const xCopy = x.slice();
  const out = new Type(n).fill(7);
  backend.softmaxRows(x, out, rows, cols);
  close(out, p.map(round), rtol, `softmaxRows ${where}`);
  out.fill(7);
  backend.logSoftmaxRows(x, out, rows, cols);
  close(out, logp.map(round), rtol, `logSoftmaxRows ${where}`);
  if (cols === 0) return;
  const lossOut = new Type(rows).fill(7);
  const grad = new Type(n).fill(7);
  backend.crossEntropyRows(x, targets, lossOut, grad, rows, cols);
  close(lossOut, loss.map(round), rtol, `crossEntropyRows loss ${where}`);
  const gradRef = p.map((v, i) => (i % cols === targets[Math.floor(i / cols)] ? v - 1 : v));
  const scale = gradRef.map((g, i) => Math.abs(g) + p[i]);
  close(grad, gradRef.map(round), rtol, `crossEntropyRows grad ${where}`, scale);
  lossOut.fill(7);
  backend.crossEntropyRows(x, targets, lossOut, null, rows, cols);
  close(lossOut, loss.map(round), rtol, `crossEntropyRows loss (no grad) ${where}`);
  exact(x, xCopy, `${where}: x modified`);
  backend.softmaxRows(x, x, rows, cols); // in place
  close(x, p.map(round), rtol, `softmaxRows in place ${where}`);
}
