// The layer-class table: each class's static side (typeName, fromConfig, elements, dtypeState)
// agrees with what its instances hold, so io/ can save and load it knowing no names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BatchNorm1d } from "./batch-norm.js";
import { Dropout } from "./dropout.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { buildModule, countElements, describeModule, LAYER_TYPES } from "./registry.js";
import { Sequential } from "./sequential.js";

const stateSize = (m: Module) => Object.values(m.stateDict()).reduce((s, t) => s + t.size, 0);

test("elements(config) equals the state a built layer holds", () => {
  const layers: Module[] = [
    new Linear(3, 4),
    new Linear(5, 2, { bias: false }),
    new BatchNorm1d(6),
    new BatchNorm1d(6, { affine: false }),
    new BatchNorm1d(6, { trackRunningStats: false }),
    new Dropout(0.2),
    new Sequential(new Linear(2, 3), new BatchNorm1d(3)),
  ];
  for (const m of layers) {
    const desc = describeModule(m);
    assert.equal(countElements(desc), stateSize(m), desc.type);
    assert.equal(stateSize(buildModule(desc)), stateSize(m), desc.type);
  }
});

test("a layer takes its dtype from the first stored state its class names", () => {
  const net = new Sequential(
    new Linear(2, 3, { dtype: "float64" }),
    new BatchNorm1d(3, { dtype: "float64", affine: false }),
    new Linear(3, 1),
  );
  const stored = net.stateDict();
  const rebuilt = buildModule(describeModule(net), { stateDType: (n) => stored[n]?.dtype });
  const dtypes = Object.fromEntries(
    Object.entries(rebuilt.stateDict()).map(([n, t]) => [n, t.dtype]),
  );
  assert.deepEqual(
    dtypes,
    Object.fromEntries(Object.entries(stored).map(([n, t]) => [n, t.dtype])),
  );
  assert.equal(dtypes["1.runningMean"], "float64");
  assert.equal(dtypes["2.weight"], "float32");
});

test("fromConfig keeps the file-facing checks; unknown types are refused", () => {
  assert.throws(
    () => buildModule({ type: "Linear", config: { inFeatures: 0, outFeatures: 2 } }),
    /Linear: config.inFeatures must be an integer in \[1, 16777216\], got 0/,
  );
  assert.throws(
    () => buildModule({ type: "BatchNorm1d", config: { numFeatures: 2, affine: "yes" } }),
    /BatchNorm1d: config.affine must be true or false/,
  );
  assert.throws(() => buildModule({ type: "Lambda", config: {} }), /unknown layer type "Lambda"/);
  assert.ok(LAYER_TYPES.includes("Sequential") && LAYER_TYPES.includes("LeakyReLU"));
});
