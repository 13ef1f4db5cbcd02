// The conformance suite every backend runs (src/backend/js.test.ts, wasm.test.ts, ...). The other kernels'
// cases are in kernels.case.ts (a backend without some of them is tested as the registry would
// run it: completed with the js reference kernels). Each matmul case compares
// a backend's matmul with the definition C[i, j] = Σ_p op(A)[i, p]·op(B)[p, j], evaluated here in
// float64 with plain index arithmetic (independent of every backend, the js one included).
// Tolerance: |C − C_ref| ≤ rtol · Σ_p |op(A)[i, p]|·|op(B)[p, j]|, the standard bound for a dot
// product's rounding error (rtol 1e-4 for float32, 1e-12 for float64).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Storage } from "../../src/tensor/dtype.js";
import { Random } from "../../src/tensor/random.js";
import { completeBackend } from "../../src/backend/complete.js";
import type { Backend } from "../../src/backend/backend.js";
import { runKernelCases } from "./kernels.case.js";

const SIZES = [0, 1, 3, 5, 7, 17, 33, 64, 100, 129];
const SMALL = [0, 1, 3, 5, 7, 17];
/** Shapes that straddle the wasm kernel's blocks (MR 4, NR 8, MC 64, KC 256, NC 512). */
const BLOCK_EDGES: [number, number, number][] = [
  [65, 257, 520],
  [4, 256, 8],
  [64, 512, 512],
  [2, 600, 1030],
];
const FLAGS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

function randomArray(Type: Ctor, size: number, rng: Random): Storage {
  const x = new Type(size);
  // normal values with ~10% exact zeros (kernels that skip zeros must still be right)
  for (let i = 0; i < size; i++) x[i] = rng.uniform() < 0.1 ? 0 : rng.normal();
  return x;
}

/** op(A)[i, p] · op(B)[p, j] summed in float64, plus the error scale Σ|·||·|. */
function reference(
  a: Storage,
  b: Storage,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        const x = transA ? a[p * m + i] : a[i * k + p];
        const y = transB ? b[j * k + p] : b[p * n + j];
        s += x * y;
        t += Math.abs(x * y);
      }
      value[i * n + j] = s;
      scale[i * n + j] = t;
    }
  }
  return { value, scale };
}

function checkCase(
  backend: Backend,
  Type: Ctor,
  [m, k, n]: [number, number, number],
  [transA, transB]: [boolean, boolean],
  rng: Random,
): void {
  const rtol = Type === Float32Array ? 1e-4 : 1e-12;
  const a = randomArray(Type, m * k, rng);
  const b = randomArray(Type, k * n, rng);
  const aCopy = a.slice();
  const bCopy = b.slice();
  const c = new Type(m * n).fill(Number.NaN); // C must be overwritten, not accumulated into
  backend.matmul(a, b, c, m, k, n, transA, transB);
  const { value, scale } = reference(a, b, m, k, n, transA, transB);
  const where = `${backend.name} ${Type.name} m=${m} k=${k} n=${n} transA=${transA} transB=${transB}`;
  for (let i = 0; i < m * n; i++) {
    const err = Math.abs(c[i] - value[i]);
    if (!(err <= rtol * scale[i])) {
      assert.fail(
        `${where}: C[${i}] = ${c[i]}, expected ${value[i]} (err ${err}, bound ${rtol * scale[i]})`,
      );
    }
  }
  assert.deepEqual(a, aCopy, `${where}: A was modified`);
  assert.deepEqual(b, bCopy, `${where}: B was modified`);
}

function shapes(): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const m of SMALL) for (const k of SMALL) for (const n of SMALL) out.push([m, k, n]);
  // every size in every position, with partners from the whole list (rotated so all meet)
  for (let s = 0; s < SIZES.length; s++) {
    const x = SIZES[s];
    const y = SIZES[(s + 3) % SIZES.length];
    const z = SIZES[(s + 7) % SIZES.length];
    out.push([x, y, z], [y, z, x], [z, x, y], [x, x, x]);
  }
  return out.concat(BLOCK_EDGES);
}

/** Registers the conformance tests for one backend; `makeBackend` is called once per test. */
export function runBackendSuite(name: string, makeBackend: () => Backend): void {
  describe(`backend conformance: ${name}`, () => {
    for (const Type of [Float32Array, Float64Array]) {
      for (const flags of FLAGS) {
        test(`matmul ${Type.name} transA=${flags[0]} transB=${flags[1]} matches the definition`, () => {
          const backend = makeBackend();
          const rng = new Random(1234);
          for (const shape of shapes()) checkCase(backend, Type, shape, flags, rng);
        });
      }
    }

    test("matmul works on subarray views at an offset (as batched matmul passes them)", () => {
      const backend = makeBackend();
      const rng = new Random(99);
      const [m, k, n] = [9, 13, 11];
      const a = randomArray(Float32Array, 3 + m * k, rng).subarray(3);
      const b = randomArray(Float32Array, 5 + k * n, rng).subarray(5);
      const cBuffer = new Float32Array(7 + m * n + 4).fill(-1);
      const c = cBuffer.subarray(7, 7 + m * n);
      backend.matmul(a, b, c, m, k, n, false, true);
      const { value, scale } = reference(a, b, m, k, n, false, true);
      for (let i = 0; i < m * n; i++) assert.ok(Math.abs(c[i] - value[i]) <= 1e-4 * scale[i]);
      // elements around the view are untouched
      assert.deepEqual([...cBuffer.subarray(0, 7)], Array(7).fill(-1));
      assert.deepEqual([...cBuffer.subarray(7 + m * n)], Array(4).fill(-1));
    });

    test("matmul of a hand-computed 2×3 · 3×2 product", () => {
      const backend = makeBackend();
      // [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
      const a = new Float32Array([1, 2, 3, 4, 5, 6]);
      const b = new Float32Array([7, 8, 9, 10, 11, 12]);
      const c = new Float32Array(4);
      backend.matmul(a, b, c, 2, 3, 2, false, false);
      assert.deepEqual([...c], [58, 64, 139, 154]);
      // Aᵀ stored [3, 2] = [[1,4],[2,5],[3,6]]; Bᵀ stored [2, 3] = [[7,9,11],[8,10,12]]
      backend.matmul(
        new Float32Array([1, 4, 2, 5, 3, 6]),
        new Float32Array([7, 9, 11, 8, 10, 12]),
        c,
        2,
        3,
        2,
        true,
        true,
      );
      assert.deepEqual([...c], [58, 64, 139, 154]);
    });

    runKernelCases(() => completeBackend(makeBackend()));
  });
}
