// The backward sweep's bookkeeping: pending gradients kept on tensors must never leak out of a
// pass (after a throwing backward rule), a pass started inside another gets its own, and summed
// or adopted gradients never alias each other.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { result } from "../ops/define.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";

/** y = x (copy) with a backward rule of our choosing. */
function identityWith(x: Tensor, rule: (dY: Tensor) => Tensor): Tensor {
  return result("probe", x.data.slice(), x.shape, [x], (dY) => [rule(dY)]);
}

describe("backward bookkeeping", () => {
  test("a throwing backward rule leaves no pending gradient behind", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    // w feeds the throwing probe and a mul: the mul's gradient (3) is pending on w when it throws
    const bad = identityWith(w, () => {
      throw new Error("boom");
    });
    const loss = bad.sum().add(w.mul(3).sum());
    assert.throws(() => loss.backward(), /boom/);
    w.grad = null;
    w.mul(2).sum().backward(); // dw = 2, with nothing left over from the failed pass
    assert.deepEqual(Array.from(w.grad!.data), [2, 2]);
  });

  test("a pass started inside a backward rule has its own bookkeeping", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const v = tensor([5], { requiresGrad: true });
    const inner = w.mul(10).sum(); // built outside: backward rules run under noGrad
    const probe = identityWith(w, (dY) => {
      inner.backward(); // nested pass: dw += 10
      return dY;
    });
    probe.mul(v).sum().backward(); // outer: dw += v = 5, dv = w₀ + w₁ = 3
    assert.deepEqual(Array.from(w.grad!.data), [15, 15]);
    assert.deepEqual(Array.from(v.grad!.data), [3]);
  });

  test("a gradient summed over two paths is correct and owned by one tensor only", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    const s = a.add(a); // da = dS + dS (a fresh sum)
    s.add(b).sum().backward(); // db = dY itself
    assert.deepEqual(Array.from(a.grad!.data), [2, 2]);
    assert.deepEqual(Array.from(b.grad!.data), [1, 1]);
    a.grad!.data[0] = 7;
    assert.equal(b.grad!.data[0], 1);
  });

  test("gradients accumulate over passes and reset by setting grad to null", () => {
    const x = tensor([2], { requiresGrad: true });
    x.mul(x).sum().backward(); // 2x = 4
    x.mul(x).sum().backward(); // + 4
    assert.deepEqual(Array.from(x.grad!.data), [8]);
    x.grad = null;
    x.mean().backward(); // 1
    assert.deepEqual(Array.from(x.grad!.data), [1]);
  });
});
