// Real data: Debian's dataset-fashion-mnist must be installed. A missing directory FAILS this test
// (it does not skip), with the command that installs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { FASHION_MNIST_DIR, loadFashionMnist } from "../../src/node/data/index.js";

test("Fashion-MNIST loads: 60000 × 784 train, 10000 × 784 test, labels 0..9, pixels in [0, 1]", async () => {
  assert.ok(
    existsSync(FASHION_MNIST_DIR),
    `${FASHION_MNIST_DIR} is missing: install it with "apt-get install -y dataset-fashion-mnist"`,
  );
  const { train, test: testSet } = await loadFashionMnist();
  assert.deepEqual(train.x.shape, [60000, 784]);
  assert.deepEqual(train.y.shape, [60000]);
  assert.deepEqual(testSet.x.shape, [10000, 784]);
  assert.deepEqual(testSet.y.shape, [10000]);
  for (const ds of [train, testSet]) {
    const perClass = new Array<number>(10).fill(0);
    for (const c of ds.y.data) perClass[c]++;
    // Fashion-MNIST is balanced: 6000 per class in train, 1000 in test
    assert.deepEqual(perClass, new Array<number>(10).fill(ds.y.size / 10));
    let min = Infinity;
    let max = -Infinity;
    for (const v of ds.x.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    assert.equal(min, 0);
    assert.equal(max, 1);
  }
  assert.equal(train.labelNames![9], "Ankle boot");
  // the first training image is an ankle boot (class 9), the first test image too (Zalando's README figure)
  assert.equal(train.y.data[0], 9);
  assert.equal(testSet.y.data[0], 9);
});
