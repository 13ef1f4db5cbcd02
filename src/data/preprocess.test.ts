// Preprocessing: statistics from the training rows only (hand-computed), zero-variance and
// constant columns, bit-exact JSON round trips, and the fromJSON allowlist and validation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { IndexError, MyelinError, ShapeError, ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  MinMaxScaler,
  OneHotEncoder,
  Standardizer,
  minMax,
  oneHot,
  preprocessorFromJSON,
  standardize,
} from "./preprocess.js";

const f64 = { dtype: "float64" } as const;
const close = (a: Tensor, b: number[][], tol = 1e-12): void => {
  const got = a.toArray() as number[][];
  b.forEach((row, i) =>
    row.forEach((v, j) =>
      assert.ok(Math.abs(got[i][j] - v) <= tol, `[${i},${j}] ${got[i][j]} vs ${v}`),
    ),
  );
};

// Training rows: column 0 = 1, 3 (μ 2, σ 1); column 1 = 4, 4 (constant); column 2 = 0, 10 (μ 5, σ 5).
const train = tensor(
  [
    [1, 4, 0],
    [3, 4, 10],
  ],
  f64,
);
const test_ = tensor([[5, 7, -5]], f64);

describe("standardize", () => {
  test("fits μ and population σ on the training rows; a constant column gets σ = 1", () => {
    const s = standardize(train);
    assert.deepEqual(Array.from(s.mean), [2, 4, 5]);
    assert.deepEqual(Array.from(s.std), [1, 1, 5]);
    close(s.transform(train), [
      [-1, 0, -1],
      [1, 0, 1],
    ]);
  });

  test("test rows use the training statistics, not their own", () => {
    // (5 − 2)/1 = 3, (7 − 4)/1 = 3, (−5 − 5)/5 = −2
    close(standardize(train).transform(test_), [[3, 3, -2]]);
  });

  test("inverseTransform undoes transform; dtype and shape kept", () => {
    const s = standardize(train);
    const z = s.transform(test_);
    assert.equal(z.dtype, "float64");
    close(s.inverseTransform(z), [[5, 7, -5]]);
    assert.equal(s.transform(tensor([[1, 2, 3]])).dtype, "float32");
  });

  test("JSON round trip is bit-exact", () => {
    const x = tensor(
      [
        [0.1, 2.7],
        [0.30000000000000004, -1e-8],
        [1 / 3, 5],
      ],
      f64,
    );
    const s = standardize(x);
    const back = Standardizer.fromJSON(JSON.parse(JSON.stringify(s)));
    assert.deepEqual(back.mean, s.mean);
    assert.deepEqual(back.std, s.std);
    assert.deepEqual(back.transform(x).data, s.transform(x).data);
  });

  test("errors: wrong width, rank 1, 0 rows, bad JSON", () => {
    const s = standardize(train);
    assert.throws(() => s.transform(tensor([[1, 2]])), ShapeError);
    assert.throws(() => standardize(tensor([1, 2])), ShapeError);
    assert.throws(() => standardize(tensor([[1, 2]]).slice(0, 0, 0)), ValueError);
    assert.throws(
      () => Standardizer.fromJSON({ kind: "standardize", mean: [0], std: [0] }),
      ValueError,
    );
    assert.throws(
      () => Standardizer.fromJSON({ kind: "standardize", mean: [0, 1], std: [1] }),
      ValueError,
    );
    assert.throws(
      () => Standardizer.fromJSON({ kind: "standardize", mean: ["0"], std: [1] }),
      ValueError,
    );
    assert.throws(() => Standardizer.fromJSON({ kind: "minMax", mean: [0], std: [1] }), ValueError);
  });
});

describe("minMax", () => {
  test("[0, 1] from training min/max; constant column maps to a; test rows may leave the range", () => {
    const m = minMax(train);
    close(m.transform(train), [
      [0, 0, 0],
      [1, 0, 1],
    ]);
    // (5 − 1)/2 = 2, constant: (7 − 4)/1 = 3, (−5 − 0)/10 = −0.5
    close(m.transform(test_), [[2, 3, -0.5]]);
  });

  test("featureRange [−1, 1] and a JSON round trip", () => {
    const m = minMax(train, { featureRange: [-1, 1] });
    close(m.transform(train), [
      [-1, -1, -1],
      [1, -1, 1],
    ]);
    const back = MinMaxScaler.fromJSON(JSON.parse(JSON.stringify(m)));
    assert.deepEqual(back.transform(test_).data, m.transform(test_).data);
    assert.throws(() => minMax(train, { featureRange: [1, 1] }), ValueError);
    assert.throws(
      () => MinMaxScaler.fromJSON({ kind: "minMax", min: [2], max: [1], featureRange: [0, 1] }),
      ValueError,
    );
  });
});

describe("oneHot", () => {
  test("C from the training labels; [N] → [N, C]", () => {
    const enc = oneHot(tensor([2, 0, 1]));
    assert.equal(enc.numClasses, 3);
    assert.deepEqual(enc.transform(tensor([1, 2])).toArray(), [
      [0, 1, 0],
      [0, 0, 1],
    ]);
    assert.equal(oneHot(tensor([0]), { numClasses: 4 }).transform(tensor([3])).shape[1], 4);
  });

  test("labels outside 0..C−1 or fractional → IndexError (a MyelinError) naming the sample", () => {
    const enc = new OneHotEncoder(3);
    assert.throws(
      () => enc.transform(tensor([0, 3])),
      (e: unknown) =>
        e instanceof IndexError &&
        e instanceof MyelinError &&
        /label 3 of sample 1/.test(e.message),
    );
    assert.throws(() => enc.transform(tensor([-1])), IndexError);
    assert.throws(() => enc.transform(tensor([0.5])), IndexError);
    assert.throws(() => oneHot(tensor([0, -1])), IndexError); // fit validates the training labels
    assert.throws(() => oneHot(tensor([-1])), ValueError); // C = max + 1 = 0
    assert.throws(() => enc.transform(tensor([[0]])), ShapeError);
  });

  test("JSON round trip", () => {
    const back = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(new OneHotEncoder(5))));
    assert.equal(back.numClasses, 5);
    assert.throws(() => OneHotEncoder.fromJSON({ kind: "oneHot", numClasses: 0 }), ValueError);
  });
});

describe("preprocessorFromJSON", () => {
  test("dispatches on kind through an allowlist", () => {
    assert.ok(preprocessorFromJSON(standardize(train).toJSON()) instanceof Standardizer);
    assert.ok(preprocessorFromJSON(minMax(train).toJSON()) instanceof MinMaxScaler);
    assert.ok(preprocessorFromJSON({ kind: "oneHot", numClasses: 2 }) instanceof OneHotEncoder);
  });

  test("unknown kinds, prototype keys and non-objects are refused; nothing is polluted", () => {
    for (const bad of [
      { kind: "Lambda" },
      { kind: "__proto__" },
      { kind: "constructor" },
      { kind: "toString" },
      null,
      3,
      "x",
    ]) {
      assert.throws(() => preprocessorFromJSON(bad), ValueError, JSON.stringify(bad));
    }
    const evil = JSON.parse(
      '{"kind":"standardize","mean":[0],"std":[1],"__proto__":{"polluted":1}}',
    );
    preprocessorFromJSON(evil);
    assert.equal(({} as { polluted?: number }).polluted, undefined);
  });
});
