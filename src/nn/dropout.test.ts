// Dropout: kept fraction ≈ 1 − p, survivors scaled by 1/(1 − p), eval identity, p = 0 and p = 1,
// seeded masks, and gradcheck with a fixed mask.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { ValueError } from "../errors.js";
import { ones, randn } from "../tensor/create.js";
import { Random, seed } from "../tensor/random.js";
import { Dropout } from "./dropout.js";

describe("Dropout (train mode)", () => {
  test("keeps a fraction ≈ 1 − p of 1e5 elements, each scaled by 1/(1 − p)", () => {
    const p = 0.3;
    const y = new Dropout(p, { generator: new Random(1) }).forward(ones([100000]));
    const kept = Array.from(y.data).filter((v) => v !== 0);
    // binomial standard error √(0.21/1e5) ≈ 0.0015; allow 0.01
    assert.ok(Math.abs(kept.length / 1e5 - 0.7) < 0.01, `kept ${kept.length}`);
    const scale = Math.fround(1 / 0.7);
    assert.ok(kept.every((v) => v === scale));
    // inverted dropout keeps the expectation: mean(y) ≈ 1
    const mean = Array.from(y.data).reduce((s, v) => s + v, 0) / 1e5;
    assert.ok(Math.abs(mean - 1) < 0.015, `mean ${mean}`);
  });

  test("a fresh mask each call; seeded generators reproduce masks", () => {
    const a = new Dropout(0.5, { generator: new Random(9) });
    const b = new Dropout(0.5, { generator: new Random(9) });
    const x = ones([64]);
    const a1 = Array.from(a.forward(x).data);
    assert.deepEqual(a1, Array.from(b.forward(x).data));
    assert.notDeepEqual(a1, Array.from(a.forward(x).data));
  });

  test("the global generator by default, following seed()", () => {
    const d = new Dropout(0.5);
    seed(5);
    const first = Array.from(d.forward(ones([64])).data);
    seed(5);
    assert.deepEqual(Array.from(d.forward(ones([64])).data), first);
  });

  test("backward: dx = dY ⊙ mask", () => {
    const x = ones([200], { dtype: "float64", requiresGrad: true });
    const y = new Dropout(0.4, { generator: new Random(2) }).forward(x);
    y.sum().backward();
    assert.deepEqual(Array.from(x.grad!.data), Array.from(y.data));
  });

  test("gradcheck with a fixed mask (generator re-seeded per call)", () => {
    const g = new Random(0);
    const d = new Dropout(0.5, { generator: g });
    const x = randn([4, 5], { dtype: "float64", generator: new Random(3) });
    const r = gradcheck(
      (xi) => {
        g.seed(77);
        return d.forward(xi);
      },
      [x],
    );
    assert.ok(r.ok, JSON.stringify(r.worst));
    assert.equal(r.checked, 20);
  });

  test("p = 0 is the identity; p = 1 gives zeros and zero gradient", () => {
    const x = randn([3, 4], { dtype: "float64", requiresGrad: true });
    assert.deepEqual(new Dropout(0).forward(x).toArray(), x.toArray());
    const y = new Dropout(1).forward(x);
    assert.ok(Array.from(y.data).every((v) => v === 0));
    y.sum().backward();
    assert.ok(Array.from(x.grad!.data).every((v) => v === 0));
  });
});

describe("Dropout (eval mode) and arguments", () => {
  test("eval is the identity", () => {
    const x = randn([10, 10]);
    const d = new Dropout(0.9).eval();
    assert.deepEqual(d.forward(x).toArray(), x.toArray());
    const r = gradcheck((xi) => d.forward(xi).mul(1), [x.to("float64")]);
    assert.ok(r.ok);
  });

  test("p outside [0, 1] throws ValueError", () => {
    for (const p of [-0.1, 1.5, NaN]) {
      assert.throws(
        () => new Dropout(p),
        (e: unknown) => e instanceof ValueError && e.message.includes(String(p)),
      );
    }
  });

  test("typeName, config, default p", () => {
    const d = new Dropout();
    assert.equal(d.p, 0.5);
    assert.equal(d.typeName, "Dropout");
    assert.deepEqual(d.config(), { p: 0.5 });
    assert.deepEqual(d.parameters(), []);
  });
});
