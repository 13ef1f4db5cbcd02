import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, seed, randn, diagnostics, train, tensor } from "../index.js";

function mlp(widths: number[], act: () => nn.Module): nn.Module {
  const layers: nn.Module[] = [];
  widths.slice(1).forEach((w, i) => {
    layers.push(nn.linear(widths[i], w));
    if (i < widths.length - 2) layers.push(act());
  });
  return nn.sequential(...layers);
}

test("gradientFlow: one record per epoch with hand-checkable norms, JSON round trip", async () => {
  seed(1);
  const model = mlp([3, 5, 2], () => nn.relu());
  const x = randn([20, 3]);
  const y = randn([20, 2]);
  const flow = diagnostics.gradientFlow({ sample: x.slice(0, 0, 8) });
  await train.fit(
    model,
    { x, y },
    {
      loss: "mse",
      epochs: 3,
      batchSize: 8,
      optimizer: { name: "sgd", lr: 0.1 },
      callbacks: [flow],
    },
  );
  assert.equal(flow.records.length, 3);
  assert.deepEqual(
    flow.records.map((r) => [r.epoch, r.batch, r.step]),
    [
      [1, 3, 3],
      [2, 3, 6],
      [3, 3, 9],
    ],
  );
  const last = flow.records[2];
  assert.deepEqual(
    last.layers.map((l) => [l.layer, l.activation]),
    [
      ["layer 0 (Linear)", "ReLU"],
      ["layer 2 (Linear)", null],
    ],
  );
  // plain SGD: ΔW = −lr·∂L/∂W, so ‖ΔW‖/‖W_before‖ = lr·‖g‖/‖W_before‖ (W_before = W + lr·g)
  const W = model.namedParameters().find(([n]) => n.endsWith("2.weight"))![1];
  const g = W.grad!.data;
  let gg = 0;
  let ww = 0;
  let wb = 0;
  for (let i = 0; i < g.length; i++) {
    gg += g[i] ** 2;
    ww += W.data[i] ** 2;
    wb += (W.data[i] + 0.1 * g[i]) ** 2;
  }
  const out = last.layers[1];
  assert.ok(Math.abs(out.gradNorm - Math.sqrt(gg)) < 1e-5);
  assert.ok(Math.abs(out.weightNorm - Math.sqrt(ww)) < 1e-5);
  assert.ok(Math.abs(out.updateRatio - (0.1 * Math.sqrt(gg)) / Math.sqrt(wb)) < 1e-4);
  assert.ok(last.layers[0].dead !== null && last.layers[0].dead >= 0);
  assert.equal(last.layers[0].saturated, 0);
  assert.deepEqual(JSON.parse(JSON.stringify(flow.records)), flow.records);
  const { start, end } = flow.weightHistograms;
  assert.ok(start && end);
  const total = 3 * 5 + 5 * 2;
  assert.equal(
    start.counts.reduce((a, b) => a + b),
    total,
  );
  assert.equal(
    end.counts.reduce((a, b) => a + b),
    total,
  );
});

test("gradientFlow: every N steps counts steps across epochs; it does not change the run", async () => {
  const run = async (callbacks: train.Callback[]) => {
    seed(2);
    const model = mlp([2, 4, 1], () => nn.tanh());
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [0.5, 0.5],
    ]);
    const y = tensor([[0], [1], [1], [0], [0.5]]);
    await train.fit(model, { x, y }, { loss: "mse", epochs: 4, batchSize: 2, callbacks });
    return Array.from(model.parameters()[0].data);
  };
  const flow = diagnostics.gradientFlow({ every: 5 });
  const withFlow = await run([flow]);
  assert.deepEqual(await run([]), withFlow);
  assert.deepEqual(
    flow.records.map((r) => r.step),
    [5, 10],
  );
  assert.equal(flow.records[0].layers[0].saturated, null); // no sample, no activation stats
  assert.throws(() => diagnostics.gradientFlow({ every: 0 }), /every must be a positive integer/);
});
