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
  // measured (quick, 300 steps): from N(0, 0.1²) weights the loss halves after 28 steps with
  // tanh, 52 with relu and never with sigmoid (501 steps in the full run) → "partly"
  const m = r.measurements;
  assert.ok(m.smallInitAccuracyTanh > 0.95);
  assert.ok(m.smallInitStepsToHalveTanh > 0 && m.smallInitStepsToHalveTanh < 100);
  assert.equal(m.smallInitStepsToHalveSigmoid, -1, "sigmoid no longer stalls");
  assert.ok(m.smallInitStepsToHalveRelu < 3 * m.smallInitStepsToHalveTanh, "relu now stalls");
  assert.equal(r.verdicts[2].supported, "partly");
  assert.ok(r.plots.length >= 2 && r.plots.every((p) => p.svg.startsWith("<svg")));
});
