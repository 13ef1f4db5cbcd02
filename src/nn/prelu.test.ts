// PReLU: the slope is a parameter (one, or one per channel of axis 1) initialised to `init`;
// forward equals activations.prelu; ∂L/∂a is the closed form Σ dY·x over x ≤ 0; training moves
// a; the model-file description round-trips with the learnt slopes; configs are validated.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as A from "../activations/index.js";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import * as L from "./activations.js";
import { PReLU } from "./prelu.js";
import { buildModule, countElements, describeModule, LAYER_TYPES } from "./registry.js";
import { Sequential } from "./sequential.js";
import { Linear } from "./linear.js";
import { Random } from "../tensor/random.js";

const f64 = { dtype: "float64" as const };

describe("PReLU", () => {
  test("defaults: one slope 0.25 (float32), typeName, config, factory and nn.activation", () => {
    const m = new PReLU();
    assert.equal(m.typeName, "PReLU");
    assert.deepEqual(m.config(), { numParameters: 1, init: 0.25 });
    assert.deepEqual(m.weight.shape, [1]);
    assert.equal(m.weight.dtype, "float32");
    assert.deepEqual(Array.from(m.weight.data), [0.25]);
    assert.equal(m.parameterCount(), 1);
    assert.deepEqual(Object.keys(m.stateDict()), ["weight"]);
    assert.ok(L.prelu() instanceof PReLU);
    assert.ok(L.activation("prelu") instanceof PReLU);
    assert.ok(LAYER_TYPES.includes("PReLU"));
    assert.equal(L.activationKernelOf(m), null); // no fused kernel: the generic path runs it
  });

  test("forward equals activations.prelu at the initial slope, for any rank", () => {
    const x = tensor([[-2, -0.5, 0, 0.5, 3]], f64);
    const y = new PReLU({ dtype: "float64" }).forward(x);
    assert.deepEqual(Array.from(y.data), [-0.5, -0.125, 0, 0.5, 3]);
    assert.deepEqual(Array.from(A.prelu(x).data), Array.from(y.data));
    assert.equal(new PReLU({ init: -1 }).forward(tensor(-3)).item(), 3); // rank 0: one channel
  });

  test("per channel: slope c applies to x[:, c, …]; ∂L/∂a_c = Σ dY·x over x ≤ 0 (closed form)", () => {
    const m = new PReLU({ numParameters: 3, init: 0.1, dtype: "float64" });
    m.weight.data.set([0.1, 0.2, -0.5]);
    const x = new Tensor(
      Float64Array.from([-1, 2, -3, 4, -5, 6, -7, -8, 9, 10, -11, 12]),
      [2, 3, 2],
      true,
    );
    const y = m.forward(x);
    const dY = new Tensor(
      Float64Array.from({ length: 12 }, (_, i) => 1 + i / 10),
      [2, 3, 2],
    );
    y.backward(dY);
    const dA = [0, 0, 0];
    for (let n = 0; n < 2; n++)
      for (let c = 0; c < 3; c++)
        for (let l = 0; l < 2; l++) {
          const i = n * 6 + c * 2 + l;
          const a = m.weight.data[c];
          const v = x.data[i];
          assert.equal(y.data[i], v > 0 ? v : a * v);
          assert.equal(x.grad!.data[i], dY.data[i] * (v > 0 ? 1 : a));
          if (v <= 0) dA[c] += dY.data[i] * v;
        }
    Array.from(m.weight.grad!.data).forEach((g, c) => assert.ok(Math.abs(g - dA[c]) < 1e-12));
  });

  test("a wrong number of slopes for the input → ShapeError naming both shapes", () => {
    assert.throws(
      () => new PReLU({ numParameters: 3 }).forward(tensor([[1, 2, 3, 4]])),
      /prelu: weight of shape \[3\] does not fit input \[1, 4\].*C = 4/,
    );
    assert.throws(() => new PReLU({ numParameters: 3 }).forward(tensor([1, 2, 3])), /C = 1/);
  });

  test("training moves the slope (it is a parameter the optimizer sees)", () => {
    const g = new Random(5);
    const model = new Sequential(
      new Linear(2, 4, { generator: g }),
      new PReLU({ numParameters: 4 }),
    );
    assert.equal(model.parameters().length, 3);
    const x = tensor([
      [-1, 2],
      [3, -4],
      [-0.5, -0.5],
    ]);
    model.forward(x).square().sum().backward();
    const a = model.stateDict()["1.weight"];
    assert.ok(a.grad !== null && a.grad.data.some((v) => v !== 0));
  });

  test("describe → build keeps config and dtype; the learnt slopes travel as state", () => {
    const m = new Sequential(new PReLU({ numParameters: 5, init: 0.1, dtype: "float64" }));
    m.stateDict()["0.weight"].data.set([0.3, -0.2, 0.1, 0, 0.7]);
    const desc = describeModule(m);
    assert.deepEqual(desc.children![0], { type: "PReLU", config: { numParameters: 5, init: 0.1 } });
    assert.equal(countElements(desc), 5);
    const rebuilt = buildModule(JSON.parse(JSON.stringify(desc)) as typeof desc, {
      stateDType: (name) => (name === "0.weight" ? "float64" : undefined),
    });
    assert.equal(rebuilt.stateDict()["0.weight"].dtype, "float64");
    assert.deepEqual(Array.from(rebuilt.stateDict()["0.weight"].data), [0.1, 0.1, 0.1, 0.1, 0.1]);
    rebuilt.loadStateDict(m.stateDict());
    const x = tensor([[-1, -1, -1, -1, -1]], f64);
    assert.deepEqual(Array.from(rebuilt.forward(x).data), [-0.3, 0.2, -0.1, -0, -0.7]);
  });

  test("constructor and fromConfig validate numParameters and init", () => {
    assert.throws(() => new PReLU({ numParameters: 0 }), /PReLU: numParameters must be an integer/);
    assert.throws(() => new PReLU({ numParameters: 1.5 }), /numParameters/);
    assert.throws(() => new PReLU({ init: NaN }), /PReLU: init must be a finite number/);
    assert.throws(() => PReLU.fromConfig({ numParameters: -2 }, []), /config.numParameters/);
    assert.throws(() => PReLU.fromConfig({ numParameters: 2, init: "x" }, []), /config.init/);
    assert.throws(() => PReLU.elements({ numParameters: 2 ** 30 }), /config.numParameters/);
    assert.deepEqual(PReLU.fromConfig({ numParameters: 2 }, []).config(), {
      numParameters: 2,
      init: 0.25,
    });
  });
});
