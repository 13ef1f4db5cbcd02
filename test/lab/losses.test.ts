// The losses lab's measured verdicts in quick mode, with its fixed seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lossesLab } from "../../src/lab/experiments/losses.js";

test("losses lab, quick: robust regression, CE = NLL∘logSoftmax, hinge classifies, embeddings separate", async () => {
  const r = await lossesLab.run({ quick: true, seed: 1 });
  const m = r.measurements;
  // measured: MSE's line is off by 1.40, L1's by 0.05, Huber's and smooth L1's by 0.17
  for (const loss of ["l1", "huber", "smoothL1"])
    assert.ok(m[`regression.${loss}.paramError`] < m["regression.mse.paramError"] / 3, loss);
  assert.ok(m.ceNllGap <= 1e-5);
  assert.ok(m["classification.multiMargin (hinge).accuracy"] >= 0.9);
  // measured: held-out AUC 0.64–0.68 before training, 1.00 after, for all three losses
  for (const loss of ["l1HingeEmbedding", "hingeEmbedding (L2 distance)", "cosineEmbedding"]) {
    assert.ok(m[`embedding.${loss}.aucBefore`] < 0.8, loss);
    assert.ok(m[`embedding.${loss}.aucAfter`] >= 0.95, loss);
  }
  assert.deepEqual(
    r.verdicts.map((v) => v.supported),
    [true, true, true, true],
  );
});
