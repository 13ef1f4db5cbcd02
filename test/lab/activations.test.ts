// The activations lab's measured verdicts in quick mode, with its fixed seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { activationsLab } from "../../src/lab/experiments/activations.js";

test("activations lab: property data agrees, XOR needs non-linearity, sigmoid stalls from small weights", async () => {
  const r = await activationsLab.run({ quick: true, seed: 1 });
  assert.equal(r.measurements.propertyDisagreements, 0, r.verdicts[0].because);
  assert.ok(r.measurements.xorAccuracyIdentity < 0.8, "identity net solved XOR?");
  assert.ok(r.measurements.xorAccuracyTanh > 0.95, "tanh net failed XOR");
  assert.equal(r.verdicts[1].supported, true);
  // measured: tanh and relu train from N(0, 0.1²) weights, sigmoid stalls → "partly"
  assert.ok(r.measurements.smallInitAccuracyTanh > 0.95);
  assert.ok(r.measurements.smallInitFinalLossSigmoid > 0.6);
  assert.equal(r.verdicts[2].supported, "partly");
  assert.ok(r.plots.length >= 2 && r.plots.every((p) => p.svg.startsWith("<svg")));
});
