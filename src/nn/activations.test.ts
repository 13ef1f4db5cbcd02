// Activation layers: forward equals the functional form, config() round-trips through the
// constructor, factories build the right class, no parameters (but PReLU's, see prelu.test.ts),
// validation errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as A from "../activations/index.js";
import { tensor } from "../tensor/create.js";
import type { Tensor } from "../tensor/tensor.js";
import * as L from "./activations.js";
import { Linear } from "./linear.js";
import type { Module } from "./module.js";

const x = tensor(
  [
    [-1000, -3.5, -1, -0.2, 0],
    [0.3, 1, 2.5, 6.5, 1000],
  ],
  { dtype: "float64" },
);

// [layer, the functional form it must equal, expected typeName, expected config]
const CASES: [Module, (t: Tensor) => Tensor, string, Record<string, unknown>][] = [
  [L.sigmoid(), A.sigmoid, "Sigmoid", {}],
  [L.tanh(), A.tanh, "Tanh", {}],
  [L.relu(), A.relu, "ReLU", {}],
  [L.leakyRelu(), (t) => A.leakyRelu(t, 0.01), "LeakyReLU", { negativeSlope: 0.01 }],
  [
    L.leakyRelu({ negativeSlope: 0.3 }),
    (t) => A.leakyRelu(t, 0.3),
    "LeakyReLU",
    { negativeSlope: 0.3 },
  ],
  [L.elu({ alpha: 0.7 }), (t) => A.elu(t, 0.7), "ELU", { alpha: 0.7 }],
  [L.selu(), A.selu, "SELU", {}],
  [L.gelu(), (t) => A.gelu(t, "none"), "GELU", { approximate: "none" }],
  [L.gelu({ approximate: "tanh" }), (t) => A.gelu(t, "tanh"), "GELU", { approximate: "tanh" }],
  [L.softplus({ beta: 2 }), (t) => A.softplus(t, 2, 20), "Softplus", { beta: 2, threshold: 20 }],
  [L.softsign(), A.softsign, "Softsign", {}],
  [L.silu(), A.silu, "SiLU", {}],
  [L.mish(), A.mish, "Mish", {}],
  [L.hardSigmoid(), A.hardSigmoid, "Hardsigmoid", {}],
  [
    L.hardTanh({ minVal: -2, maxVal: 0.5 }),
    (t) => A.hardTanh(t, -2, 0.5),
    "Hardtanh",
    { minVal: -2, maxVal: 0.5 },
  ],
  [L.relu6(), A.relu6, "ReLU6", {}],
  [L.identity(), A.linear, "Identity", {}],
  [L.step(), A.step, "Step", {}],
  [L.softmax(), (t) => A.softmax(t, -1), "Softmax", { axis: -1 }],
  [L.softmax({ axis: 0 }), (t) => A.softmax(t, 0), "Softmax", { axis: 0 }],
  [L.logSoftmax({ axis: 0 }), (t) => A.logSoftmax(t, 0), "LogSoftmax", { axis: 0 }],
  [L.hardSwish(), A.hardSwish, "Hardswish", {}],
  [L.celu(), (t) => A.celu(t, 1), "CELU", { alpha: 1 }],
  [L.celu({ alpha: 0.5 }), (t) => A.celu(t, 0.5), "CELU", { alpha: 0.5 }],
];

/** Layers with a parameter: tested in their own file (PReLU: prelu.test.ts). */
const WITH_PARAMETERS = ["PReLU"];

describe("activation layers", () => {
  for (const [layer, fn, typeName, config] of CASES) {
    test(`${typeName} ${JSON.stringify(config)}`, () => {
      assert.equal(layer.typeName, typeName);
      assert.equal(layer.constructor.name, typeName);
      assert.deepEqual(Array.from(layer.forward(x).data), Array.from(fn(x).data));
      assert.deepEqual(layer.config(), config);
      // rebuild from typeName + config, as a model file would
      const Ctor = L.activationLayers[typeName as keyof typeof L.activationLayers] as new (
        o: Record<string, unknown>,
      ) => Module;
      const rebuilt = new Ctor(
        JSON.parse(JSON.stringify(layer.config())) as Record<string, unknown>,
      );
      assert.deepEqual(rebuilt.config(), config);
      assert.deepEqual(Array.from(rebuilt.forward(x).data), Array.from(layer.forward(x).data));
      assert.equal(layer.parameters().length, 0);
      assert.deepEqual(Object.keys(layer.stateDict()), []);
    });
  }

  test("every typeName in activationLayers is covered above", () => {
    const covered = new Set([...CASES.map((c) => c[2]), ...WITH_PARAMETERS]);
    for (const k of Object.keys(L.activationLayers)) assert.ok(covered.has(k), k);
    assert.equal(Object.keys(L.activationLayers).length, 21);
    for (const k of WITH_PARAMETERS) assert.ok(new L.activationLayers[k]().parameters().length > 0);
  });

  test("gradients flow through a layer as through the function", () => {
    const a = tensor([-1, 0.5, 2], { dtype: "float64", requiresGrad: true });
    L.mish().forward(a).sum().backward();
    const b = tensor([-1, 0.5, 2], { dtype: "float64", requiresGrad: true });
    A.mish(b).sum().backward();
    assert.deepEqual(Array.from(a.grad!.data), Array.from(b.grad!.data));
  });

  test("nn.activation(name) builds the layer for every activation name and alias", () => {
    const expected: Record<string, string> = {
      sigmoid: "Sigmoid",
      tanh: "Tanh",
      relu: "ReLU",
      leakyRelu: "LeakyReLU",
      elu: "ELU",
      selu: "SELU",
      gelu: "GELU",
      softplus: "Softplus",
      softsign: "Softsign",
      silu: "SiLU",
      mish: "Mish",
      hardSigmoid: "Hardsigmoid",
      hardTanh: "Hardtanh",
      relu6: "ReLU6",
      step: "Step",
      linear: "Identity",
      softmax: "Softmax",
      logSoftmax: "LogSoftmax",
      hardSwish: "Hardswish",
      celu: "CELU",
      prelu: "PReLU",
      swish: "SiLU",
      identity: "Identity",
    };
    for (const n of A.names) assert.ok(n in expected, n);
    for (const [n, t] of Object.entries(expected)) assert.equal(L.activation(n).typeName, t);
    assert.throws(() => L.activation("tanhh"), /unknown activation "tanhh"/);
  });

  test("constructor validation", () => {
    assert.throws(() => L.leakyRelu({ negativeSlope: NaN }), /LeakyReLU: negativeSlope/);
    assert.throws(() => L.elu({ alpha: Infinity }), /ELU: alpha/);
    assert.throws(() => L.celu({ alpha: 0 }), /CELU: alpha must not be 0/);
    assert.throws(() => L.celu({ alpha: NaN }), /CELU: alpha must be a finite number/);
    assert.throws(() => L.gelu({ approximate: "fast" as "tanh" }), /GELU: approximate/);
    assert.throws(() => L.softplus({ beta: -1 }), /Softplus: beta must be positive/);
    assert.throws(() => L.hardTanh({ minVal: 1, maxVal: 1 }), /Hardtanh: minVal/);
    assert.throws(() => L.softmax({ axis: 1.5 }), /Softmax: axis/);
    assert.throws(() => L.logSoftmax({ axis: "0" as unknown as number }), /LogSoftmax: axis/);
  });

  test("Identity returns its input; eval() does not change activations", () => {
    assert.equal(L.identity().forward(x), x);
    const m = L.gelu().eval();
    assert.deepEqual(Array.from(m.forward(x).data), Array.from(A.gelu(x).data));
  });
});

describe("activationKernelOf (the fused kernel a layer stands for)", () => {
  test("tanh, sigmoid, relu, leakyRelu with its slope, identity; null for the rest", () => {
    assert.deepEqual(L.activationKernelOf(L.tanh()), { kind: "tanh", slope: 0 });
    assert.deepEqual(L.activationKernelOf(L.sigmoid()), { kind: "sigmoid", slope: 0 });
    assert.deepEqual(L.activationKernelOf(L.relu()), { kind: "relu", slope: 0 });
    assert.deepEqual(L.activationKernelOf(L.leakyRelu({ negativeSlope: 0.2 })), {
      kind: "leakyRelu",
      slope: 0.2,
    });
    assert.deepEqual(L.activationKernelOf(L.leakyRelu()), { kind: "leakyRelu", slope: 0.01 });
    assert.deepEqual(L.activationKernelOf(L.identity()), { kind: "identity", slope: 0 });
    assert.deepEqual(L.activationKernelOf(L.activation("linear")), { kind: "identity", slope: 0 });
    const fused = new Set(["Tanh", "Sigmoid", "ReLU", "LeakyReLU", "Identity"]);
    for (const [typeName, Cls] of Object.entries(L.activationLayers)) {
      if (!fused.has(typeName)) assert.equal(L.activationKernelOf(new Cls()), null, typeName);
    }
    assert.equal(L.activationKernelOf(new Linear(2, 3)), null);
  });

  test("null for a subclass or an instance whose forward was replaced", () => {
    class ScaledTanh extends L.Tanh {
      override forward(x: Tensor): Tensor {
        return super.forward(x).mul(2);
      }
    }
    class SameTanh extends L.Tanh {}
    assert.equal(L.activationKernelOf(new ScaledTanh()), null);
    assert.equal(L.activationKernelOf(new SameTanh()), null);
    const patched = L.relu();
    patched.forward = (t: Tensor) => t;
    assert.equal(L.activationKernelOf(patched), null);
  });
});

describe("activation layer table, derived from the rows", () => {
  test("one class per row, named by its layer column, tied to its row", () => {
    assert.deepEqual(
      Object.keys(L.activationLayers),
      A.ACTIVATIONS.map((row) => row.layer),
    );
    for (const row of A.ACTIVATIONS) {
      const Cls = L.activationLayers[row.layer];
      assert.equal(Cls.activation, row);
      assert.equal(Cls.typeName, row.layer);
      assert.equal(new Cls().typeName, row.layer);
      assert.deepEqual(new Cls().config(), row.defaults, row.name);
    }
  });

  test("fromConfig rebuilds with the same checks as the constructor", () => {
    const m = L.activationLayers.LeakyReLU.fromConfig({ negativeSlope: 0.3 }, []);
    assert.ok(m instanceof L.LeakyReLU);
    assert.deepEqual(m.config(), { negativeSlope: 0.3 });
    assert.throws(
      () => L.activationLayers.Hardtanh.fromConfig({ minVal: 2, maxVal: 1 }, []),
      /Hardtanh: minVal \(2\) must be < maxVal \(1\)/,
    );
    assert.throws(
      () => L.activationLayers.ELU.fromConfig({ alpha: [1] }, []),
      /ELU: config.alpha has an unsupported value/,
    );
  });
});
