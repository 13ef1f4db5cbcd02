// Property tests (fast-check, fixed seed, 200 runs each): broadcasting, movement round-trips,
// reductions, gradients of sum, linearity of backward in dY, matmul against a naive triple loop,
// and seeded randomness.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { matmulT } from "../../src/ops/index.js";
import { randn } from "../../src/tensor/create.js";
import { Random, seed } from "../../src/tensor/random.js";
import { Tensor } from "../../src/tensor/tensor.js";

const RUNS = { seed: 20260601, numRuns: 200 };

const sizeOf = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** A float64 tensor with values in [−2, 2) drawn from a seeded generator. */
function randomTensor(shape: number[], valueSeed: number, requiresGrad = false): Tensor {
  const rng = new Random(valueSeed);
  const data = Float64Array.from({ length: sizeOf(shape) }, () => 4 * rng.uniform() - 2);
  return new Tensor(data, shape, requiresGrad);
}

const dims = (min: number, max: number) => fc.integer({ min, max });
const shapeArb = (maxRank = 4, minDim = 1) => fc.array(dims(minDim, 4), { maxLength: maxRank });
const valueSeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/**
 * Two shapes that broadcast: start from one shape, set some dims to 1 in one of them, and drop
 * leading dims from either.
 */
const broadcastPair = fc
  .tuple(
    shapeArb(4, 0),
    fc.array(dims(0, 2), { minLength: 4, maxLength: 4 }),
    dims(0, 4),
    dims(0, 4),
  )
  .map(([base, masks, dropA, dropB]) => {
    const a = base.map((d, i) => (masks[i] === 1 ? 1 : d));
    const b = base.map((d, i) => (masks[i] === 2 ? 1 : d));
    return [a.slice(Math.min(dropA, a.length)), b.slice(Math.min(dropB, b.length))];
  });

/** Independent broadcasting rule: right-align; a dim of 1 (or a missing dim) takes the other. */
function expectedBroadcast(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    out.push(da === 1 ? db : da);
  }
  return out;
}

function sameBits(x: Tensor, y: Tensor): boolean {
  if (x.size !== y.size) return false;
  for (let i = 0; i < x.size; i++) if (!Object.is(x.data[i], y.data[i])) return false;
  return true;
}

function close(x: ArrayLike<number>, y: ArrayLike<number>, tol: number): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++)
    if (!(Math.abs(x[i] - y[i]) <= tol * Math.max(1, Math.abs(y[i])))) return false;
  return true;
}

test("broadcast: a + b equals b + a bit for bit, with the independent shape rule", () => {
  fc.assert(
    fc.property(broadcastPair, valueSeed, ([sa, sb], s) => {
      const a = randomTensor(sa, s);
      const b = randomTensor(sb, s + 1);
      const ab = a.add(b);
      const ba = b.add(a);
      assert.deepEqual([...ab.shape], expectedBroadcast(sa, sb));
      assert.deepEqual([...ba.shape], expectedBroadcast(sa, sb));
      assert.ok(sameBits(ab, ba), "add");
      assert.ok(sameBits(a.mul(b), b.mul(a)), "mul");
      assert.ok(sameBits(a.maximum(b), b.maximum(a)), "maximum");
    }),
    RUNS,
  );
});

test("reshape and transpose/permute round-trip", () => {
  const arb = shapeArb(4, 0).chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.shuffledSubarray(
        shape.map((_, i) => i),
        { minLength: shape.length, maxLength: shape.length },
      ),
      valueSeed,
    ),
  );
  fc.assert(
    fc.property(arb, ([shape, perm, s]) => {
      const x = randomTensor(shape, s);
      const inverse: number[] = [];
      perm.forEach((p, i) => (inverse[p] = i));
      const p = x.permute(...perm);
      assert.deepEqual(
        [...p.shape],
        perm.map((i) => shape[i]),
      );
      assert.ok(sameBits(p.permute(...inverse), x), "permute ∘ inverse");
      assert.deepEqual([...p.permute(...inverse).shape], shape);
      if (shape.length >= 2)
        assert.ok(sameBits(x.transpose(0, -1).transpose(0, -1), x), "transpose²");
      const flat = x.reshape(-1);
      assert.deepEqual([...flat.shape], [x.size]);
      assert.ok(sameBits(flat.reshape(shape), x), "reshape round-trip");
    }),
    RUNS,
  );
});

test("the sum of axis sums equals the total", () => {
  const arb = shapeArb(4, 1)
    .filter((s) => s.length >= 1)
    .chain((shape) => fc.tuple(fc.constant(shape), dims(0, shape.length - 1), valueSeed));
  fc.assert(
    fc.property(arb, ([shape, axis, s]) => {
      const x = randomTensor(shape, s);
      const total = x.sum().item();
      const scale = x.abs().sum().item();
      const viaAxis = x.sum(axis).sum().item();
      const viaKeep = x.sum(axis, true).sum().item();
      assert.ok(Math.abs(viaAxis - total) <= 1e-12 * Math.max(1, scale), `${viaAxis} vs ${total}`);
      assert.ok(Math.abs(viaKeep - total) <= 1e-12 * Math.max(1, scale));
      // independent: a plain loop over the storage
      let loop = 0;
      for (let i = 0; i < x.size; i++) loop += x.data[i];
      assert.ok(Math.abs(loop - total) <= 1e-12 * Math.max(1, scale));
    }),
    RUNS,
  );
});

test("the gradient of sum is ones (also through an axis sum with keepDims)", () => {
  const arb = fc.tuple(shapeArb(4, 0), valueSeed, fc.boolean());
  fc.assert(
    fc.property(arb, ([shape, s, viaAxis]) => {
      const x = randomTensor(shape, s, true);
      const y = viaAxis && shape.length > 0 ? x.sum(0, true).sum() : x.sum();
      y.backward();
      assert.deepEqual([...x.grad!.shape], shape);
      assert.ok(Array.from(x.grad!.data).every((v) => v === 1));
    }),
    RUNS,
  );
});

test("backward is linear in dY", () => {
  // f(x, W) = tanh(x·W) · x[:, :1]: broadcasting, matmul, a nonlinearity and x used twice
  const arb = fc.tuple(
    dims(1, 4),
    dims(1, 4),
    dims(1, 4),
    valueSeed,
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: -3, max: 3, noNaN: true }),
  );
  fc.assert(
    fc.property(arb, ([n, d, h, s, alpha, beta]) => {
      const grads = (dY: Tensor) => {
        const x = randomTensor([n, d], s, true);
        const w = randomTensor([d, h], s + 1, true);
        x.matmul(w)
          .tanh()
          .mul(x.slice(1, 0, 1))
          .backward(dY);
        return [x.grad!.data, w.grad!.data];
      };
      const g1 = randomTensor([n, h], s + 2);
      const g2 = randomTensor([n, h], s + 3);
      const [x1, w1] = grads(g1);
      const [x2, w2] = grads(g2);
      const [xc, wc] = grads(g1.mul(alpha).add(g2.mul(beta)));
      const combine = (p: ArrayLike<number>, q: ArrayLike<number>) =>
        Array.from(p, (v, i) => alpha * v + beta * q[i]);
      assert.ok(close(xc, combine(x1, x2), 1e-12), "dx");
      assert.ok(close(wc, combine(w1, w2), 1e-12), "dW");
    }),
    RUNS,
  );
});

/** Naive float64 matmul of the last two dims with broadcast batch dims and optional transposes. */
function naiveMatmul(a: Tensor, b: Tensor, transA: boolean, transB: boolean): number[] {
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [n, k] = transA ? [ac, ar] : [ar, ac];
  const m = transB ? br : bc;
  const batch = expectedBroadcast(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batchStart = (own: readonly number[], coord: number[]) => {
    const lead = own.slice(0, -2);
    let flat = 0;
    lead.forEach(
      (d, i) => (flat = flat * d + (d === 1 ? 0 : coord[coord.length - lead.length + i])),
    );
    return flat * own[own.length - 2] * own[own.length - 1];
  };
  const out: number[] = [];
  for (let t = 0; t < sizeOf(batch); t++) {
    const coord: number[] = [];
    let rem = t;
    for (let d = batch.length - 1; d >= 0; d--) {
      coord[d] = rem % batch[d];
      rem = Math.floor(rem / batch[d]);
    }
    const oa = batchStart(a.shape, coord);
    const ob = batchStart(b.shape, coord);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const av = transA ? a.data[oa + p * ac + i] : a.data[oa + i * ac + p];
          const bv = transB ? b.data[ob + j * bc + p] : b.data[ob + p * bc + j];
          s += av * bv;
        }
        out.push(s);
      }
  }
  return out;
}

test("matmul agrees with a naive float64 triple loop (batched, broadcast, transposed)", () => {
  const batchPair = broadcastPair.filter(([a, b]) => a.length <= 2 && b.length <= 2);
  const arb = fc.tuple(
    dims(0, 5),
    dims(0, 5),
    dims(0, 5),
    batchPair,
    fc.boolean(),
    fc.boolean(),
    valueSeed,
  );
  fc.assert(
    fc.property(arb, ([n, k, m, [ba, bb], transA, transB, s]) => {
      const a = randomTensor([...ba, ...(transA ? [k, n] : [n, k])], s);
      const b = randomTensor([...bb, ...(transB ? [m, k] : [k, m])], s + 1);
      const y = matmulT(a, b, transA, transB);
      assert.deepEqual([...y.shape], [...expectedBroadcast(ba, bb), n, m]);
      assert.ok(close(y.data, naiveMatmul(a, b, transA, transB), 1e-12));
    }),
    RUNS,
  );
});

test("seed(n) reproduces randn bit for bit; different seeds differ", () => {
  const arb = fc.tuple(valueSeed, valueSeed).filter(([p, q]) => p !== q);
  fc.assert(
    fc.property(arb, ([p, q]) => {
      seed(p);
      const a = randn([16], { dtype: "float64" });
      const a2 = randn([3], { dtype: "float64" });
      seed(p);
      const b = randn([16], { dtype: "float64" });
      const b2 = randn([3], { dtype: "float64" });
      assert.ok(sameBits(a, b) && sameBits(a2, b2), "same seed, same stream");
      seed(q);
      const c = randn([16], { dtype: "float64" });
      assert.ok(!sameBits(a, c), "different seeds give different numbers");
    }),
    RUNS,
  );
});
