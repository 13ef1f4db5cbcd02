import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, losses, seed, tensor, randn, diagnostics } from "../index.js";

test("gradientNorms: hand-computed norms for a 1-layer model", () => {
  const lin = nn.linear(2, 1);
  lin.parameters()[0].data.set([3, 4]); // W = [[3, 4]]
  lin.parameters()[1].data.set([0]);
  const x = tensor([[1, 2]]);
  lin.forward(x).sum().backward(); // dW = x = [1, 2], db = 1
  const [w, b] = diagnostics.gradientNorms(lin);
  assert.equal(w.name, "weight");
  assert.ok(Math.abs(w.gradNorm - Math.sqrt(5)) < 1e-6);
  assert.ok(Math.abs(w.weightNorm - 5) < 1e-6);
  assert.ok(Math.abs(w.ratio - Math.sqrt(5) / 5) < 1e-6);
  assert.equal(b.gradNorm, 1);
  assert.equal(b.ratio, 0); // ‖b‖ = 0
});

test("gradientNorms: gradients vanish toward the input in a deep sigmoid net, not in a ReLU net", () => {
  const depth = 10;
  const build = (act: () => nn.Module) => {
    seed(3);
    const layers: nn.Module[] = [];
    for (let i = 0; i < depth; i++) layers.push(nn.linear(32, 32), act());
    layers.push(nn.linear(32, 1));
    return nn.sequential(...layers);
  };
  seed(4);
  const x = randn([64, 32]);
  const y = randn([64, 1]);
  const ratioFirstToLast = (model: nn.Module) => {
    losses.mse(model.forward(x), y).backward();
    const weights = diagnostics.gradientNorms(model).filter((s) => s.name.endsWith("weight"));
    return weights[0].gradNorm / weights[weights.length - 2].gradNorm;
  };
  const sigmoidRatio = ratioFirstToLast(build(() => nn.sigmoid()));
  const reluRatio = ratioFirstToLast(build(() => nn.relu()));
  assert.ok(sigmoidRatio < 1e-3, `sigmoid first/last gradient ratio ${sigmoidRatio}`);
  assert.ok(reluRatio > 100 * sigmoidRatio, `relu ratio ${reluRatio} vs sigmoid ${sigmoidRatio}`);
});

test("activationStats: saturation of tanh and dead ReLU units", () => {
  const lin = nn.linear(1, 3);
  lin.parameters()[0].data.set([100, -100, 1]); // unit 0 saturates for x > 0; unit 1 dead under ReLU
  lin.parameters()[1].data.set([0, 0, 0]);
  const x = tensor([[1], [2]]);
  const tanhStats = diagnostics.activationStats(nn.sequential(lin, nn.tanh()), x);
  assert.equal(tanhStats.length, 2);
  assert.equal(tanhStats[1].type, "Tanh");
  // outputs: tanh(100), tanh(-100), tanh(1) | tanh(200), tanh(-200), tanh(2) → 4 of 6 saturated
  assert.ok(Math.abs(tanhStats[1].saturated - 4 / 6) < 1e-12);
  const reluStats = diagnostics.activationStats(nn.sequential(lin, nn.relu()), x);
  assert.equal(reluStats[1].deadUnits, 1);
  assert.equal(reluStats[1].units, 3);
  assert.equal(reluStats[1].saturated, 0);
});
