// Row copies, row views and the last-rows hold-out shared by data.* and fit().
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { copyRowRange, gatherRows, rowView, splitLastRows } from "./rows.js";

// x [5, 2] with row r = [10r, 10r + 1]; y [5]
const x = () => tensor([0, 1, 10, 11, 20, 21, 30, 31, 40, 41]).reshape([5, 2]);
const y = () => tensor([0, 1, 2, 3, 4]);

describe("gatherRows / rowView / copyRowRange", () => {
  test("gatherRows copies rows in the order given, repeats allowed, for short and long rows", () => {
    assert.deepEqual(gatherRows(x(), [3, 0, 3]).toArray(), [
      [30, 31],
      [0, 1],
      [30, 31],
    ]);
    assert.deepEqual(gatherRows(y(), Int32Array.from([4, 1, 2]), 1, 3).toArray(), [1, 2]);
    const wide = tensor(Array.from({ length: 3 * 20 }, (_, i) => i)).reshape([3, 20]);
    assert.deepEqual(gatherRows(wide, [2]).toArray(), [
      Array.from({ length: 20 }, (_, i) => 40 + i),
    ]);
  });

  test("gatherRows keeps trailing axes and dtype", () => {
    const t = tensor([1, 2, 3, 4, 5, 6, 7, 8], { dtype: "float64" }).reshape([2, 2, 2]);
    const g = gatherRows(t, [1]);
    assert.deepEqual(g.shape, [1, 2, 2]);
    assert.equal(g.dtype, "float64");
  });

  test("rowView shares storage; copyRowRange does not", () => {
    const t = x();
    const view = rowView(t, 1, 3);
    const copy = copyRowRange(t, 1, 3);
    assert.deepEqual(view.toArray(), copy.toArray());
    t.data[2] = -1;
    assert.equal(view.data[0], -1);
    assert.equal(copy.data[0], 10);
  });
});

describe("splitLastRows", () => {
  test("holds out the last ⌊f·N⌋ rows in order", () => {
    const [head, tail] = splitLastRows({ x: x(), y: y() }, 0.4);
    assert.deepEqual(head.y.toArray(), [0, 1, 2]);
    assert.deepEqual(tail?.y.toArray(), [3, 4]);
    assert.deepEqual(tail?.x.toArray(), [
      [30, 31],
      [40, 41],
    ]);
  });

  test("no tail when ⌊f·N⌋ = 0; fractions outside [0, 1) → ValueError", () => {
    const set = { x: x(), y: y() };
    assert.deepEqual(splitLastRows(set, 0.1), [set, null]);
    assert.throws(() => splitLastRows(set, 1), ValueError);
    assert.throws(() => splitLastRows(set, -0.5), ValueError);
    assert.throws(() => splitLastRows(set, NaN), ValueError);
  });
});
