// Each lab's verdict, measured in --quick mode with the default seed: the numbers the article's
// claims rest on (counts and ratios, never wall time).
import { test } from "node:test";
import assert from "node:assert/strict";
import { backpropVsNumeric } from "../../src/lab/experiments/backprop-vs-numeric.js";
import { exploding } from "../../src/lab/experiments/exploding.js";
import { EXPERIMENTS } from "../../src/lab/experiments/index.js";
import { perceptron } from "../../src/lab/experiments/perceptron.js";
import { vanishing } from "../../src/lab/experiments/vanishing.js";
import { resultHtml, resultText } from "../../src/lab/render.js";

const QUICK = { quick: true, seed: 1 };

test("perceptron: converges on AND and OR, misclassifies ≥ 1 XOR point in every epoch", async () => {
  const r = await perceptron.run(QUICK);
  const m = r.measurements;
  assert.equal(m.andConverged, 1);
  assert.equal(m.orConverged, 1);
  assert.equal(m.xorConverged, 0);
  assert.ok(m.xorMinErrors >= 1);
  assert.ok(m.xorAccuracy <= 0.75, `a line gets at most 3 of XOR's 4 points, got ${m.xorAccuracy}`);
  assert.deepEqual(
    r.verdicts.map((v) => v.supported),
    [true, true],
  );
});

test("backprop-vs-numeric: 1 forward + 1 backward at every size, 1 + 2P forward passes numerically, same gradient", async () => {
  const r = await backpropVsNumeric.run(QUICK);
  const m = r.measurements;
  assert.equal(m.largestParameters, 10_001);
  for (const P of [11, 101, 1001, 10_001]) {
    assert.equal(m[`backpropPasses_${P}`], 2, `P = ${P}`);
    assert.equal(m[`numericForwardPasses_${P}`], 1 + 2 * P, `P = ${P}`);
  }
  assert.ok(m.maxRelDiff < 1e-3, `max relative difference ${m.maxRelDiff}`);
  assert.ok(r.verdicts.every((v) => v.supported === true));
});

test("vanishing: the sigmoid net's first-layer gradient is ≥ 100× smaller than ReLU (He) + BN's; saturation is not the cause here", async () => {
  const r = await vanishing.run(QUICK);
  const m = r.measurements;
  assert.ok(
    m.relu_He_BN_firstLayerGradInit >= 100 * m.sigmoid_firstLayerGradInit,
    `relu+BN ${m.relu_He_BN_firstLayerGradInit} vs sigmoid ${m.sigmoid_firstLayerGradInit}`,
  );
  assert.ok(
    m.sigmoid_firstOverLastInit < 1e-2,
    `sigmoid first/last ${m.sigmoid_firstOverLastInit}`,
  );
  assert.ok(m.relu_He_BN_firstOverLastInit > 0.1);
  // measured: no saturated sigmoid outputs at init, so that verdict must not say "supported"
  assert.ok(m.sigmoid_saturationInit < 0.5);
  // and the N(0, 4)-init sigmoid net, with many saturated units, vanishes LESS (its larger weights
  // outweigh σ′ ≈ 0): measured, so the saturation claim is not supported under these conditions
  assert.ok(m.sigmoid_N_0_4_init_saturationInit > 0.3, `${m.sigmoid_N_0_4_init_saturationInit}`);
  assert.ok(m.sigmoid_N_0_4_init_firstOverLastInit > m.sigmoid_firstOverLastInit);
  const saturation = r.verdicts.find((v) => v.claim.startsWith("Saturation"));
  assert.equal(saturation?.supported, false);
});

test("exploding: lr 10 goes NaN, clipping by norm and by value and a lower lr stay finite; L2 only with the right λ", async () => {
  const r = await exploding.run(QUICK);
  const m = r.measurements;
  assert.ok(m.lr_10_no_remedy_nanStep > 0, "the unclipped run must produce a non-finite value");
  assert.equal(m.clip_by_norm_1_nanStep, 0);
  assert.equal(m.clip_by_value_0_01_nanStep, 0);
  assert.equal(m.lr_0_01_nanStep, 0);
  // measured: every lr of the grid blows up without L2; λ 0.01 prevents it at each of them,
  // λ 0.001 is too weak at lr 6 and 10, λ 0.1 at lr 10 (1 − 2λη = −1) blows up itself
  for (const lr of [4, 6, 10]) {
    assert.ok(m[`lr_${lr}_0_nanStep`] > 0, `lr ${lr} without L2`);
    assert.equal(m[`lr_${lr}_0_01_nanStep`], 0, `lr ${lr}, λ 0.01`);
  }
  assert.ok(m.lr_10_0_001_nanStep > 0 && m.lr_10_0_1_nanStep > 0);
  assert.deepEqual(
    r.verdicts.map((v) => v.supported),
    [true, true, true, "partly"],
  );
});

test("every registered lab has a unique name, and its result renders as text and HTML with escaped names", async () => {
  const names = EXPERIMENTS.map((e) => e.name);
  assert.equal(new Set(names).size, names.length);
  for (const n of ["perceptron", "backprop-vs-numeric", "vanishing", "exploding"]) {
    assert.ok(names.includes(n), n);
  }
  const r = await perceptron.run(QUICK);
  const hostile = { ...r, tables: [{ title: "<script>", columns: ["a"], rows: [["<b>"]] }] };
  const html = resultHtml(hostile);
  assert.ok(!html.includes("<script>") && !html.includes("<b>&"), html.slice(0, 200));
  assert.ok(html.includes("<svg"));
  assert.match(resultText(r), /SUPPORTED: The perceptron rule never converges on XOR/);
});
