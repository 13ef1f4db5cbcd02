// Sequential and the Module API through it: forward order, child and parameter names,
// stateDict/loadStateDict (round trip, strict keys, shapes), train()/eval() propagation, gradcheck,
// and the camelCase factories in layers.ts.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { ShapeError, ValueError } from "../errors.js";
import { randn, tensor } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { BatchNorm1d } from "./batch-norm.js";
import { Dropout } from "./dropout.js";
import { batchNorm1d, dense, dropout, linear, sequential } from "./layers.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";

const f64 = { dtype: "float64" } as const;

function mlp(seedValue: number): Sequential {
  const generator = new Random(seedValue);
  return new Sequential(
    new Linear(3, 4, { generator }),
    new BatchNorm1d(4),
    new Dropout(0.5, { generator }),
    new Linear(4, 2, { generator }),
  );
}

describe("Sequential forward", () => {
  test("applies the layers in order (hand numbers)", () => {
    const l1 = new Linear(2, 2, { bias: false });
    l1.weight.data.set([1, 1, 0, 2]); // h = [x0 + x1, 2·x1]
    const l2 = new Linear(2, 1);
    l2.weight.data.set([3, -1]); // y = 3·h0 − h1 + 1
    l2.bias!.data.set([1]);
    const y = new Sequential(l1, l2).forward(tensor([[1, 2]]));
    // h = [3, 4]; y = 9 − 4 + 1 = 6 (the reverse order would give a different number)
    assert.deepEqual(y.toArray(), [[6]]);
  });

  test("empty Sequential is the identity; non-modules are rejected", () => {
    const x = tensor([1, 2]);
    assert.equal(new Sequential().forward(x), x);
    assert.throws(() => new Sequential({} as Module), ValueError);
  });

  test("gradcheck of a Sequential of Linear layers w.r.t. x and every parameter", () => {
    const g = new Random(31);
    const [W1, b1, W2, b2] = [
      randn([4, 3], { ...f64, generator: g }),
      randn([4], { ...f64, generator: g }),
      randn([2, 4], { ...f64, generator: g }),
      randn([2], { ...f64, generator: g }),
    ];
    const x = randn([5, 3], { ...f64, generator: g });
    const build = (ws: Tensor[]): Sequential => {
      const a = new Linear(3, 4, f64);
      const b = new Linear(4, 2, f64);
      Object.assign(a, { weight: ws[0], bias: ws[1] });
      Object.assign(b, { weight: ws[2], bias: ws[3] });
      return new Sequential(a, b);
    };
    const r = gradcheck((xi, ...ws) => build(ws).forward(xi), [x, W1, b1, W2, b2]);
    assert.ok(r.ok, JSON.stringify(r.worst));
    assert.equal(r.checked, 15 + 12 + 4 + 8 + 2);
  });
});

describe("Module API through Sequential", () => {
  test("children named 0, 1, …; dotted parameter and buffer names", () => {
    const m = mlp(1);
    assert.deepEqual(
      m.namedChildren().map(([n]) => n),
      ["0", "1", "2", "3"],
    );
    assert.equal(m.layers.length, 4);
    assert.ok(m.layers[1] instanceof BatchNorm1d);
    assert.deepEqual(
      m.namedParameters().map(([n]) => n),
      ["0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"],
    );
    assert.equal(m.parameters().length, 6);
    assert.equal(m.parameterCount(), 12 + 4 + 4 + 4 + 8 + 2);
    assert.deepEqual(Object.keys(m.stateDict()), [
      "0.weight",
      "0.bias",
      "1.weight",
      "1.bias",
      "3.weight",
      "3.bias",
      "1.runningMean",
      "1.runningVar",
      "1.numBatchesTracked",
    ]);
    assert.equal(m.typeName, "Sequential");
    assert.deepEqual(m.config(), {});
  });

  test("stateDict → loadStateDict round trip copies values (not tensors)", () => {
    const a = mlp(1);
    const b = mlp(2);
    a.forward(randn([6, 3], { generator: new Random(3) })); // moves a's running stats
    const x = randn([6, 3], { generator: new Random(4) });
    a.eval();
    b.eval();
    assert.notDeepEqual(b.forward(x).toArray(), a.forward(x).toArray());
    const bWeight = (b.layers[0] as Linear).weight;
    b.loadStateDict(a.stateDict());
    assert.deepEqual(b.forward(x).toArray(), a.forward(x).toArray());
    assert.equal((b.layers[0] as Linear).weight, bWeight, "same tensor object, new values");
    assert.notEqual(bWeight, (a.layers[0] as Linear).weight);
    assert.equal((b.layers[1] as BatchNorm1d).numBatchesTracked!.item(), 1);
  });

  test("strict loading rejects missing and unexpected keys, naming them", () => {
    const state = { ...mlp(1).stateDict() };
    delete state["3.bias"];
    assert.throws(
      () => mlp(2).loadStateDict(state),
      (e: unknown) => e instanceof ValueError && e.message.includes("3.bias"),
    );
    const extra = { ...mlp(1).stateDict(), "9.weight": tensor([1]) };
    assert.throws(
      () => mlp(2).loadStateDict(extra),
      (e: unknown) => e instanceof ValueError && e.message.includes("9.weight"),
    );
    // non-strict: the keys that exist are loaded
    const target = mlp(2);
    target.loadStateDict(state, false);
    assert.deepEqual(
      Array.from((target.layers[3] as Linear).weight.data),
      Array.from(state["3.weight"].data),
    );
  });

  test("a shape mismatch throws ShapeError naming the key and both shapes", () => {
    const small = new Sequential(new Linear(2, 3));
    const other = new Sequential(new Linear(2, 4));
    assert.throws(
      () => other.loadStateDict(small.stateDict()),
      (e: unknown) =>
        e instanceof ShapeError &&
        e.message.includes("0.weight") &&
        e.message.includes("[3, 2]") &&
        e.message.includes("[4, 2]"),
    );
  });

  test("train()/eval() propagate to every child and change behaviour", () => {
    const m = mlp(1);
    m.eval();
    assert.ok(m.layers.every((l) => !l.isTraining));
    assert.equal(m.isTraining, false);
    const x = randn([1, 3]); // N = 1 works only in eval mode (BatchNorm)
    const y1 = m.forward(x).toArray();
    assert.deepEqual(m.forward(x).toArray(), y1, "deterministic: no dropout in eval");
    m.train();
    assert.ok(m.layers.every((l) => l.isTraining));
    assert.throws(() => m.forward(x), ValueError);
  });
});

describe("factories (layers.ts)", () => {
  test("linear/dense, batchNorm1d, dropout, sequential build the classes", () => {
    const l = linear(3, 2, { bias: false });
    assert.ok(l instanceof Linear);
    assert.equal(l.bias, null);
    assert.equal(dense, linear);
    assert.ok(dense(2, 2) instanceof Linear);
    const bn = batchNorm1d(3, { momentum: 0.2 });
    assert.ok(bn instanceof BatchNorm1d);
    assert.equal(bn.momentum, 0.2);
    const d = dropout(0.25);
    assert.ok(d instanceof Dropout);
    assert.equal(d.p, 0.25);
    assert.equal(dropout().p, 0.5);
    const s = sequential(l, d);
    assert.ok(s instanceof Sequential);
    assert.deepEqual(s.layers, [l, d]);
    assert.deepEqual(s.forward(randn([4, 3])).shape, [4, 2]);
  });
});
