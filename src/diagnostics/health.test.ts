import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, seed, randn, diagnostics, train, Tensor } from "../index.js";
import type { FlowRecord, LayerFlow } from "./gradient-flow.js";

function mlp(widths: number[], act: () => nn.Module): nn.Module {
  const layers: nn.Module[] = [];
  widths.slice(1).forEach((w, i) => {
    layers.push(nn.linear(widths[i], w));
    if (i < widths.length - 2) layers.push(act());
  });
  return nn.sequential(...layers);
}

/** Two epochs of fit with gradientFlow on a fixed regression problem; the warnings. */
async function warningsOf(model: nn.Module, x: Tensor, y: Tensor, lr = 0.01) {
  const flow = diagnostics.gradientFlow({ sample: x.slice(0, 0, 32) });
  await train.fit(
    model,
    { x, y },
    {
      loss: "mse",
      epochs: 2,
      batchSize: 32,
      optimizer: { name: "sgd", lr },
      callbacks: [flow],
    },
  );
  return diagnostics.healthCheck(flow.records);
}

function data(d: number): [Tensor, Tensor] {
  seed(7);
  return [randn([64, d]), randn([64, 1])];
}

test("healthCheck: a 10-layer sigmoid net vanishes; a 2-layer ReLU net with a normal init does not", async () => {
  const [x, y] = data(16);
  seed(1);
  const deep = mlp([16, ...new Array<number>(10).fill(16), 1], () => nn.sigmoid());
  const deepWarnings = await warningsOf(deep, x, y);
  const v = deepWarnings.find((w) => w.kind === "vanishing");
  assert.ok(v, JSON.stringify(deepWarnings));
  assert.equal(v.layer, "layer 0 (Linear)");
  assert.equal(v.epoch, 1);
  assert.match(
    v.message,
    /layer 0 \(Linear\)'s gradients are \S+ of layer 20 \(Linear\)'s: vanishing/,
  );
  assert.match(v.remedy, /ReLU, batch norm or He initialization/);

  seed(1);
  const shallow = mlp([16, 32, 1], () => nn.relu());
  for (const p of shallow.parameters()) nn.init.normal(p, 0, 0.1);
  assert.deepEqual(await warningsOf(shallow, x, y), []);
});

test("healthCheck: dead ReLUs and saturated sigmoids in real nets", async () => {
  const [x, y] = data(4);
  seed(2);
  const dead = mlp([4, 16, 16, 1], () => nn.relu());
  const b = dead.namedParameters().find(([n]) => n === "2.bias")![1];
  b.data.fill(-100); // the second hidden layer's units can never fire
  const deadWarnings = await warningsOf(dead, x, y);
  const d = deadWarnings.find((w) => w.kind === "dead-relu");
  assert.ok(d, JSON.stringify(deadWarnings));
  assert.equal(d.layer, "layer 2 (Linear)");
  assert.match(d.message, /^100% of layer 2 \(Linear\)'s ReLUs never fire/);

  seed(3);
  const sat = mlp([4, 16, 1], () => nn.sigmoid());
  const W = sat.namedParameters().find(([n]) => n === "0.weight")![1];
  nn.init.normal(W, 0, 30); // pre-activations of |z| ~ 60: σ sits at 0 or 1
  const satWarnings = await warningsOf(sat, x, y);
  const s = satWarnings.find((w) => w.kind === "saturated");
  assert.ok(s, JSON.stringify(satWarnings));
  assert.equal(s.layer, "layer 0 (Linear)");
  assert.ok(!satWarnings.some((w) => w.kind === "dead-relu"));
});

test("healthCheck: a ReLU net at lr 0.5 explodes (guard off, recorded every step); at lr 0.01 it does not", async () => {
  const run = async (lr: number) => {
    seed(7);
    const x = randn([64, 4]);
    const y = randn([64, 1]).mul(10);
    seed(1);
    const model = mlp([4, 32, 32, 1], () => nn.relu());
    const flow = diagnostics.gradientFlow({ every: 1 });
    await train.fit(
      model,
      { x, y },
      {
        loss: "mse",
        epochs: 2,
        batchSize: 16,
        optimizer: { name: "sgd", lr },
        callbacks: [flow],
        terminateOnNaN: false,
      },
    );
    return diagnostics.healthCheck(flow.records).filter((w) => w.kind === "exploding");
  };
  const exploding = await run(0.5);
  assert.deepEqual(
    exploding.map((w) => w.layer),
    ["layer 0 (Linear)", "layer 2 (Linear)", "layer 4 (Linear)"],
  );
  assert.match(exploding[0].message, /gradient norm grew \S+× in \d+ steps: exploding/);
  assert.deepEqual(await run(0.01), []);
});

function layer(name: string, gradNorm: number, extra: Partial<LayerFlow> = {}): LayerFlow {
  const base = { layer: name, index: 0, gradNorm, weightNorm: 1, updateRatio: 1e-3 };
  return { ...base, saturated: null, dead: null, activation: null, ...extra };
}

function record(step: number, layers: LayerFlow[]): FlowRecord {
  return { epoch: step, batch: 1, step, layers };
}

test("healthCheck rules on synthetic records: thresholds, once per (kind, layer), the first epoch", () => {
  const three = (g0: number) => [layer("a", g0), layer("b", 1), layer("c", 1)];
  assert.deepEqual(diagnostics.healthCheck([record(1, three(2e-4))]), []);
  const v = diagnostics.healthCheck([
    record(1, three(2e-4)),
    record(2, three(1e-7)),
    record(3, three(1e-7)),
  ]);
  assert.deepEqual(
    v.map((w) => [w.kind, w.layer, w.epoch]),
    [["vanishing", "a", 2]],
  );
  assert.match(v[0].message, /a's gradients are 1e-7 of c's: vanishing/);
  // two layers: no vanishing rule
  assert.deepEqual(diagnostics.healthCheck([record(1, [layer("a", 1e-9), layer("b", 1)])]), []);

  const grows = [1e-2, 1e-1, 1, 10, 1e4].map((g, i) => record(i + 1, [layer("a", g)]));
  const e = diagnostics.healthCheck(grows);
  assert.deepEqual(
    e.map((w) => [w.kind, w.epoch]),
    [["exploding", 4]],
  );
  assert.match(e[0].message, /grew 1e\+3× in 3 steps: exploding/);
  assert.match(e[0].remedy, /--clip-norm or a lower learning rate/);
  // growth below 1: not exploding (gradients of 1e-9 → 1e-5 are small)
  const small = [1e-9, 1e-5].map((g, i) => record(i + 1, [layer("a", g)]));
  assert.deepEqual(diagnostics.healthCheck(small), []);
  const nan = diagnostics.healthCheck([record(1, [layer("a", 1)]), record(2, [layer("a", NaN)])]);
  assert.equal(nan[0].kind, "exploding");

  const relu = { activation: "ReLU", dead: 0.63 };
  const r = diagnostics.healthCheck([
    record(1, [layer("a", 1, relu)]),
    record(2, [layer("a", 1, relu)]),
  ]);
  assert.deepEqual(
    r.map((w) => w.message),
    ["63% of a's ReLUs never fire on the sample"],
  );
  assert.deepEqual(
    diagnostics.healthCheck([record(1, [layer("a", 1, { activation: "ReLU", dead: 0.49 })])]),
    [],
  );
  const sat = { activation: "Tanh", saturated: 0.95 };
  assert.equal(diagnostics.healthCheck([record(1, [layer("a", 1, sat)])])[0].kind, "saturated");
  // a trained tanh net's 71 % (the default spirals run) is not a warning
  const trained = { activation: "Tanh", saturated: 0.71 };
  assert.deepEqual(diagnostics.healthCheck([record(1, [layer("a", 1, trained)])]), []);
  assert.deepEqual(
    diagnostics.healthCheck([record(1, [layer("a", 1, sat)])], { saturatedFraction: 0.99 }),
    [],
  );
});
