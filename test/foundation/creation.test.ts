// Creation functions (shapes, dtypes, values), toArray() and toString().
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  arange,
  eye,
  fromData,
  full,
  linspace,
  ones,
  onesLike,
  rand,
  randn,
  tensor,
  zeros,
  zerosLike,
} from "../../src/tensor/create.js";
import { Random } from "../../src/tensor/random.js";

function meanOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

describe("creation functions", () => {
  test("tensor: shape from nesting, float32 by default, float64 on request", () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.dtype, "float32");
    assert.ok(t.data instanceof Float32Array);
    assert.deepEqual(Array.from(t.data), [1, 2, 3, 4, 5, 6]);
    const d = tensor([0.1], { dtype: "float64", requiresGrad: true });
    assert.equal(d.dtype, "float64");
    assert.equal(d.data[0], 0.1);
    assert.equal(d.requiresGrad, true);
    assert.equal(tensor([0.1]).data[0], Math.fround(0.1));
  });

  test("tensor: rank 0, empty, typed arrays, deep nesting", () => {
    assert.deepEqual(tensor(3).shape, []);
    assert.equal(tensor(3).item(), 3);
    assert.deepEqual(tensor([]).shape, [0]);
    assert.deepEqual(tensor([[], []]).shape, [2, 0]);
    assert.deepEqual(Array.from(tensor(new Float64Array([1, 2])).data), [1, 2]);
    assert.deepEqual(tensor([[[[7]]]]).shape, [1, 1, 1, 1]);
  });

  test("fromData wraps without copying", () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const t = fromData(data, [2, 2]);
    assert.equal(t.data, data);
    assert.equal(t.dtype, "float64");
    assert.deepEqual(t.shape, [2, 2]);
  });

  test("zeros, ones, full, zerosLike, onesLike", () => {
    const z = zeros([2, 3]);
    assert.deepEqual(z.shape, [2, 3]);
    assert.equal(z.dtype, "float32");
    assert.ok(Array.from(z.data).every((v) => v === 0));
    const o = ones([4], { dtype: "float64" });
    assert.equal(o.dtype, "float64");
    assert.deepEqual(Array.from(o.data), [1, 1, 1, 1]);
    assert.deepEqual(Array.from(full([2], 2.5).data), [2.5, 2.5]);
    assert.deepEqual(full([], 7).shape, []);
    assert.equal(zeros([0, 5]).size, 0);
    const like = zerosLike(o);
    assert.equal(like.dtype, "float64");
    assert.deepEqual(like.shape, [4]);
    assert.deepEqual(Array.from(onesLike(z).data), [1, 1, 1, 1, 1, 1]);
  });

  test("arange and linspace", () => {
    assert.deepEqual(Array.from(arange(5).data), [0, 1, 2, 3, 4]);
    assert.deepEqual(Array.from(arange(1, 2, 0.25).data), [1, 1.25, 1.5, 1.75]);
    assert.deepEqual(Array.from(arange(5, 0, -2).data), [5, 3, 1]);
    assert.deepEqual(arange(3, 3).shape, [0]);
    assert.equal(arange(3, undefined, 1, { dtype: "float64" }).dtype, "float64");
    assert.deepEqual(Array.from(linspace(0, 1, 5).data), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(Array.from(linspace(2, 3, 1).data), [2]);
    assert.deepEqual(linspace(0, 1, 0).shape, [0]);
    assert.deepEqual(Array.from(linspace(1, -1, 3).data), [1, 0, -1]);
  });

  test("eye: square and rectangular", () => {
    assert.deepEqual(Array.from(eye(3).data), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const r = eye(2, 3, { dtype: "float64" });
    assert.deepEqual(r.shape, [2, 3]);
    assert.equal(r.dtype, "float64");
    assert.deepEqual(Array.from(r.data), [1, 0, 0, 0, 1, 0]);
    assert.deepEqual(Array.from(eye(3, 2).data), [1, 0, 0, 1, 0, 0]);
  });

  test("randn: shape, dtype, moments, mean/std options, generator", () => {
    const g = new Random(42);
    const x = randn([100, 100], { dtype: "float64", generator: g });
    assert.deepEqual(x.shape, [100, 100]);
    assert.equal(x.dtype, "float64");
    const mean = meanOf(x.data);
    const variance = meanOf(Array.from(x.data, (v) => (v - mean) ** 2));
    // 10⁴ samples: the standard error of the mean is 0.01, of the variance ≈ 0.014
    assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.07, `variance ${variance}`);
    const y = randn([2000], { generator: new Random(1), mean: 5, std: 0.1 });
    assert.equal(y.dtype, "float32");
    const m = meanOf(y.data);
    assert.ok(Math.abs(m - 5) < 0.01, `mean ${m}`);
    // same generator seed → same numbers; independent of the global generator
    const a = randn([5], { generator: new Random(7) });
    const b = randn([5], { generator: new Random(7) });
    assert.deepEqual(a.data, b.data);
  });

  test("rand: values in [low, high)", () => {
    const u = rand([1000], { generator: new Random(3) });
    assert.ok(Array.from(u.data).every((v) => v >= 0 && v < 1));
    const mean = meanOf(u.data);
    assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
    const w = rand([1000], { generator: new Random(4), low: -3, high: -2, dtype: "float64" });
    assert.equal(w.dtype, "float64");
    assert.ok(Array.from(w.data).every((v) => v >= -3 && v < -2));
  });
});

describe("toArray and toString", () => {
  test("toArray: nested arrays, a plain number for rank 0", () => {
    assert.equal(tensor(2.5).toArray(), 2.5);
    assert.equal(typeof tensor(2.5).toArray(), "number");
    assert.deepEqual(tensor([1, 2]).toArray(), [1, 2]);
    assert.deepEqual(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]).toArray(),
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    );
    assert.deepEqual(tensor([[[1], [2]]]).toArray(), [[[1], [2]]]);
    assert.deepEqual(tensor([[], []]).toArray(), [[], []]);
    assert.deepEqual(zeros([0, 2]).toArray(), []);
  });

  test("toString shows the values; float64 and requiresGrad are named", () => {
    const s = tensor([
      [1, 2],
      [3, 4],
    ]).toString();
    for (const v of ["1", "2", "3", "4"]) assert.ok(s.includes(v), s);
    assert.ok(s.startsWith("tensor("), s);
    assert.ok(!s.includes("dtype"), `float32 is the default and not named: ${s}`);
    assert.ok(s.indexOf("1") < s.indexOf("2") && s.indexOf("3") < s.indexOf("4"), s);
    const d = tensor([0.5, -1.25], { dtype: "float64" }).toString();
    assert.ok(d.includes("0.5") && d.includes("-1.25"), d);
    assert.ok(d.includes("dtype=float64"), d);
    assert.ok(tensor([1], { requiresGrad: true }).toString().includes("requiresGrad=true"));
    assert.ok(tensor(3).toString().includes("3"));
    assert.ok(String(tensor([7, 8])).includes("7"), "works through String()");
  });

  test("toString elides long axes and names empty shapes", () => {
    const s = arange(100).toString();
    assert.ok(s.includes("...") && s.includes("99") && s.includes("0."), s);
    assert.ok(!s.includes("50."), s);
    assert.ok(zeros([0, 3]).toString().includes("[0, 3]"));
  });
});
