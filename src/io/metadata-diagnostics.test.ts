// training.diagnostics (gradientFlow records and health warnings, written by myelin train) is
// checked like every metadata field: a well-formed one is kept, a malformed one names its path.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkMetadata, MetadataFieldError } from "./metadata.js";

const layer = { layer: "layer 0 (Linear)", index: 0, gradNorm: 0.5, weightNorm: 2 };
const GOOD = {
  records: [
    {
      epoch: 1,
      batch: 3,
      step: 3,
      layers: [{ ...layer, updateRatio: 1e-3, saturated: null, dead: 0.25, activation: "ReLU" }],
    },
  ],
  warnings: [
    {
      kind: "dead-relu",
      layer: "layer 0 (Linear)",
      message: "63% of layer 0 (Linear)'s ReLUs never fire on the sample",
      remedy: "try a lower learning rate",
      epoch: 1,
    },
  ],
  weightHistograms: { start: { min: -1, max: 1, counts: [1, 2] }, end: null },
};

test("training.diagnostics: a well-formed record is kept as it is", () => {
  const meta = checkMetadata({ training: { diagnostics: GOOD } });
  assert.deepEqual(meta.training?.diagnostics, GOOD);
});

test("training.diagnostics: a malformed record is a MetadataFieldError naming its path", () => {
  const bad: [string, unknown][] = [
    ["training.diagnostics", [1]],
    ["training.diagnostics.records", { records: 1, warnings: [] }],
    [
      "training.diagnostics.records[0].step",
      { records: [{ epoch: 1, step: -1, layers: [] }], warnings: [] },
    ],
    [
      "training.diagnostics.records[0].layers[0].gradNorm",
      { records: [{ epoch: 1, step: 1, layers: [{ ...layer, gradNorm: "big" }] }], warnings: [] },
    ],
    [
      "training.diagnostics.warnings[0].kind",
      { records: [], warnings: [{ ...GOOD.warnings[0], kind: "sad" }] },
    ],
  ];
  for (const [path, diagnostics] of bad) {
    assert.throws(
      () => checkMetadata({ training: { diagnostics } }),
      (e: unknown) => e instanceof MetadataFieldError && e.path === path,
      path,
    );
  }
});
