// The fused Linear-stack path against the generic one (layers run op by op): same outputs and
// gradients on random MLPs (float64 to 1e-12, float32 to 1e-5), gradcheck through the fused op,
// and the cases that must keep generic behaviour (noGrad, frozen parameters, fallbacks).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { noGrad } from "../autograd/no-grad.js";
import { loadWasmBackend, setBackend } from "../backend/index.js";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { ShapeError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import { fromData } from "../tensor/create.js";
import { Random, seed } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { BatchNorm1d } from "./batch-norm.js";
import { Dropout } from "./dropout.js";
import { ELU, Identity, LeakyReLU, ReLU, Sigmoid, Tanh } from "./activations.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";
import { setFusionEnabled } from "./fusion.js";
import { planSegments, planStack } from "./stack-plan.js";

const ACTS: (() => Module)[] = [
  () => new Tanh(),
  () => new Sigmoid(),
  () => new ReLU(),
  () => new LeakyReLU({ negativeSlope: 0.2 }),
  () => new LeakyReLU({ negativeSlope: -0.5 }),
  () => new Identity(),
];

/** A random MLP: 1–4 Linear layers, random widths, random activations (or none), random bias. */
function randomMlp(rng: Random, dtype: DType): { model: Sequential; D: number } {
  const depth = 1 + rng.int(4);
  const widths = [1 + rng.int(6)];
  const layers: Module[] = [];
  for (let k = 0; k < depth; k++) {
    widths.push(1 + rng.int(7));
    layers.push(
      new Linear(widths[k], widths[k + 1], { dtype, bias: rng.int(4) !== 0, generator: rng }),
    );
    const a = rng.int(ACTS.length + 1);
    if (a < ACTS.length) layers.push(ACTS[a]());
  }
  return { model: new Sequential(...layers), D: widths[0] };
}

function randomTensor(rng: Random, shape: number[], dtype: DType, scale = 1): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const data = dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = scale * rng.normal();
  return fromData(data, shape);
}

/** Output, input gradient and parameter gradients of Σ y·r, with fusion on or off. */
function run(model: Sequential, x: Tensor, r: Tensor, fused: boolean) {
  const previous = setFusionEnabled(fused);
  try {
    for (const p of model.parameters()) p.grad = null;
    x.grad = null;
    const y = model.forward(x);
    y.mul(r).sum().backward();
    return {
      y: Array.from(y.data),
      dx: x.grad === null ? null : Array.from((x.grad as Tensor).data),
      dParams: model.parameters().map((p) => (p.grad === null ? null : Array.from(p.grad.data))),
    };
  } finally {
    setFusionEnabled(previous);
  }
}

function assertClose(a: number[] | null, b: number[] | null, tol: number, what: string): void {
  assert.equal(a === null, b === null, `${what}: one side has no gradient`);
  if (a === null || b === null) return;
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    assert.ok(err <= tol, `${what}[${i}]: fused ${a[i]} vs generic ${b[i]}`);
  }
}

describe("fused Linear stack equals the generic path", () => {
  for (const [dtype, tol] of [
    ["float64", 1e-12],
    ["float32", 1e-5],
  ] as const) {
    test(`${dtype}: outputs and gradients of 60 random MLPs`, () => {
      const rng = new Random(dtype === "float64" ? 1 : 2);
      for (let trial = 0; trial < 60; trial++) {
        const { model, D } = randomMlp(rng, dtype);
        assert.notEqual(planStack(model.layers), null, "the random MLP should be fusable");
        const N = 1 + rng.int(5);
        const x = randomTensor(rng, [N, D], dtype, 2);
        x.requiresGrad = rng.int(2) === 0;
        const outShape = model.forward(x).shape as number[];
        const r = randomTensor(rng, outShape, dtype);
        const fused = run(model, x, r, true);
        const generic = run(model, x, r, false);
        const what = `trial ${trial}`;
        assertClose(fused.y, generic.y, tol, `${what} y`);
        assertClose(fused.dx, generic.dx, tol, `${what} dx`);
        fused.dParams.forEach((g, i) =>
          assertClose(g, generic.dParams[i], tol, `${what} param ${i}`),
        );
      }
    });
  }

  test("gradients accumulate over two backward passes as in the generic path", () => {
    const rng = new Random(3);
    const model = new Sequential(
      new Linear(3, 4, { generator: rng }),
      new Tanh(),
      new Linear(4, 2, { generator: rng }),
    );
    const x1 = randomTensor(rng, [2, 3], "float32");
    const x2 = randomTensor(rng, [5, 3], "float32");
    const grads = (fused: boolean): number[][] => {
      const previous = setFusionEnabled(fused);
      for (const p of model.parameters()) p.grad = null;
      const y1 = model.forward(x1); // two graphs alive at once: each keeps its own activations
      const y2 = model.forward(x2);
      y2.square().sum().backward();
      y1.sum().backward();
      setFusionEnabled(previous);
      return model.parameters().map((p) => Array.from(p.grad!.data));
    };
    const f = grads(true);
    const g = grads(false);
    f.forEach((a, i) => assertClose(a, g[i], 1e-5, `param ${i}`));
  });

  test("the same model twice in one graph", () => {
    const rng = new Random(4);
    const model = new Sequential(
      new Linear(2, 2, { dtype: "float64", generator: rng }),
      new Sigmoid(),
    );
    const x = randomTensor(rng, [3, 2], "float64");
    const grads = (fused: boolean): number[][] => {
      const previous = setFusionEnabled(fused);
      for (const p of model.parameters()) p.grad = null;
      model.forward(model.forward(x)).sum().backward();
      setFusionEnabled(previous);
      return model.parameters().map((p) => Array.from(p.grad!.data));
    };
    const f = grads(true);
    const g = grads(false);
    f.forEach((a, i) => assertClose(a, g[i], 1e-12, `param ${i}`));
  });
});

describe("fused Linear stack on the wasm backend", () => {
  test("large products go to the active backend and agree with the generic js path", () => {
    if (!loadWasmBackend()) return assert.fail("WebAssembly SIMD is unavailable on this engine");
    const rng = new Random(10);
    const model = new Sequential(
      new Linear(16, 32, { generator: rng }),
      new Tanh(),
      new Linear(32, 16, { generator: rng }),
      new Sigmoid(),
    );
    const x = randomTensor(rng, [16, 16], "float32");
    x.requiresGrad = true;
    const r = randomTensor(rng, [16, 16], "float32");
    const generic = run(model, x, r, false);
    setBackend("wasm");
    try {
      const fused = run(model, x, r, true);
      assertClose(fused.y, generic.y, 1e-5, "y");
      assertClose(fused.dx, generic.dx, 1e-5, "dx");
      fused.dParams.forEach((g, i) => assertClose(g, generic.dParams[i], 1e-5, `param ${i}`));
    } finally {
      setBackend("js");
    }
  });
});

describe("fused Linear stack: gradients handed over without copies", () => {
  test("a gradient passed through a non-leaf to two leaves is not shared by them", () => {
    const rng = new Random(8);
    const model = new Sequential(new Linear(2, 1, { generator: rng }));
    const a = randomTensor(rng, [3, 2], "float32");
    const b = randomTensor(rng, [3, 2], "float32");
    a.requiresGrad = true;
    b.requiresGrad = true;
    model.forward(a.add(b)).sum().backward(); // add's backward returns dX for both a and b
    assert.deepEqual(Array.from(a.grad!.data), Array.from(b.grad!.data));
    a.grad!.data[0] += 1;
    assert.notEqual(a.grad!.data[0], b.grad!.data[0], "a.grad and b.grad must not alias");
  });

  test("parameter gradients are distinct arrays that later passes add into", () => {
    const rng = new Random(9);
    const model = new Sequential(new Linear(2, 2, { dtype: "float64", generator: rng }));
    const x = randomTensor(rng, [1, 2], "float64");
    model.forward(x).sum().backward();
    const [W, b] = model.parameters();
    const once = Array.from(W.grad!.data);
    assert.deepEqual(Array.from(b.grad!.data), [1, 1]); // db = Σ_n dY = 1 per unit
    model.forward(x).sum().backward();
    assert.deepEqual(
      Array.from(W.grad!.data),
      once.map((v) => 2 * v),
    );
    assert.deepEqual(Array.from(b.grad!.data), [2, 2]);
  });
});

describe("fused Linear stack: gradcheck (float64)", () => {
  for (const [name, act] of [
    ["tanh", () => new Tanh()],
    ["sigmoid", () => new Sigmoid()],
    ["relu", () => new ReLU()],
    ["leakyRelu", () => new LeakyReLU({ negativeSlope: 0.1 })],
  ] as const) {
    test(`${name}: x, W, b of a 3-4-3-2 stack`, () => {
      const rng = new Random(5);
      const l1 = new Linear(3, 4, { dtype: "float64", generator: rng });
      const l2 = new Linear(4, 3, { dtype: "float64", generator: rng });
      const l3 = new Linear(3, 2, { dtype: "float64", generator: rng });
      const model = new Sequential(l1, act(), l2, act(), l3);
      const params = model.parameters();
      const x = randomTensor(rng, [5, 3], "float64");
      // gradcheck perturbs copies of its inputs: load them into the model, then run it
      const report = gradcheck(
        (xIn: Tensor, ...ps: Tensor[]) => {
          const m = new Sequential(...rebuild(model, ps));
          return m.forward(xIn);
        },
        [x, ...params],
      );
      assert.ok(report.ok, JSON.stringify(report.worst));
    });
  }
});

/** The layers of `model` with their parameters replaced by `ps` (same order), for gradcheck. */
function rebuild(model: Sequential, ps: Tensor[]): Module[] {
  let i = 0;
  return model.layers.map((m) => {
    if (!(m instanceof Linear)) return m;
    const copy = Object.create(Linear.prototype) as Linear;
    Object.assign(copy, m);
    Object.defineProperty(copy, "weight", { value: ps[i++] });
    if (m.bias !== null) Object.defineProperty(copy, "bias", { value: ps[i++] });
    return copy;
  });
}

describe("fused Linear stack: modes and fallbacks", () => {
  const model = (): Sequential =>
    new Sequential(new Linear(2, 3, { generator: new Random(6) }), new Tanh(), new Linear(3, 1));

  test("under noGrad no graph is recorded", () => {
    const y = noGrad(() => model().forward(fromData(new Float32Array([1, 2]), [1, 2])));
    assert.equal(y.requiresGrad, false);
    assert.equal(y.node, null);
  });

  test("frozen parameters get no gradient; the others still do", () => {
    const m = model();
    const [W1, b1, W2, b2] = m.parameters();
    W1.requiresGrad = false;
    b2.requiresGrad = false;
    m.forward(fromData(new Float32Array([1, 2, 3, 4]), [2, 2]))
      .sum()
      .backward();
    assert.equal(W1.grad, null);
    assert.equal(b2.grad, null);
    assert.notEqual(b1.grad, null);
    assert.notEqual(W2.grad, null);
  });

  test("all parameters frozen and x without grad: the output needs no grad", () => {
    const m = model();
    for (const p of m.parameters()) p.requiresGrad = false;
    const y = m.forward(fromData(new Float32Array([1, 2]), [1, 2]));
    assert.equal(y.requiresGrad, false);
  });

  test("train() and eval() give the same output for a Linear/activation stack", () => {
    const m = model();
    const x = fromData(new Float32Array([0.5, -1]), [1, 2]);
    const a = Array.from(m.forward(x).data);
    m.eval();
    assert.deepEqual(Array.from(m.forward(x).data), a);
  });

  test("Dropout, ELU, a leading activation or mismatched widths do not fuse", () => {
    assert.equal(planStack([new Linear(2, 2), new Dropout(0.5)]), null);
    assert.equal(planStack([new Linear(2, 2), new ELU()]), null);
    assert.equal(planStack([new Tanh(), new Linear(2, 2)]), null);
    assert.equal(planStack([new Linear(2, 2), new Tanh(), new Tanh()]), null);
    assert.equal(planStack([new Linear(2, 3), new Linear(2, 1)]), null);
    assert.equal(planStack([new Linear(2, 2, { dtype: "float64" }), new Linear(2, 1)]), null);
    assert.notEqual(
      planStack([new Identity(), new Linear(2, 2), new Identity(), new Tanh()]),
      null,
    );
  });

  test("wrong input widths, 1-D and 3-D inputs still behave as the generic path", () => {
    const m = model();
    assert.throws(() => m.forward(fromData(new Float32Array(3), [1, 3])), ShapeError);
    assert.deepEqual(m.forward(fromData(new Float32Array([1, 2]), [2])).shape, [1]);
    assert.deepEqual(m.forward(fromData(new Float32Array(8), [2, 2, 2])).shape, [2, 2, 1]);
  });

  test("float64 input into a float32 stack promotes as the generic path does", () => {
    const y = model().forward(fromData(new Float64Array([1, 2]), [1, 2]));
    assert.equal(y.dtype, "float64");
  });

  test("a weight tensor replaced after the first call is used by the next", () => {
    const lin = new Linear(2, 1, { bias: false });
    const seq = new Sequential(lin);
    const x = fromData(new Float32Array([1, 2]), [1, 2]);
    seq.forward(x);
    Object.defineProperty(lin, "weight", { value: fromData(new Float32Array([3, 4]), [1, 2]) });
    assert.deepEqual(Array.from(seq.forward(x).data), [11]);
  });

  test("an instance whose forward was replaced is not fused", () => {
    const lin = new Linear(2, 1);
    lin.forward = (x: Tensor) => x.sum(1, true);
    const y = new Sequential(lin).forward(fromData(new Float32Array([1, 2]), [1, 2]));
    assert.deepEqual(Array.from(y.data), [3]);
  });
});

describe("segments: Dropout splits a model into fused runs, BatchNorm1d joins them", () => {
  const model = (dtype: DType, rng: Random): Sequential =>
    new Sequential(
      new Linear(3, 5, { dtype, generator: rng }),
      new BatchNorm1d(5, { dtype }),
      new ReLU(),
      new Linear(5, 4, { dtype, generator: rng }),
      new Tanh(),
      new Dropout(0.3),
      new Linear(4, 2, { dtype, generator: rng }),
      new ELU(),
    );

  test("the runs between other modules become stacks", () => {
    const kinds = planSegments(model("float32", new Random(1)).layers).map((s) =>
      s.kind === "stack" ? `stack(${s.modules.length})` : s.module.typeName,
    );
    // a BatchNorm1d right after a Linear joins the run (batch-norm-fused.test.ts)
    assert.deepEqual(kinds, ["stack(5)", "Dropout", "stack(1)", "ELU"]);
  });

  for (const [dtype, tol] of [
    ["float64", 1e-12],
    ["float32", 1e-5],
  ] as const) {
    test(`${dtype}: outputs and gradients equal the unfused model (train mode, seeded dropout)`, () => {
      const rng = new Random(7);
      const m = model(dtype, rng);
      const x = randomTensor(rng, [6, 3], dtype, 2);
      x.requiresGrad = true;
      const r = randomTensor(rng, [6, 2], dtype);
      seed(11);
      const fused = run(m, x, r, true);
      seed(11);
      const generic = run(m, x, r, false);
      assertClose(fused.y, generic.y, tol, "y");
      assertClose(fused.dx, generic.dx, tol, "dx");
      fused.dParams.forEach((g, i) => assertClose(g, generic.dParams[i], tol, `param ${i}`));
    });
  }
});
