// Synthetic sets: shapes, balanced classes, determinism per seed, the global stream left alone
// with a seed, and each set's geometry checked against its closed form at noise 0.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ValueError } from "../errors.js";
import { globalRandom, Random, seed } from "../tensor/random.js";
import type { Dataset } from "./dataset.js";
import { circles, gaussianBlobs, moons, polynomial, sine, twoSpirals, xor } from "./synthetic.js";

const CLASSIFIERS = { xor, circles, moons, twoSpirals } as const;

function counts(ds: Dataset, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const v of ds.y.data) c[v]++;
  return c;
}

function bytesEqual(a: Dataset, b: Dataset): boolean {
  const eq = (p: ArrayLike<number>, q: ArrayLike<number>): boolean =>
    p.length === q.length && Array.from(p).every((v, i) => Object.is(v, q[i]));
  return eq(a.x.data, b.x.data) && eq(a.y.data, b.y.data);
}

describe("synthetic binary sets", () => {
  for (const [name, make] of Object.entries(CLASSIFIERS)) {
    test(`${name}: shapes, balanced labels, seeded determinism, global stream untouched`, () => {
      const before = globalRandom.getState();
      const a = make({ n: 101, noise: 0.1, seed: 7 });
      assert.deepEqual(globalRandom.getState(), before, "a seeded call must not draw globally");
      assert.deepEqual(a.x.shape, [101, 2]);
      assert.deepEqual(a.y.shape, [101]);
      assert.equal(a.task, "binary");
      assert.deepEqual(counts(a, 2), [51, 50]);
      assert.ok(bytesEqual(a, make({ n: 101, noise: 0.1, seed: 7 })), "same seed, same bytes");
      assert.ok(!bytesEqual(a, make({ n: 101, noise: 0.1, seed: 8 })), "another seed differs");
      assert.ok(Array.from(a.x.data).every(Number.isFinite));
    });

    test(`${name}: without a seed it draws from the global generator`, () => {
      seed(3);
      const a = make({ n: 20, noise: 0.2 });
      seed(3);
      const b = make({ n: 20, noise: 0.2 });
      assert.ok(bytesEqual(a, b));
      const c = make({ n: 20, noise: 0.2, generator: new Random(3) });
      assert.equal(c.x.shape[0], 20);
    });
  }

  test("bad options → ValueError", () => {
    assert.throws(() => xor({ n: 0 }), ValueError);
    assert.throws(() => xor({ n: 2.5 }), ValueError);
    assert.throws(() => moons({ noise: -1 }), ValueError);
    assert.throws(() => circles({ factor: 1 }), ValueError);
    assert.throws(() => twoSpirals({ turns: 0 }), ValueError);
  });
});

describe("synthetic geometry at noise 0", () => {
  const rows = (ds: Dataset): [number, number, number][] =>
    Array.from({ length: ds.y.size }, (_, i) => [
      ds.x.data[2 * i],
      ds.x.data[2 * i + 1],
      ds.y.data[i],
    ]);

  test("xor: label 1 exactly when the coordinates have opposite signs; points in [−1, 1]²", () => {
    for (const [a, b, label] of rows(xor({ n: 400, seed: 1 }))) {
      assert.ok(Math.abs(a) <= 1 && Math.abs(b) <= 1);
      assert.equal(a * b < 0 ? 1 : 0, label);
    }
  });

  test("circles: class 0 on radius 1, class 1 on radius factor", () => {
    for (const [a, b, label] of rows(circles({ n: 200, factor: 0.5, seed: 1 }))) {
      assert.ok(Math.abs(Math.hypot(a, b) - (label === 0 ? 1 : 0.5)) < 1e-6);
    }
  });

  test("circles with noise: mean radius of each class stays near its circle", () => {
    const r = [0, 0];
    const ds = circles({ n: 2000, noise: 0.05, factor: 0.3, seed: 2 });
    for (const [a, b, label] of rows(ds)) r[label] += Math.hypot(a, b) / 1000;
    assert.ok(Math.abs(r[0] - 1) < 0.02 && Math.abs(r[1] - 0.3) < 0.02, `radii ${r}`);
  });

  test("moons: class 0 on the unit upper half circle, class 1 on the shifted lower one", () => {
    for (const [a, b, label] of rows(moons({ n: 200, seed: 1 }))) {
      if (label === 0) {
        assert.ok(Math.abs(Math.hypot(a, b) - 1) < 1e-6 && b >= -1e-7);
      } else {
        assert.ok(Math.abs(Math.hypot(a - 1, b - 0.5) - 1) < 1e-6 && b <= 0.5 + 1e-7);
      }
    }
  });

  test("twoSpirals: class 1 is the point reflection of class 0; angle = 2π·turns·radius", () => {
    const ds = twoSpirals({ n: 200, turns: 1.5, seed: 1 });
    const r = rows(ds);
    for (let i = 0; i < 100; i++) {
      const [a0, b0] = r[2 * i];
      const [a1, b1] = r[2 * i + 1];
      assert.ok(a1 === -a0 && b1 === -b0, `pair ${i}: (${a0}, ${b0}) vs (${a1}, ${b1})`);
      const rho = Math.hypot(a0, b0);
      assert.ok(Math.abs(rho - i / 100) < 1e-6);
      if (rho > 0.05) {
        const phi = 2 * Math.PI * 1.5 * (i / 100);
        assert.ok(
          Math.abs(a0 - rho * Math.cos(phi)) < 1e-6 && Math.abs(b0 - rho * Math.sin(phi)) < 1e-6,
        );
      }
    }
  });

  test("gaussianBlobs: shapes, balanced classes, per-class spread ≈ std, means in the box", () => {
    const ds = gaussianBlobs({ n: 3000, k: 3, std: 0.5, dim: 4, seed: 5 });
    assert.deepEqual(ds.x.shape, [3000, 4]);
    assert.equal(ds.task, "multiclass");
    assert.deepEqual(counts(ds, 3), [1000, 1000, 1000]);
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        let s2 = 0;
        for (let i = c; i < 3000; i += 3) {
          s += ds.x.data[i * 4 + j];
          s2 += ds.x.data[i * 4 + j] ** 2;
        }
        const mean = s / 1000;
        const sd = Math.sqrt(s2 / 1000 - mean * mean);
        assert.ok(mean > -10.2 && mean < 10.2, `mean ${mean}`);
        assert.ok(Math.abs(sd - 0.5) < 0.05, `class ${c} feature ${j}: sd ${sd}`);
      }
    }
    assert.equal(gaussianBlobs({ n: 10, k: 2, seed: 1 }).task, "binary");
  });

  test("sine: y = sin(x), x in [−π, π]; with noise the residual sd ≈ noise", () => {
    const clean = sine({ n: 300, seed: 1 });
    assert.deepEqual(clean.y.shape, [300, 1]);
    assert.equal(clean.task, "regression");
    for (let i = 0; i < 300; i++) {
      const x = clean.x.data[i];
      assert.ok(Math.abs(x) <= Math.PI + 1e-6);
      assert.ok(Math.abs(clean.y.data[i] - Math.sin(x)) < 1e-6);
    }
    const noisy = sine({ n: 5000, noise: 0.1, seed: 1, dtype: "float64" });
    let ss = 0;
    for (let i = 0; i < 5000; i++) ss += (noisy.y.data[i] - Math.sin(noisy.x.data[i])) ** 2;
    assert.ok(Math.abs(Math.sqrt(ss / 5000) - 0.1) < 0.005);
  });

  test("polynomial: coefficients in ascending order, y = 1 + 2x − 3x²", () => {
    const ds = polynomial({
      n: 100,
      coeffs: [1, 2, -3],
      range: [-2, 2],
      seed: 1,
      dtype: "float64",
    });
    for (let i = 0; i < 100; i++) {
      const x = ds.x.data[i];
      assert.ok(x >= -2 && x <= 2);
      assert.ok(Math.abs(ds.y.data[i] - (1 + 2 * x - 3 * x * x)) < 1e-12);
    }
    assert.throws(() => polynomial({ coeffs: [] }), ValueError);
  });
});
