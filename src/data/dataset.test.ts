// take, shuffle, trainTestSplit and batches: row contents, x–y pairing, sizes, determinism, errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { IndexError, ShapeError, ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import { batches, shuffle, take, trainTestSplit, type Dataset } from "./dataset.js";

/** Row i: x = [i, 10 i], y = i mod 3 — so pairing can be checked after any reordering. */
function make(n: number): Dataset {
  return {
    x: tensor(Array.from({ length: n }, (_, i) => [i, 10 * i])),
    y: tensor(Array.from({ length: n }, (_, i) => i % 3)),
    task: "multiclass",
    labelNames: ["a", "b", "c"],
  };
}

function checkPairs(ds: Dataset): number[] {
  const ids: number[] = [];
  for (let r = 0; r < ds.y.size; r++) {
    const i = ds.x.data[2 * r];
    assert.equal(ds.x.data[2 * r + 1], 10 * i);
    assert.equal(ds.y.data[r], i % 3);
    ids.push(i);
  }
  return ids;
}

describe("take / shuffle", () => {
  test("take copies the chosen rows in order, repeats allowed, keeps names", () => {
    const ds = take(make(5), [4, 0, 4]);
    assert.deepEqual(ds.x.toArray(), [
      [4, 40],
      [0, 0],
      [4, 40],
    ]);
    assert.deepEqual(ds.y.toArray(), [1, 0, 1]);
    assert.deepEqual(ds.labelNames, ["a", "b", "c"]);
  });

  test("take copies wide rows (the subarray path) too", () => {
    const x = tensor(
      Array.from({ length: 3 }, (_, i) => Array.from({ length: 20 }, (_, j) => 100 * i + j)),
    );
    const ds = take({ x, y: tensor([0, 1, 2]), task: "multiclass" }, [2, 1]);
    assert.deepEqual(ds.x.toArray(), [
      (x.toArray() as number[][])[2],
      (x.toArray() as number[][])[1],
    ]);
  });

  test("take: bad indices → IndexError; x/y row mismatch → ShapeError", () => {
    assert.throws(() => take(make(3), [3]), IndexError);
    assert.throws(() => take(make(3), [-1]), IndexError);
    assert.throws(() => take(make(3), [0.5]), IndexError);
    assert.throws(
      () => take({ x: tensor([[1], [2]]), y: tensor([1]), task: "regression" }, [0]),
      ShapeError,
    );
  });

  test("shuffle is a permutation that keeps x–y pairs and follows the generator", () => {
    const a = shuffle(make(50), new Random(1));
    const ids = checkPairs(a);
    assert.deepEqual(
      [...ids].sort((p, q) => p - q),
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.notDeepEqual(
      ids,
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.deepEqual(checkPairs(shuffle(make(50), new Random(1))), ids);
  });
});

describe("trainTestSplit", () => {
  test("ceil(f·N) test rows, disjoint, covering, deterministic per seed", () => {
    const { train, test: testSet } = trainTestSplit(make(10), { testFraction: 0.25, seed: 4 });
    const tr = checkPairs(train);
    const te = checkPairs(testSet);
    assert.equal(te.length, 3); // ceil(2.5)
    assert.equal(tr.length, 7);
    assert.deepEqual(
      [...tr, ...te].sort((p, q) => p - q),
      Array.from({ length: 10 }, (_, i) => i),
    );
    const again = trainTestSplit(make(10), { testFraction: 0.25, seed: 4 });
    assert.deepEqual(checkPairs(again.test), te);
  });

  test("stratify keeps each class's share", () => {
    const { train, test: testSet } = trainTestSplit(make(300), {
      testFraction: 0.2,
      seed: 1,
      stratify: true,
    });
    const count = (ds: Dataset): number[] =>
      [0, 1, 2].map((c) => Array.from(ds.y.data).filter((v) => v === c).length);
    assert.deepEqual(count(testSet), [20, 20, 20]);
    assert.deepEqual(count(train), [80, 80, 80]);
    checkPairs(train);
    checkPairs(testSet);
  });

  test("errors: bad fraction, empty part, stratify on regression", () => {
    assert.throws(() => trainTestSplit(make(10), { testFraction: 0 }), ValueError);
    assert.throws(() => trainTestSplit(make(10), { testFraction: 1 }), ValueError);
    assert.throws(() => trainTestSplit(make(1), { testFraction: 0.5, seed: 1 }), ValueError);
    const reg: Dataset = { x: tensor([[1], [2]]), y: tensor([[1], [2]]), task: "regression" };
    assert.throws(() => trainTestSplit(reg, { stratify: true, seed: 1 }), ValueError);
  });
});

describe("batches", () => {
  test("in order: sizes 4, 4, 2 and the rows in sequence", () => {
    const got = [...batches(make(10), 4)];
    assert.deepEqual(
      got.map((b) => b.x.shape),
      [
        [4, 2],
        [4, 2],
        [2, 2],
      ],
    );
    assert.deepEqual(
      got.map((b) => b.y.shape),
      [[4], [4], [2]],
    );
    assert.deepEqual(
      got.flatMap((b) => checkPairs({ ...b, task: "multiclass" })),
      Array.from({ length: 10 }, (_, i) => i),
    );
  });

  test("dropLast drops the short batch; shuffle visits every row once, pairs intact", () => {
    assert.deepEqual(
      [...batches(make(10), 4, { dropLast: true })].map((b) => b.x.shape[0]),
      [4, 4],
    );
    const ids = [...batches(make(10), 3, { shuffle: true, generator: new Random(2) })].flatMap(
      (b) => checkPairs({ ...b, task: "multiclass" }),
    );
    assert.deepEqual(
      [...ids].sort((p, q) => p - q),
      Array.from({ length: 10 }, (_, i) => i),
    );
    assert.notDeepEqual(
      ids,
      Array.from({ length: 10 }, (_, i) => i),
    );
  });

  test("batches are copies: writing into one leaves the data set unchanged", () => {
    const ds = make(4);
    const [b] = [...batches(ds, 2)];
    b.x.data[0] = 99;
    assert.equal(ds.x.data[0], 0);
  });

  test("errors: batchSize 0 or fractional; batchSize > N with dropLast", () => {
    assert.throws(() => [...batches(make(4), 0)], ValueError);
    assert.throws(() => [...batches(make(4), 1.5)], ValueError);
    assert.throws(() => [...batches(make(4), 5, { dropLast: true })], ValueError);
    assert.equal([...batches(make(4), 5)].length, 1);
  });
});
