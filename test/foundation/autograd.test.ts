// Reverse-mode autodiff behaviour: accumulation, detach, noGrad, explicit upstream gradients,
// misuse errors, deep graphs, and non-differentiable ops recording nothing.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isGradEnabled, noGrad } from "../../src/autograd/no-grad.js";
import { GradError } from "../../src/errors.js";
import { tensor } from "../../src/tensor/create.js";
import { NON_DIFFERENTIABLE_OPS } from "./op-specs.js";

const f64 = { dtype: "float64", requiresGrad: true } as const;

describe("autograd", () => {
  test("gradients accumulate over two backward calls", () => {
    const x = tensor([1, 2, 3], f64);
    x.mul(3).sum().backward();
    assert.deepEqual(Array.from(x.grad!.data), [3, 3, 3]);
    x.square().sum().backward(); // + 2x
    assert.deepEqual(Array.from(x.grad!.data), [5, 7, 9]);
  });

  test("the same graph can be backpropagated twice", () => {
    const x = tensor([2], f64);
    const y = x.mul(x).sum();
    y.backward();
    y.backward();
    assert.deepEqual(Array.from(x.grad!.data), [8]);
  });

  test("detach stops gradients but shares the values", () => {
    const x = tensor([1, 2], f64);
    const d = x.detach();
    assert.equal(d.requiresGrad, false);
    assert.deepEqual(Array.from(d.data), [1, 2]);
    // y = x + 5·stop(x): only the first term carries gradient
    x.add(d.mul(5)).sum().backward();
    assert.deepEqual(Array.from(x.grad!.data), [1, 1]);
    assert.equal(d.grad, null);
  });

  test("noGrad records nothing and restores the mode", () => {
    const x = tensor([1, 2], f64);
    assert.equal(isGradEnabled(), true);
    const y = noGrad(() => {
      assert.equal(isGradEnabled(), false);
      return x.mul(2).exp().sum();
    });
    assert.equal(y.requiresGrad, false);
    assert.equal(y.isLeaf, true, "no graph node recorded");
    assert.equal(isGradEnabled(), true);
    assert.throws(() => y.backward(), GradError);
    assert.equal(x.mul(2).requiresGrad, true, "recording resumes after noGrad");
  });

  test("noGrad restores the mode after an exception, also when nested", () => {
    assert.throws(
      () =>
        noGrad(() => {
          throw new Error("boom");
        }),
      /boom/,
    );
    assert.equal(isGradEnabled(), true);
    noGrad(() => {
      assert.throws(() =>
        noGrad(() => {
          throw new Error("inner");
        }),
      );
      assert.equal(isGradEnabled(), false, "inner noGrad restores the outer (disabled) mode");
    });
    assert.equal(isGradEnabled(), true);
  });

  test("backward with an explicit upstream gradient", () => {
    const x = tensor([1, 2, 3], f64);
    const w = tensor([4, 5, 6], f64);
    const y = x.mul(w); // non-scalar output
    y.backward(tensor([1, 0, -2], { dtype: "float64" }));
    assert.deepEqual(Array.from(x.grad!.data), [4, 0, -12]);
    assert.deepEqual(Array.from(w.grad!.data), [1, 0, -6]);
  });

  test("backward on a non-scalar without a gradient throws GradError naming the shape", () => {
    const y = tensor([[1, 2, 3]], f64).mul(tensor([[1], [2]], f64));
    assert.throws(
      () => y.backward(),
      (e: unknown) =>
        e instanceof GradError && /backward/.test(e.message) && /\[2, 3\]/.test(e.message),
    );
  });

  test("backward with a wrongly shaped gradient, or on a tensor without grad, throws GradError", () => {
    const y = tensor([1, 2], f64).mul(2);
    assert.throws(
      () => y.backward(tensor([1, 2, 3])),
      (e: unknown) => e instanceof GradError && /\[3\].*\[2\]/.test(e.message),
    );
    assert.throws(() => tensor([1]).mul(2).sum().backward(), GradError);
  });

  test("a single-element non-scalar ([1, 1]) backpropagates without a gradient", () => {
    const x = tensor([[3]], f64);
    x.mul(x).backward();
    assert.deepEqual(Array.from(x.grad!.data), [6]);
  });

  test("a deep chain of 10,000 adds does not overflow the stack", () => {
    const x = tensor([1], f64);
    let y = x;
    for (let i = 0; i < 10000; i++) y = y.add(x);
    y.sum().backward();
    assert.deepEqual(Array.from(x.grad!.data), [10001]);
  });

  test("a diamond (shared subexpression) gets the sum of both paths", () => {
    const x = tensor([2], f64);
    const h = x.mul(3); // dh/dx = 3
    h.square().add(h.exp()).sum().backward(); // d/dh = 2h + eʰ
    const want = 3 * (2 * 6 + Math.exp(6));
    assert.ok(Math.abs(x.grad!.data[0] - want) < 1e-9 * want);
  });

  test("inputs without requiresGrad get no gradient; grads have the leaf's dtype and shape", () => {
    const x = tensor([1, 2], { requiresGrad: true }); // float32
    const c = tensor([3, 4], { dtype: "float64" });
    x.mul(c).sum().backward(); // float32 · float64 → float64 graph
    assert.equal(c.grad, null);
    assert.equal(x.grad!.dtype, "float32");
    assert.deepEqual(x.grad!.shape, [2]);
    assert.deepEqual(Array.from(x.grad!.data), [3, 4]);
  });

  test("the gradient buffer never aliases the upstream gradient", () => {
    const x = tensor([1, 2], f64);
    const g = tensor([1, 1], { dtype: "float64" });
    x.backward(g);
    assert.notEqual(x.grad!.data, g.data);
    x.backward(g);
    assert.deepEqual(Array.from(g.data), [1, 1], "accumulation did not write into g");
    assert.deepEqual(Array.from(x.grad!.data), [2, 2]);
  });

  test("non-differentiable ops never require grad", () => {
    const x = tensor([[1, 5, 3]], f64);
    const y = tensor([[2, 5, 1]], f64);
    for (const spec of NON_DIFFERENTIABLE_OPS) {
      const out = spec.call(x, y);
      assert.equal(out.requiresGrad, false, spec.name);
      assert.equal(out.isLeaf, true, spec.name);
    }
  });
});
