// tanhF32 against Math.tanh: within 3e-8 relative (half a float32 ulp) over the whole range,
// exact at the special values, and equal after float32 rounding for all but a few inputs.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Random } from "../../tensor/random.js";
import { tanhF32 } from "./activation.js";

describe("tanhF32", () => {
  test("relative error ≤ 3e-8 on 200k points across [−12, 12] and near 0", () => {
    const rng = new Random(1);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const scale = i % 3 === 0 ? 1e-3 : i % 3 === 1 ? 0.6 : 12;
      const x = (2 * rng.uniform() - 1) * scale;
      const exact = Math.tanh(x);
      const err = Math.abs(tanhF32(x) - exact) / Math.abs(exact);
      worst = Math.max(worst, err);
    }
    assert.ok(worst <= 3e-8, `worst relative error ${worst}`);
  });

  test("branch edges and special values", () => {
    for (const x of [0.3, -0.3, 0.29999999, 9.1, -9.1, 9.09999, 1e-30, 1, -1]) {
      const err = Math.abs(tanhF32(x) - Math.tanh(x)) / Math.abs(Math.tanh(x));
      assert.ok(err <= 3e-8, `x = ${x}: ${tanhF32(x)} vs ${Math.tanh(x)}`);
    }
    assert.ok(Object.is(tanhF32(0), 0));
    assert.ok(Object.is(tanhF32(-0), -0));
    assert.ok(Number.isNaN(tanhF32(NaN)));
    assert.equal(tanhF32(Infinity), 1);
    assert.equal(tanhF32(-Infinity), -1);
    assert.equal(tanhF32(50), 1);
  });

  test("after float32 rounding it matches Math.tanh on ≥ 99% of inputs, else by 1 ulp", () => {
    const rng = new Random(2);
    const f = new Float32Array(2);
    const u = new Uint32Array(f.buffer);
    let same = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = (2 * rng.uniform() - 1) * 5;
      f[0] = tanhF32(x);
      f[1] = Math.tanh(x);
      if (f[0] === f[1]) same++;
      else assert.equal(Math.abs(u[0] - u[1]), 1, `x = ${x}`);
    }
    assert.ok(same >= 0.99 * n, `${same} of ${n} equal`);
  });
});
