// Forward values: every elementwise op of the table against its scalar reference (with an
// independent broadcasting rule), hand-computed results for each op family, and float32/float64
// agreement. Creation functions and printing live in creation.test.ts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as ops from "../../src/ops/index.js";
import { tensor } from "../../src/tensor/create.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { DIFFERENTIABLE_OPS, NON_DIFFERENTIABLE_OPS, sampleInputs, uniform } from "./op-specs.js";
import { Random } from "../../src/tensor/random.js";

const f64 = { dtype: "float64" } as const;

/** Values of t, with shape check. */
function expectValues(t: Tensor, shape: number[], values: number[], tol = 0): void {
  assert.deepEqual([...t.shape], shape, "shape");
  assert.equal(t.size, values.length, "size");
  values.forEach((v, i) => {
    const got = t.data[i];
    if (Number.isNaN(v)) assert.ok(Number.isNaN(got), `element ${i}: expected NaN, got ${got}`);
    else if (tol === 0) assert.equal(got, v, `element ${i}`);
    else
      assert.ok(
        Math.abs(got - v) <= tol * Math.max(1, Math.abs(v)),
        `element ${i}: ${got} vs ${v}`,
      );
  });
}

/**
 * Independent broadcasting: the output shape (each dim is the one that is not 1) and, for each
 * output element, the flat index into every input (coordinate 0 on length-1 or missing dims).
 */
function broadcastIndex(shapes: (readonly number[])[]): { shape: number[]; index: number[][] } {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const padded = shapes.map((s) => [...new Array<number>(nd - s.length).fill(1), ...s]);
  const shape = Array.from({ length: nd }, (_, d) => {
    const sizes = padded.map((p) => p[d]).filter((x) => x !== 1);
    return sizes.length > 0 ? sizes[0] : 1;
  });
  const total = shape.reduce((p, d) => p * d, 1);
  const index: number[][] = [];
  for (let flat = 0; flat < total; flat++) {
    const coord: number[] = [];
    let rem = flat;
    for (let d = nd - 1; d >= 0; d--) {
      coord[d] = rem % shape[d];
      rem = Math.floor(rem / shape[d]);
    }
    index.push(
      padded.map((p) => p.reduce((acc, dim, d) => acc * dim + (dim === 1 ? 0 : coord[d]), 0)),
    );
  }
  return { shape, index };
}

describe("elementwise ops agree with their scalar float64 reference", () => {
  for (const spec of DIFFERENTIABLE_OPS) {
    for (const sample of spec.samples) {
      const ref = sample.reference ?? spec.reference;
      if (ref === undefined || ref.length !== sample.shapes.length) continue;
      test(`${spec.name} ${sample.label}`, () => {
        const xs = sampleInputs(spec, sample);
        const y = sample.call(...xs);
        const { shape, index } = broadcastIndex(xs.map((x) => x.shape));
        assert.deepEqual([...y.shape], shape);
        assert.equal(y.dtype, "float64");
        index.forEach((ix, i) => {
          const want = ref(...ix.map((k, j) => xs[j].data[k]));
          // a few ulps: sigmoid uses eˣ/(1 + eˣ) for x < 0, which may round differently
          assert.ok(
            Math.abs(y.data[i] - want) <= 1e-15 * Math.max(1, Math.abs(want)),
            `element ${i}`,
          );
        });
      });
    }
  }

  const rng = new Random(3);
  const a = tensor(uniform(-2, 2)(rng, 12), f64).reshape(3, 4);
  const b = tensor([-1, 0.5, a.data[2], 2], f64); // one exact tie for eq/le/ge
  for (const spec of NON_DIFFERENTIABLE_OPS) {
    if (!spec.reference) continue;
    const ref = spec.reference;
    test(`${spec.name} (broadcast [3, 4] ∘ [4])`, () => {
      const y = spec.call(a, b);
      a.data.forEach((v, i) => assert.equal(y.data[i], ref(v, b.data[i % 4]), `element ${i}`));
    });
  }
});

describe("hand-computed values", () => {
  test("binary ops with broadcasting", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectValues(x.add(tensor([10, 20, 30])), [2, 3], [11, 22, 33, 14, 25, 36]);
    expectValues(
      tensor([[1], [2], [3]]).sub(tensor([1, 2, 3, 4])),
      [3, 4],
      [0, -1, -2, -3, 1, 0, -1, -2, 2, 1, 0, -1],
    );
    expectValues(x.mul(2), [2, 3], [2, 4, 6, 8, 10, 12]);
    expectValues(tensor([1, 2, 3]).div(tensor([2, 4, 8])), [3], [0.5, 0.5, 0.375]);
    expectValues(ops.sub(1, tensor([0.25, 2])), [2], [0.75, -1]);
    expectValues(tensor([2, 3, 4]).pow(tensor([3, 2, 0.5])), [3], [8, 9, 2]);
    expectValues(tensor([-2, 0, 5]).pow(2), [3], [4, 0, 25]);
    expectValues(tensor([1, 5, 3]).maximum(tensor([4, 2, 3])), [3], [4, 5, 3]);
    expectValues(tensor([1, 5, 3]).minimum(tensor([4, 2, 3])), [3], [1, 2, 3]);
    expectValues(tensor([1, NaN]).maximum(tensor([NaN, 0])), [2], [NaN, NaN]);
  });

  test("comparisons give 1/0 and where picks by condition", () => {
    const x = tensor([1, 2, 3]);
    expectValues(x.eq(2), [3], [0, 1, 0]);
    expectValues(x.ne(2), [3], [1, 0, 1]);
    expectValues(x.lt(2), [3], [1, 0, 0]);
    expectValues(x.le(2), [3], [1, 1, 0]);
    expectValues(x.gt(2), [3], [0, 0, 1]);
    expectValues(x.ge(2), [3], [0, 1, 1]);
    expectValues(tensor([1, 0, 1]).where(x, 0), [3], [1, 0, 3]);
    expectValues(
      ops.where(tensor([[1], [0]]), tensor([1, 2]), tensor([[7], [8]])),
      [2, 2],
      [1, 2, 8, 8],
    );
  });

  test("unary ops", () => {
    expectValues(tensor([1, -2]).neg(), [2], [-1, 2]);
    expectValues(tensor([0, Math.LN2], f64).exp(), [2], [1, 2], 1e-15);
    expectValues(tensor([1, Math.E, 8], f64).log(), [3], [0, 1, 3 * Math.LN2], 1e-15);
    // log1p keeps precision where log(1 + x) would round 1 + x to 1
    expectValues(tensor([1e-12, 1], f64).log1p(), [2], [1e-12, Math.LN2], 1e-12);
    expectValues(tensor([9, 0.25]).sqrt(), [2], [3, 0.5]);
    expectValues(tensor([-3, 0.5]).square(), [2], [9, 0.25]);
    expectValues(tensor([-2, 0, 3]).abs(), [3], [2, 0, 3]);
    expectValues(tensor([-2, 0, 3]).sign(), [3], [-1, 0, 1]);
    // tanh(ln 3) = (9 − 1)/(9 + 1);  σ(ln 3) = 3/4
    expectValues(tensor([0, Math.log(3)], f64).tanh(), [2], [0, 0.8], 1e-15);
    expectValues(tensor([0, Math.log(3)], f64).sigmoid(), [2], [0.5, 0.75], 1e-15);
    expectValues(tensor([-1000, 1000]).sigmoid(), [2], [0, 1]);
    expectValues(tensor([-1, 0, 2]).relu(), [3], [0, 0, 2]);
    expectValues(tensor([-2, 0.5, 5]).clamp(-1, 1), [3], [-1, 0.5, 1]);
    expectValues(tensor([-2, 5]).clamp(0), [2], [0, 5]);
    expectValues(tensor([-2, 5]).clamp(null, 0), [2], [-2, 0]);
  });

  test("matmul: 2-D, batched with broadcast batch dims, transposed forms", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = tensor([
      [5, 6],
      [7, 8],
    ]);
    expectValues(a.matmul(b), [2, 2], [19, 22, 43, 50]);
    expectValues(tensor([[1, 2, 3]]).matmul(tensor([[1], [0], [-1]])), [1, 1], [-2]);
    // batch [2] against a plain matrix: each batch entry times b
    const batch = tensor([
      [
        [1, 0],
        [0, 1],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    ]);
    expectValues(batch.matmul(b), [2, 2, 2], [5, 6, 7, 8, 7, 8, 5, 6]);
    // [2, 1, 1, 2] · [3, 2, 1] → [2, 3, 1, 1]
    const u = tensor([[[[1, 2]]], [[[3, 4]]]]);
    const v = tensor([
      [[1], [1]],
      [[1], [0]],
      [[0], [1]],
    ]);
    expectValues(u.matmul(v), [2, 3, 1, 1], [3, 1, 2, 7, 3, 4]);
    expectValues(ops.matmulT(a, b, true, false), [2, 2], [26, 30, 38, 44]);
    expectValues(ops.matmulT(a, b, false, true), [2, 2], [17, 23, 39, 53]);
    expectValues(ops.matmulT(a, b, true, true), [2, 2], [23, 31, 34, 46]);
    expectValues(tensor([[], []]).matmul(tensor([]).reshape(0, 3)), [2, 3], [0, 0, 0, 0, 0, 0]);
  });

  test("reductions over all elements and over an axis, with keepDims", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectValues(x.sum(), [], [21]);
    expectValues(x.sum(0), [3], [5, 7, 9]);
    expectValues(x.sum(1), [2], [6, 15]);
    expectValues(x.sum(-1, true), [2, 1], [6, 15]);
    expectValues(x.sum([0, 1], true), [1, 1], [21]);
    expectValues(x.sum(undefined, true), [1, 1], [21]);
    expectValues(x.mean(), [], [3.5]);
    expectValues(x.mean(0), [3], [2.5, 3.5, 4.5]);
    expectValues(x.mean(1, true), [2, 1], [2, 5]);
    expectValues(
      tensor([
        [3, 9, 1],
        [4, -2, 8],
      ]).max(),
      [],
      [9],
    );
    expectValues(
      tensor([
        [3, 9, 1],
        [4, -2, 8],
      ]).max(1),
      [2],
      [9, 8],
    );
    expectValues(
      tensor([
        [3, 9, 1],
        [4, -2, 8],
      ]).max(0, true),
      [1, 3],
      [4, 9, 8],
    );
    expectValues(
      tensor([
        [3, 9, 1],
        [4, -2, 8],
      ]).min(),
      [],
      [-2],
    );
    expectValues(
      tensor([
        [3, 9, 1],
        [4, -2, 8],
      ]).min(1, true),
      [2, 1],
      [1, -2],
    );
    expectValues(tensor(7).sum(), [], [7]);
    expectValues(tensor([]).reshape(0, 3).sum(0), [3], [0, 0, 0]);
  });

  test("logSumExp: closed forms and no overflow", () => {
    expectValues(tensor([0, Math.log(3)], f64).logSumExp(0), [], [Math.log(4)], 1e-15);
    expectValues(tensor([1000, 1000], f64).logSumExp(0), [], [1000 + Math.LN2], 1e-15);
    expectValues(tensor([[-Infinity, -Infinity]]).logSumExp(1), [1], [-Infinity]);
    expectValues(
      tensor(
        [
          [0, 0],
          [1, 1],
        ],
        f64,
      ).logSumExp(0, true),
      [1, 2],
      [Math.log(1 + Math.E), Math.log(1 + Math.E)],
      1e-15,
    );
  });

  test("argmax/argmin: ties take the first index", () => {
    expectValues(tensor([1, 3, 3, 2]).argmax(), [], [1]);
    expectValues(tensor([2, 1, 1, 5]).argmin(), [], [1]);
    expectValues(
      tensor([
        [5, 5],
        [1, 7],
      ]).argmax(),
      [],
      [3],
    );
    expectValues(
      tensor([
        [1, 4, 4],
        [6, 6, 0],
      ]).argmax(1),
      [2],
      [1, 0],
    );
    expectValues(
      tensor([
        [1, 4, 4],
        [1, 6, 0],
      ]).argmin(0),
      [3],
      [0, 0, 1],
    );
    expectValues(
      tensor([
        [1, 4, 4],
        [6, 6, 0],
      ]).argmax(1, true),
      [2, 1],
      [1, 0],
    );
    expectValues(
      tensor([
        [1, 4, 4],
        [6, 6, 0],
      ]).argmax(undefined, true),
      [1, 1],
      [3],
    );
  });

  test("reshape (with −1), transpose, permute, expand, squeeze, unsqueeze", () => {
    const x = tensor([0, 1, 2, 3, 4, 5]);
    expectValues(x.reshape(2, -1), [2, 3], [0, 1, 2, 3, 4, 5]);
    expectValues(x.reshape([-1, 2]), [3, 2], [0, 1, 2, 3, 4, 5]);
    expectValues(x.reshape(-1, 1, 3), [2, 1, 3], [0, 1, 2, 3, 4, 5]);
    expectValues(x.reshape(2, 3).T, [3, 2], [0, 3, 1, 4, 2, 5]);
    const y = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).reshape(2, 3, 2);
    // permute(2, 0, 1): out[k][i][j] = y[i][j][k] = 6i + 2j + k
    expectValues(y.permute(2, 0, 1), [2, 2, 3], [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
    // transpose(0, 2): out[k][j][i] = 6i + 2j + k
    expectValues(y.transpose(0, 2), [2, 3, 2], [0, 6, 2, 8, 4, 10, 1, 7, 3, 9, 5, 11]);
    expectValues(y.transpose(), [2, 2, 3], [0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11]);
    expectValues(
      tensor([[1], [2]]).expand([3, 2, 2]),
      [3, 2, 2],
      [1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2],
    );
    expectValues(tensor([[[1, 2]]]).squeeze(), [2], [1, 2]);
    expectValues(tensor([[[1, 2]]]).squeeze(0), [1, 2], [1, 2]);
    expectValues(tensor([1, 2]).unsqueeze(1), [2, 1], [1, 2]);
    expectValues(tensor([1, 2]).unsqueeze(-1), [2, 1], [1, 2]);
    expectValues(tensor(5).unsqueeze(0), [1], [5]);
  });

  test("slice, concat, stack", () => {
    const x = tensor([0, 1, 2, 3, 4, 5]).reshape(3, 2);
    expectValues(x.slice(0, 1), [2, 2], [2, 3, 4, 5]);
    expectValues(x.slice(0, -2, -1), [1, 2], [2, 3]);
    expectValues(x.slice(1, 1, 2), [3, 1], [1, 3, 5]);
    expectValues(x.slice(0, 2, 99), [1, 2], [4, 5]);
    expectValues(x.slice(0, 2, 1), [0, 2], []);
    const a = tensor([[1, 2]]);
    const b = tensor([
      [3, 4],
      [5, 6],
    ]);
    expectValues(ops.concat([a, b]), [3, 2], [1, 2, 3, 4, 5, 6]);
    expectValues(ops.concat([b, tensor([[7], [8]])], 1), [2, 3], [3, 4, 7, 5, 6, 8]);
    expectValues(ops.concat([b, b], -1), [2, 4], [3, 4, 3, 4, 5, 6, 5, 6]);
    expectValues(ops.stack([tensor([1, 2]), tensor([3, 4])]), [2, 2], [1, 2, 3, 4]);
    expectValues(ops.stack([tensor([1, 2]), tensor([3, 4])], 1), [2, 2], [1, 3, 2, 4]);
    expectValues(ops.stack([tensor([1, 2]), tensor([3, 4])], -1), [2, 2], [1, 3, 2, 4]);
    expectValues(ops.stack([tensor(1), tensor(2)]), [2], [1, 2]);
  });

  test("indexSelect (repeated and negative indices) and gather", () => {
    const x = tensor([
      [10, 11],
      [20, 21],
      [30, 31],
    ]);
    expectValues(x.indexSelect([2, 0, 2]), [3, 2], [30, 31, 10, 11, 30, 31]);
    expectValues(x.indexSelect([-1]), [1, 2], [30, 31]);
    expectValues(x.indexSelect(tensor([1, 1, 0]), 1), [3, 3], [11, 11, 10, 21, 21, 20, 31, 31, 30]);
    expectValues(x.indexSelect(new Int32Array([1])), [1, 2], [20, 21]);
    // gather axis 1: out[i][j] = x[i][index[i][j]]
    expectValues(
      x.gather(
        1,
        tensor([
          [1, 1],
          [0, 1],
          [1, 0],
        ]),
      ),
      [3, 2],
      [11, 11, 20, 21, 31, 30],
    );
    // gather axis 0: out[i][j] = x[index[i][j]][j]
    expectValues(
      x.gather(
        0,
        tensor([
          [2, 0],
          [1, 2],
        ]),
      ),
      [2, 2],
      [30, 11, 20, 31],
    );
    // index smaller than x along the other axis
    expectValues(x.gather(1, tensor([[0], [1]])), [2, 1], [10, 21]);
    expectValues(tensor([5, 6, 7]).gather(0, [2, 2, 0]), [3], [7, 7, 5]);
  });

  test("cast rounds to float32 and promotes mixed dtypes to float64", () => {
    const x = tensor([0.1, 1 / 3], f64);
    const y = x.to("float32");
    assert.equal(y.dtype, "float32");
    expectValues(y, [2], [Math.fround(0.1), Math.fround(1 / 3)]);
    assert.equal(x.to("float64"), x, "same dtype returns the tensor itself");
    assert.equal(y.add(x).dtype, "float64");
    assert.equal(ops.matmul(y.reshape(1, 2), x.reshape(2, 1)).dtype, "float64");
    assert.equal(ops.concat([y, x]).dtype, "float64");
    assert.equal(y.add(1).dtype, "float32");
  });
});

describe("float32 and float64 agree on every op of the table", () => {
  for (const spec of DIFFERENTIABLE_OPS) {
    if (spec.family === "cast") continue;
    for (const sample of spec.samples) {
      test(`${spec.name} ${sample.label}`, () => {
        const xs64 = sampleInputs(spec, sample);
        const y64 = sample.call(...xs64);
        const y32 = sample.call(...xs64.map((x) => x.to("float32")));
        assert.equal(y64.dtype, "float64");
        assert.equal(y32.dtype, "float32");
        assert.deepEqual(y32.shape, y64.shape);
        y64.data.forEach((v, i) => {
          const err = Math.abs(y32.data[i] - v);
          assert.ok(err <= 1e-5 * Math.max(1, Math.abs(v)), `element ${i}: ${y32.data[i]} vs ${v}`);
        });
      });
    }
  }
});
