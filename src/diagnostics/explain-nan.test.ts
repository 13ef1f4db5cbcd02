// explainNaN names the first layer and op that produced a non-finite value: faults injected in
// the forward (Linear overflow, log of a negative, exp overflow, log in the loss) and in the
// backward only (sqrt at 0, a custom op whose backward rule returns NaN), each in a middle layer,
// so "the first parameter with a bad gradient" (what the guard alone can say) is the wrong answer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mse } from "../losses/mse.js";
import { BatchNorm1d } from "../nn/batch-norm.js";
import { Tanh } from "../nn/activations.js";
import { Linear } from "../nn/linear.js";
import { Module } from "../nn/module.js";
import { Sequential } from "../nn/sequential.js";
import { NonFiniteTrainingError } from "../optim/non-finite.js";
import { result } from "../ops/define.js";
import { tensor } from "../tensor/create.js";
import { seed } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { fit } from "../train/fit.js";
import { explainNaN } from "./explain-nan.js";

/** A layer computing f(x) with ordinary ops, so the graph shows f's own op names. */
class Fn extends Module {
  constructor(
    readonly typeName: string,
    private readonly f: (x: Tensor) => Tensor,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.f(x);
  }
}

/** Identity forward whose backward rule returns NaN: a fault only the backward pass shows. */
function poison(x: Tensor): Tensor {
  return result("poison", x.data.slice(), x.shape, [x], (dY) => [
    tensor(Array.from({ length: dY.size }, () => NaN)).reshape(dY.shape as number[]),
  ]);
}

const x = tensor([
  [0.5, -1],
  [1, 2],
  [-0.3, 0.7],
]);
const y = tensor([[1], [0], [1]]);

/** Linear(2,3) → middle → Linear(3,1), seeded; `middle` is the layer the fault is put in. */
function net(...middle: Module[]): Sequential {
  seed(1);
  return new Sequential(new Linear(2, 3), ...middle, new Linear(3, 1));
}

test("explainNaN: a finite batch has no origin (null)", () => {
  assert.equal(explainNaN(net(new Tanh()), { x, y }, mse), null);
});

test("explainNaN: forward, Linear overflow in layer 2 (not the first layer) is named with its |z| and weight norm", () => {
  seed(1);
  const model = new Sequential(
    new Linear(2, 3),
    new Tanh(),
    new Linear(3, 3),
    new Tanh(),
    new Linear(3, 1),
  );
  const [w0, b0] = model.layers[0].parameters();
  w0.data.fill(0);
  b0.data.fill(10); // tanh(10) ≈ 1 for every unit
  model.layers[2].parameters()[0].data.fill(3e38); // 3 · 3e38 > float32 max (3.4e38)
  const origin = explainNaN(model, { x, y }, mse);
  assert.ok(origin !== null);
  assert.equal(origin.phase, "forward");
  assert.equal(origin.layer, "layer 2 (Linear)");
  assert.equal(origin.path, "2");
  assert.equal(origin.op, "matmul");
  assert.ok(origin.inputMaxAbs <= 1, "its input is a tanh output");
  assert.ok(origin.weightNorm === Infinity || origin.weightNorm! > 1e38);
  assert.match(origin.message, /^layer 2 \(Linear\) forward: op matmul produced -?Infinity/);
});

test("explainNaN: forward, log of a negative value in a custom middle layer", () => {
  const model = net(new Fn("test.Log", (h) => h.log()));
  const origin = explainNaN(model, { x, y }, mse);
  assert.ok(origin !== null);
  assert.equal(origin.phase, "forward");
  assert.equal(origin.layer, "layer 1 (test.Log)");
  assert.equal(origin.op, "log");
  assert.equal(origin.weightNorm, undefined, "the log layer has no parameters");
});

test("explainNaN: forward, exp overflow after a scaling op inside the layer names exp, not mul", () => {
  const model = net(new Fn("test.Exp", (h) => h.mul(1000).exp()));
  const origin = explainNaN(model, { x, y }, mse);
  assert.ok(origin !== null);
  assert.equal(origin.phase, "forward");
  assert.equal(origin.layer, "layer 1 (test.Exp)");
  assert.equal(origin.op, "exp");
  assert.ok(origin.outputMaxAbs > 0);
});

test("explainNaN: forward, the loss: log of a negative output", () => {
  const model = net(new Tanh());
  const origin = explainNaN(model, { x, y }, (out, t) => out.sub(10).log().sub(t).mean());
  assert.ok(origin !== null);
  assert.equal(origin.phase, "forward");
  assert.equal(origin.layer, "the loss");
  assert.equal(origin.op, "log");
});

test("explainNaN: backward, sqrt at 0 (finite forward, infinite derivative) in a middle layer", () => {
  // |h| as sqrt(h²): the forward is finite, d sqrt/du = 1/(2√u) is Infinity at u = 0
  const model = net(new Fn("test.Abs", (h) => h.mul(h).sqrt()));
  model.layers[0].parameters()[1].data.fill(0); // bias 0: a zero input row gives h = 0
  const xs = tensor([
    [0, 0],
    [1, 2],
  ]);
  const origin = explainNaN(model, { x: xs, y: tensor([[1], [0]]) }, mse);
  assert.ok(origin !== null);
  assert.equal(origin.phase, "backward");
  assert.equal(origin.layer, "layer 1 (test.Abs)");
  assert.equal(origin.op, "sqrt");
  assert.ok(Number.isFinite(origin.gradMaxAbs!));
  assert.match(origin.message, /^layer 1 \(test\.Abs\) backward: op sqrt turned a finite gradient/);
});

test("explainNaN: backward, a custom op whose backward returns NaN, deep in a nested Sequential", () => {
  seed(2);
  const inner = new Sequential(new Linear(3, 3), new Fn("test.Poison", poison), new Tanh());
  const model = new Sequential(new Linear(2, 3), new Tanh(), inner, new Linear(3, 1));
  const origin = explainNaN(model, { x, y }, mse);
  assert.ok(origin !== null);
  assert.equal(origin.phase, "backward");
  assert.equal(origin.layer, "layer 2.1 (test.Poison)");
  assert.equal(origin.path, "2.1");
  assert.equal(origin.op, "poison");
});

test("explainNaN: leaves no trace (BatchNorm running stats, gradients)", () => {
  seed(3);
  const model = new Sequential(
    new Linear(2, 3),
    new BatchNorm1d(3),
    new Fn("test.Log", (h) => h.log()),
  );
  const before = model.namedBuffers().map(([, t]) => Array.from(t.data));
  const origin = explainNaN(model, { x, y }, mse);
  assert.equal(origin?.layer, "layer 2 (test.Log)");
  assert.deepEqual(
    model.namedBuffers().map(([, t]) => Array.from(t.data)),
    before,
  );
  assert.ok(model.parameters().every((p) => p.grad === null));
});

test("fit: the guard's error names the origin (layer and phase), not only the first bad parameter", async () => {
  const model = net(new Fn("test.Abs", (h) => h.mul(h).sqrt()));
  model.layers[0].parameters()[1].data.fill(0);
  const xs = tensor([
    [0, 0],
    [1, 2],
  ]);
  await assert.rejects(
    fit(model, { x: xs, y: tensor([[1], [0]]) }, { loss: "mse", epochs: 1, batchSize: 2 }),
    (e: unknown) => {
      assert.ok(e instanceof NonFiniteTrainingError);
      assert.equal(e.report.where, "gradient");
      assert.equal(e.report.parameter, "0.weight", "the existing field is kept");
      assert.equal(e.report.origin?.phase, "backward");
      assert.equal(e.report.origin?.layer, "layer 1 (test.Abs)");
      assert.match(e.message, /first non-finite: layer 1 \(test\.Abs\) backward: op sqrt/);
      return true;
    },
  );
});

test("fit: a Linear overflow after weights grew within the epoch gives the layer's norm then and now", async () => {
  // sgd at lr 1e10 without an activation: W₂·W₁·x grows until layer 1's output overflows
  seed(1);
  const model = new Sequential(new Linear(2, 3), new Linear(3, 1));
  const xs = tensor([
    [0.5, -1],
    [1, 2],
    [-0.3, 0.7],
    [2, 1],
  ]);
  const ys = tensor([[1], [0], [1], [3]]);
  const options = { epochs: 3, batchSize: 1, shuffle: false, optimizer: { name: "sgd", lr: 1e10 } };
  const l1 = (out: Tensor, t: Tensor): Tensor => out.sub(t).abs().mean();
  await assert.rejects(fit(model, { x: xs, y: ys }, { ...options, loss: l1 }), (e: unknown) => {
    assert.ok(e instanceof NonFiniteTrainingError);
    const origin = e.report.origin;
    assert.equal(origin?.phase, "forward");
    assert.equal(origin?.layer, "layer 1 (Linear)");
    assert.equal(origin?.before, "the start of epoch 1");
    assert.ok(origin.weightNormBefore! < 1, `initial norm ${origin.weightNormBefore}`);
    assert.ok(origin.weightNorm! > 1e20, `norm at the failure ${origin.weightNorm}`);
    assert.match(
      e.message,
      /weights norm [\d.e+]+; weights norm was 0\.\d+ at the start of epoch 1/,
    );
    return true;
  });
});
