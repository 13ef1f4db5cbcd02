// BatchNorm1d inside the fused Linear stack (Linear → BatchNorm1d → activation as one op): which
// models fuse it, PyTorch's recorded values through the fused path, float64 gradcheck in train
// and eval mode, and equality with the op-by-op path for random models and every BN option.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { noGrad } from "../autograd/no-grad.js";
import { gradcheck } from "../diagnostics/gradcheck.js";
import { ShapeError, ValueError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import { fromData } from "../tensor/create.js";
import { Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { ReLU, Tanh, Sigmoid, LeakyReLU } from "./activations.js";
import { BatchNorm1d, type BatchNormOptions } from "./batch-norm.js";
import { setFusionEnabled } from "./fusion.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";
import { Sequential } from "./sequential.js";
import { planSegments } from "./stack-plan.js";

function kinds(model: Sequential): string[] {
  return planSegments(model.layers).map((s) =>
    s.kind === "stack" ? `stack(${s.modules.length})` : s.module.typeName,
  );
}

function randomTensor(rng: Random, shape: number[], dtype: DType, scale = 1): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const data = dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = scale * rng.normal();
  return fromData(data, shape);
}

describe("fused BatchNorm1d: which models fuse it", () => {
  test("Linear → BN → activation joins the run; BN after an activation stays on its own", () => {
    const m = new Sequential(
      new Linear(3, 5),
      new BatchNorm1d(5),
      new ReLU(),
      new Linear(5, 4),
      new BatchNorm1d(4),
      new Linear(4, 4),
      new Tanh(),
      new BatchNorm1d(4),
      new Linear(4, 2),
    );
    assert.deepEqual(kinds(m), ["stack(7)", "BatchNorm1d", "stack(1)"]);
  });

  test("a subclass, a replaced forward or a BN of another width does not fuse", () => {
    class MyNorm extends BatchNorm1d {}
    const replaced = new BatchNorm1d(5);
    replaced.forward = (x: Tensor) => x;
    assert.deepEqual(kinds(new Sequential(new Linear(3, 5), new MyNorm(5))), [
      "stack(1)",
      "BatchNorm1d",
    ]);
    assert.deepEqual(kinds(new Sequential(new Linear(3, 5), replaced)), [
      "stack(1)",
      "BatchNorm1d",
    ]);
    const wrong = new Sequential(new Linear(3, 5), new BatchNorm1d(4));
    assert.deepEqual(kinds(wrong), ["stack(1)", "BatchNorm1d"]);
    assert.throws(() => wrong.forward(fromData(new Float32Array(6), [2, 3])), ShapeError);
  });
});

interface BatchNormCase {
  shape: number[];
  momentum: number | null;
  weight: number[];
  bias: number[];
  x1: number[];
  dY: number[];
  y1: number[];
  dx: number[];
  dWeight: number[];
  dBias: number[];
  runningMean1: number[];
  runningVar1: number[];
  x2: number[];
  runningMean2: number[];
  runningVar2: number[];
  x3: number[];
  yEval: number[];
  dxEval: number[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../../test/reference/layers.json", import.meta.url), "utf8"),
) as { batchNorm1d: BatchNormCase[] };

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  what: string,
) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    assert.ok(err <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

describe("fused BatchNorm1d vs PyTorch 1.13 (float64, test/reference/layers.json)", () => {
  // Linear with W = I and b = 0 passes x through exactly, so the stack's BN sees PyTorch's input
  for (const c of fixture.batchNorm1d.filter((k) => k.shape.length === 2)) {
    test(`input ${JSON.stringify(c.shape)}, momentum ${c.momentum}`, () => {
      const [N, C] = c.shape;
      const identity = new Linear(C, C, { dtype: "float64" });
      identity.weight.data.fill(0);
      for (let i = 0; i < C; i++) identity.weight.data[i * C + i] = 1;
      identity.bias!.data.fill(0);
      const bn = new BatchNorm1d(C, { dtype: "float64", momentum: c.momentum });
      bn.weight!.data.set(c.weight);
      bn.bias!.data.set(c.bias);
      const model = new Sequential(identity, bn);
      assert.deepEqual(kinds(model), ["stack(2)"]);
      const f64 = (v: number[], requiresGrad = false) =>
        fromData(Float64Array.from(v), [N, C], { requiresGrad });

      const x1 = f64(c.x1, true);
      const y1 = model.forward(x1);
      assert.equal(y1.node?.op, "linearStack");
      assertClose(y1.data, c.y1, 1e-12, "train y");
      y1.backward(f64(c.dY));
      assertClose(x1.grad!.data, c.dx, 1e-12, "train dx");
      assertClose(bn.weight!.grad!.data, c.dWeight, 1e-12, "dγ");
      assertClose(bn.bias!.grad!.data, c.dBias, 1e-12, "dβ");
      assertClose(bn.runningMean!.data, c.runningMean1, 1e-12, "running mean after step 1");
      assertClose(bn.runningVar!.data, c.runningVar1, 1e-12, "running var after step 1");
      noGrad(() => model.forward(f64(c.x2))); // training mode without a graph still updates
      assertClose(bn.runningMean!.data, c.runningMean2, 1e-12, "running mean after step 2");
      assertClose(bn.runningVar!.data, c.runningVar2, 1e-12, "running var after step 2");

      model.eval();
      const x3 = f64(c.x3, true);
      const y3 = model.forward(x3);
      assertClose(y3.data, c.yEval, 1e-12, "eval y");
      y3.backward(f64(c.dY));
      assertClose(x3.grad!.data, c.dxEval, 1e-12, "eval dx");
      assertClose(noGrad(() => model.forward(f64(c.x3))).data, c.yEval, 1e-12, "eval y, noGrad");
    });
  }
});

/** The model's layers with Linear and BatchNorm1d parameters replaced by `ps` (same order). */
function rebuild(model: Sequential, ps: Tensor[]): Module[] {
  let i = 0;
  return model.layers.map((m) => {
    if (m instanceof Linear) {
      const copy = Object.assign(Object.create(Linear.prototype) as Linear, m);
      Object.defineProperty(copy, "weight", { value: ps[i++] });
      if (m.bias !== null) Object.defineProperty(copy, "bias", { value: ps[i++] });
      return copy;
    }
    if (m instanceof BatchNorm1d && m.weight !== null) {
      const copy = Object.assign(Object.create(BatchNorm1d.prototype) as BatchNorm1d, m);
      Object.defineProperty(copy, "weight", { value: ps[i++] });
      Object.defineProperty(copy, "bias", { value: ps[i++] });
      return copy;
    }
    return m;
  });
}

describe("fused BatchNorm1d: gradcheck (float64)", () => {
  for (const mode of ["train", "eval"] as const) {
    for (const [name, act] of [
      ["tanh", () => new Tanh()],
      ["sigmoid", () => new Sigmoid()],
      ["leakyRelu", () => new LeakyReLU({ negativeSlope: 0.1 })],
    ] as const) {
      test(`${mode}, ${name}: x, W, b, γ, β of 3-4(BN)-3(BN)-2`, () => {
        const rng = new Random(9);
        const dtype = "float64";
        const bn1 = new BatchNorm1d(4, { dtype });
        const bn2 = new BatchNorm1d(3, { dtype, affine: true });
        for (const bn of [bn1, bn2]) {
          // non-trivial γ, β and running statistics
          for (let c = 0; c < bn.numFeatures; c++) {
            bn.weight!.data[c] = 0.5 + rng.uniform();
            bn.bias!.data[c] = rng.normal();
            bn.runningMean!.data[c] = 0.3 * rng.normal();
            bn.runningVar!.data[c] = 0.5 + rng.uniform();
          }
        }
        const model = new Sequential(
          new Linear(3, 4, { dtype, generator: rng }),
          bn1,
          act(),
          new Linear(4, 3, { dtype, generator: rng }),
          bn2,
          act(),
          new Linear(3, 2, { dtype, generator: rng }),
        );
        model.train(mode === "train");
        assert.deepEqual(kinds(model), ["stack(7)"]);
        const x = randomTensor(rng, [5, 3], dtype);
        const report = gradcheck(
          (xIn: Tensor, ...ps: Tensor[]) => new Sequential(...rebuild(model, ps)).forward(xIn),
          [x, ...model.parameters()],
        );
        assert.ok(report.ok, JSON.stringify(report.worst));
      });
    }
  }
});

/** Output, input gradient, parameter gradients and buffers of Σ y·r, fused or op by op. */
function run(model: Sequential, x: Tensor, r: Tensor, fused: boolean) {
  const previous = setFusionEnabled(fused);
  try {
    for (const p of model.parameters()) p.grad = null;
    x.grad = null;
    const y = model.forward(x);
    y.mul(r).sum().backward();
    return {
      y: Array.from(y.data),
      dx: Array.from(x.grad!.data),
      dParams: model.parameters().map((p) => Array.from(p.grad!.data)),
      buffers: model.namedBuffers().map(([, b]) => Array.from(b.data)),
    };
  } finally {
    setFusionEnabled(previous);
  }
}

const OPTIONS: BatchNormOptions[] = [
  {},
  { affine: false },
  { trackRunningStats: false },
  { momentum: null },
  { momentum: 0.3, eps: 1e-3 },
];

describe("fused BatchNorm1d equals the op-by-op path", () => {
  for (const [dtype, tol] of [
    ["float64", 1e-10],
    ["float32", 2e-4],
  ] as const) {
    test(`${dtype}: 40 random models, every option, train and eval mode`, () => {
      const rng = new Random(21);
      for (let trial = 0; trial < 40; trial++) {
        const depth = 1 + rng.int(3);
        const widths = [1 + rng.int(5)];
        const make = (): Module[] => {
          const seeded = new Random(1000 + trial);
          const layers: Module[] = [];
          for (let k = 0; k < depth; k++) {
            layers.push(new Linear(widths[k], widths[k + 1], { dtype, generator: seeded }));
            if (k < depth - 1 || trial % 2 === 0) {
              layers.push(new BatchNorm1d(widths[k + 1], { dtype, ...OPTIONS[trial % 5] }));
            }
            if (k < depth - 1) layers.push(trial % 3 === 0 ? new Tanh() : new ReLU());
          }
          return layers;
        };
        for (let k = 0; k < depth; k++) widths.push(1 + rng.int(6));
        const fusedModel = new Sequential(...make());
        const genericModel = new Sequential(...make());
        const N = 2 + rng.int(6);
        const x = randomTensor(rng, [N, widths[0]], dtype, 2);
        x.requiresGrad = true;
        const r = randomTensor(rng, [N, widths[depth]], dtype);
        for (const mode of [true, true, false]) {
          fusedModel.train(mode);
          genericModel.train(mode);
          const fused = run(fusedModel, x, r, true);
          const generic = run(genericModel, x, r, false);
          const what = `trial ${trial} (${mode ? "train" : "eval"})`;
          assertClose(fused.y, generic.y, tol, `${what} y`);
          assertClose(fused.dx, generic.dx, tol, `${what} dx`);
          fused.dParams.forEach((g, i) =>
            assertClose(g, generic.dParams[i], tol, `${what} param ${i}`),
          );
          fused.buffers.forEach((b, i) =>
            assertClose(b, generic.buffers[i], tol, `${what} buffer ${i}`),
          );
        }
      }
    });
  }

  test("training on one row throws ValueError as the module does; eval on one row works", () => {
    const model = new Sequential(new Linear(2, 3), new BatchNorm1d(3), new ReLU());
    const one = fromData(new Float32Array([1, 2]), [1, 2]);
    assert.throws(
      () => model.forward(one),
      (e: unknown) => e instanceof ValueError && /more than 1 value per channel/.test(e.message),
    );
    assert.throws(() => noGrad(() => model.forward(one)), ValueError);
    model.eval();
    assert.equal(model.forward(one).shape[0], 1);
  });
});
