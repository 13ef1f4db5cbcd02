// fit()'s reused batch buffers (BatchRows): the same rows as a fresh copy, one buffer for every
// batch, and fit trained through them equal to a hand-written loop over fresh copies.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gatherRows } from "../data/rows.js";
import { Linear } from "../nn/linear.js";
import { Sequential } from "../nn/sequential.js";
import { Tanh } from "../nn/activations.js";
import { mse } from "../losses/mse.js";
import { SGD } from "../optim/sgd.js";
import { fromData } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import { BatchRows } from "./batching.js";
import { fit } from "./fit.js";

function dataset(n: number, d: number, dtype: "float32" | "float64" = "float32") {
  const rng = new Random(3);
  const x = dtype === "float64" ? new Float64Array(n * d) : new Float32Array(n * d);
  const y = dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  for (let i = 0; i < n; i++) y[i] = rng.normal();
  return { x: fromData(x, [n, d]), y: fromData(y, [n, 1]) };
}

describe("BatchRows", () => {
  for (const [d, dtype] of [
    [3, "float32"],
    [20, "float64"],
  ] as const) {
    test(`${dtype}, ${d} columns: shuffled batches equal fresh copies and share one buffer`, () => {
      const set = dataset(23, d, dtype);
      const order = new Random(1).permutation(23);
      const batches = new BatchRows(set, 5);
      const buffers = new Set<ArrayBufferLike>();
      for (let start = 0; start < 23; start += 5) {
        const end = Math.min(23, start + 5);
        const batch = batches.rows(order, start, end);
        assert.deepEqual(batch.x.shape, [end - start, d]);
        assert.deepEqual(
          Array.from(batch.x.data),
          Array.from(gatherRows(set.x, order, start, end).data),
        );
        assert.deepEqual(
          Array.from(batch.y.data),
          Array.from(gatherRows(set.y, order, start, end).data),
        );
        assert.equal(batch.x.dtype, dtype);
        buffers.add(batch.x.data.buffer);
        buffers.add(batch.y.data.buffer);
      }
      assert.equal(buffers.size, 2, "one x buffer and one y buffer for all five batches");
    });
  }

  test("without an order: views of the rows in place", () => {
    const set = dataset(7, 2);
    const batch = new BatchRows(set, 4).rows(null, 4, 7);
    assert.equal(batch.x.data.buffer, set.x.data.buffer);
    assert.deepEqual(Array.from(batch.x.data), Array.from(set.x.data.subarray(8, 14)));
  });

  test("fit through the buffers gives the weights of a loop over fresh copies", async () => {
    const set = dataset(50, 4);
    const make = () =>
      new Sequential(
        new Linear(4, 6, { generator: new Random(5) }),
        new Tanh(),
        new Linear(6, 1, { generator: new Random(6) }),
      );
    const viaFit = make();
    await fit(viaFit, set, {
      loss: "mse",
      optimizer: new SGD(viaFit.parameters(), { lr: 0.05 }),
      epochs: 3,
      batchSize: 16,
      seed: 4,
    });
    // the same loop by hand: fit's shuffler is Random(seed), one permutation per epoch
    const byHand = make();
    const opt = new SGD(byHand.parameters(), { lr: 0.05 });
    const shuffler = new Random(4);
    for (let epoch = 0; epoch < 3; epoch++) {
      const order = shuffler.permutation(50);
      for (let s = 0; s < 50; s += 16) {
        const e = Math.min(50, s + 16);
        const loss = mse(
          byHand.forward(gatherRows(set.x, order, s, e)),
          gatherRows(set.y, order, s, e),
        );
        opt.zeroGrad();
        loss.backward();
        opt.step();
      }
    }
    const a = viaFit.parameters().map((p) => Array.from(p.data));
    const b = byHand.parameters().map((p) => Array.from(p.data));
    assert.deepEqual(a, b);
  });
});
