// The Optimizer base: skipping params without grad, zeroGrad, stateDict → JSON → loadStateDict
// resuming bit for bit, typed errors on bad state, and hyper-parameter validation.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DTypeError, ShapeError, ValueError } from "../errors.js";
import { tensor } from "../tensor/create.js";
import { Tensor } from "../tensor/tensor.js";
import type { DType } from "../tensor/dtype.js";
import { create, OPTIMIZER_NAMES } from "./create.js";
import type { Optimizer } from "./optimizer.js";
import * as optim from "./index.js";

const NON_DEFAULT: Record<string, Record<string, unknown>> = {
  sgd: { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  adam: { lr: 0.05, amsgrad: true, weightDecay: 0.1 },
  adamw: { lr: 0.05, amsgrad: true },
  rmsprop: { momentum: 0.9, centered: true },
  adagrad: { lr: 0.1, lrDecay: 0.1, initialAccumulatorValue: 0.5 },
  adadelta: { rho: 0.8 },
  adamax: { lr: 0.05 },
  nadam: { lr: 0.05, momentumDecay: 0.1 },
  radam: { lr: 0.05, betas: [0.9, 0.9] },
};

function makeParams(dtype: DType = "float64"): Tensor[] {
  return [
    tensor(
      [
        [0.5, -1.5],
        [2.0, 0.25],
      ],
      { dtype, requiresGrad: true },
    ),
    tensor([-0.75, 1.25, 3.0], { dtype, requiresGrad: true }),
    tensor([0.1, -0.2], { dtype, requiresGrad: true }),
  ];
}

/** g = θ − 0.3 + θ³ for each param; the third param gets a grad only from step 3 on. */
function setGrads(params: Tensor[], step: number): void {
  params.forEach((p, k) => {
    if (k === 2 && step < 3) {
      p.grad = null;
      return;
    }
    const g = p.data.map((t) => t - 0.3 + t * t * t);
    p.grad = new Tensor(g, p.shape);
  });
}

function bytes(params: Tensor[]): string {
  return params
    .map((p) => Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString("hex"))
    .join("|");
}

describe("Optimizer.step / zeroGrad", () => {
  test("params whose grad is null are left exactly as they were, for every optimizer", () => {
    for (const name of OPTIMIZER_NAMES) {
      const params = makeParams();
      const before = params[2].data.slice();
      const opt = create(name, params, NON_DEFAULT[name]);
      setGrads(params, 1);
      opt.step();
      assert.deepEqual([...params[2].data], [...before], name);
      assert.notDeepEqual([...params[0].data], [0.5, -1.5, 2.0, 0.25], `${name} moved params[0]`);
      assert.equal(opt.stateDict().state[2], null, `${name}: no state for a param never updated`);
    }
  });

  test("zeroGrad sets every grad to null (PyTorch set_to_none)", () => {
    const params = makeParams();
    setGrads(params, 5);
    const opt = optim.sgd(params);
    opt.zeroGrad();
    for (const p of params) assert.equal(p.grad, null);
  });

  test("step updates .data in place (the same Tensor objects and storage)", () => {
    const params = makeParams();
    const storage = params[0].data;
    const opt = optim.adam(params);
    setGrads(params, 1);
    opt.step();
    assert.equal(params[0].data, storage);
  });

  test("float32 parameters stay float32 and the state buffers are float32", () => {
    const params = makeParams("float32");
    const opt = optim.adam(params, { lr: 0.1 });
    setGrads(params, 3);
    opt.step();
    assert.ok(params[0].data instanceof Float32Array);
    assert.equal(opt.stateDict().state[0]!.dtype, "float32");
    // first Adam step: θ − lr·sign(g) up to ε; θ₀ = 0.5, g > 0 → 0.4 in float32
    assert.equal(params[0].data[0], Math.fround(0.4));
  });

  test("lr getter/setter; the setter validates", () => {
    const opt = optim.sgd(makeParams(), { lr: 0.1 });
    assert.equal(opt.lr, 0.1);
    opt.lr = 0.01;
    assert.equal(opt.lr, 0.01);
    assert.equal(opt.hyperParameters.lr, 0.01);
    assert.throws(
      () => (opt.lr = NaN),
      (e: Error) => e instanceof ValueError && /SGD.*lr=NaN/.test(e.message),
    );
    assert.throws(() => (opt.lr = -1), /SGD: invalid learning rate lr=-1/);
    assert.equal(opt.lr, 0.01);
  });
});

describe("stateDict → JSON → loadStateDict resumes bit for bit", () => {
  for (const dtype of ["float64", "float32"] as const) {
    for (const name of OPTIMIZER_NAMES) {
      test(`${name} ${dtype}`, () => {
        const a = makeParams(dtype);
        const optA = create(name, a, NON_DEFAULT[name]);
        for (let s = 1; s <= 4; s++) {
          setGrads(a, s);
          optA.step();
        }
        optA.lr = optA.lr * 0.5; // as a schedule would
        const json = JSON.stringify(optA.stateDict());
        // fresh parameters with the same weights, a fresh optimizer with default options
        const b = a.map((p) => {
          const q = p.clone();
          q.requiresGrad = true;
          return q;
        });
        const optB = create(name, b);
        optB.loadStateDict(JSON.parse(json));
        assert.deepEqual(optB.hyperParameters, optA.hyperParameters);
        for (let s = 5; s <= 10; s++) {
          setGrads(a, s);
          setGrads(b, s);
          optA.step();
          optB.step();
        }
        assert.equal(bytes(b), bytes(a));
        assert.equal(JSON.stringify(optB.stateDict()), JSON.stringify(optA.stateDict()));
      });
    }
  }

  test("a fresh run without loading differs (the test can fail)", () => {
    const a = makeParams();
    const optA = optim.adam(a, { lr: 0.05 });
    const b = makeParams();
    const optB = optim.adam(b, { lr: 0.05 });
    for (let s = 1; s <= 3; s++) {
      setGrads(a, s);
      optA.step();
    }
    b.forEach((p, i) => p.data.set(a[i].data));
    setGrads(a, 4);
    setGrads(b, 4);
    optA.step();
    optB.step();
    assert.notEqual(bytes(b), bytes(a));
  });

  test("NaN, ±Infinity and −0 in buffers survive JSON", () => {
    const params = makeParams();
    const opt = optim.adam(params);
    setGrads(params, 3);
    opt.step();
    const sd = opt.stateDict();
    sd.state[0]!.buffers.m = ["NaN", "Infinity", "-Infinity", "-0"];
    opt.loadStateDict(JSON.parse(JSON.stringify(sd)));
    const m = opt.stateDict().state[0]!.buffers.m;
    assert.deepEqual(m, ["NaN", "Infinity", "-Infinity", "-0"]);
  });
});

describe("loadStateDict rejects bad state with typed errors and changes nothing", () => {
  function saved(): { opt: Optimizer; sd: ReturnType<Optimizer["stateDict"]> } {
    const params = makeParams();
    const opt = optim.adam(params, { lr: 0.05, amsgrad: true });
    setGrads(params, 3);
    opt.step();
    return { opt, sd: JSON.parse(JSON.stringify(opt.stateDict())) };
  }

  // the cases mutate arbitrary parsed JSON, as a corrupted file would hold
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Json = any;
  const cases: [string, (sd: Json) => unknown, new (message?: string) => Error, RegExp][] = [
    ["not an object", () => 42, ValueError, /expected an object/],
    ["another optimizer's state", (sd) => ({ ...sd, type: "SGD" }), ValueError, /"SGD", not Adam/],
    [
      "a missing hyper-parameter",
      (sd) => ({ ...sd, hyper: { lr: 0.1 } }),
      ValueError,
      /missing: betas/,
    ],
    [
      "an unknown hyper-parameter",
      (sd) => ({ ...sd, hyper: { ...sd.hyper, momentum: 0.9 } }),
      ValueError,
      /unexpected: momentum/,
    ],
    [
      "an invalid hyper-parameter",
      (sd) => ({ ...sd, hyper: { ...sd.hyper, betas: [0.9, 1] } }),
      ValueError,
      /betas\[1\]=1/,
    ],
    [
      "a wrongly typed hyper-parameter",
      (sd) => ({ ...sd, hyper: { ...sd.hyper, amsgrad: "yes" } }),
      ValueError,
      /amsgrad must be a boolean/,
    ],
    [
      "too few state entries",
      (sd) => ({ ...sd, state: sd.state.slice(1) }),
      ShapeError,
      /2 state entries for 3 parameters/,
    ],
    [
      "a short buffer",
      (sd) => {
        sd.state[1].buffers.v = [1, 2];
        return sd;
      },
      ShapeError,
      /state\[1\]\.buffers\.v has 2 values but params\[1\] has 3/,
    ],
    [
      "a dtype mismatch",
      (sd) => {
        sd.state[0].dtype = "float32";
        return sd;
      },
      DTypeError,
      /float32.*float64/,
    ],
    [
      "a missing required buffer",
      (sd) => {
        delete sd.state[0].buffers.vMax;
        return sd;
      },
      ValueError,
      /missing buffer "vMax"/,
    ],
    [
      "an unknown buffer",
      (sd) => {
        // JSON.parse makes "__proto__" an own key, as a hostile file would
        sd.state[0].buffers = JSON.parse(
          '{"m":[0,0,0,0],"v":[0,0,0,0],"vMax":[0,0,0,0],"__proto__":[1]}',
        );
        return sd;
      },
      ValueError,
      /unknown buffer "__proto__"/,
    ],
    [
      "a non-number in a buffer",
      (sd) => {
        sd.state[0].buffers.m[2] = null;
        return sd;
      },
      ValueError,
      /buffers\.m\[2\]: expected a number, got null/,
    ],
    [
      "a negative step",
      (sd) => {
        sd.state[0].step = -1;
        return sd;
      },
      ValueError,
      /step must be an integer/,
    ],
  ];

  for (const [label, mutate, ErrorType, message] of cases) {
    test(label, () => {
      const { opt, sd } = saved();
      const before = JSON.stringify(opt.stateDict());
      const bad = mutate(JSON.parse(JSON.stringify(sd)));
      assert.throws(
        () => opt.loadStateDict(bad),
        (e: Error) => e instanceof ErrorType && message.test(e.message),
      );
      assert.equal(JSON.stringify(opt.stateDict()), before);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }
});

describe("hyper-parameter validation names the optimizer and the value", () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["sgd", { lr: -0.1 }, /SGD: invalid learning rate lr=-0\.1/],
    ["sgd", { lr: Infinity }, /SGD: invalid learning rate lr=Infinity/],
    ["sgd", { momentum: -0.5 }, /SGD: invalid momentum=-0\.5/],
    ["sgd", { weightDecay: -1 }, /SGD: invalid weightDecay=-1/],
    [
      "sgd",
      { nesterov: true },
      /SGD: nesterov requires momentum > 0 and dampening = 0, got momentum=0/,
    ],
    ["sgd", { nesterov: true, momentum: 0.9, dampening: 0.1 }, /dampening=0\.1/],
    ["adam", { betas: [1, 0.999] }, /Adam: invalid betas\[0\]=1/],
    ["adam", { betas: [0.9, -0.1] }, /Adam: invalid betas\[1\]=-0\.1/],
    ["adam", { betas: [0.9] }, /Adam: betas must be an array of 2 numbers/],
    ["adam", { eps: -1e-8 }, /Adam: invalid eps=-1e-8/],
    ["adamw", { weightDecay: NaN }, /AdamW: invalid weightDecay=NaN/],
    ["rmsprop", { alpha: 1.5 }, /RMSprop: invalid alpha=1\.5/],
    ["rmsprop", { momentum: -1 }, /RMSprop: invalid momentum=-1/],
    ["adagrad", { lrDecay: -0.1 }, /Adagrad: invalid lrDecay=-0\.1/],
    ["adagrad", { initialAccumulatorValue: -1 }, /Adagrad: invalid initialAccumulatorValue=-1/],
    ["adadelta", { rho: 1.1 }, /Adadelta: invalid rho=1\.1/],
    ["adamax", { eps: -1 }, /Adamax: invalid eps=-1/],
    ["nadam", { momentumDecay: -1 }, /NAdam: invalid momentumDecay=-1/],
    ["radam", { betas: [0.9, 1] }, /RAdam: invalid betas\[1\]=1/],
    [
      "adam",
      { weight_decay: 0.1 },
      /Adam: unknown option "weight_decay"; valid options are lr, betas, eps, weightDecay, amsgrad, maximize/,
    ],
    ["sgd", { nesterov: "yes" }, /SGD: nesterov must be a boolean, got "yes"/],
    ["sgd", { lr: "0.1" }, /SGD: lr must be a number, got "0\.1"/],
  ];
  for (const [name, options, message] of bad) {
    test(`${name} ${JSON.stringify(options)}`, () => {
      assert.throws(
        () => create(name, makeParams(), options),
        (e: Error) => e instanceof ValueError && message.test(e.message),
      );
    });
  }

  test("setHyperParameter validates and names the optimizer", () => {
    const opt = optim.sgd(makeParams(), { momentum: 0.9, nesterov: true });
    assert.throws(
      () => opt.setHyperParameter("momentum", 0),
      /SGD: nesterov requires momentum > 0/,
    );
    assert.throws(() => opt.setHyperParameter("gamma", 1), /SGD: no hyper-parameter "gamma"/);
    opt.setHyperParameter("momentum", 0.5);
    assert.equal(opt.hyperParameters.momentum, 0.5);
  });

  test("params must be Tensors with requiresGrad, without duplicates", () => {
    const p = tensor([1, 2], { requiresGrad: true });
    assert.throws(
      () => optim.sgd([tensor([1, 2])]),
      /SGD: params\[0\] does not have requiresGrad = true/,
    );
    assert.throws(() => optim.adam([p, p]), /Adam: params\[1\] is the same tensor as params\[0\]/);
    assert.throws(
      () => optim.adam([p, 3 as unknown as Tensor]),
      /Adam: params\[1\] is not a Tensor/,
    );
  });

  test("create: unknown name lists the valid names; names are case-insensitive", () => {
    assert.throws(
      () => create("adamm", makeParams()),
      (e: Error) =>
        e instanceof ValueError &&
        /unknown optimizer "adamm"; valid names: sgd, adam, adamw, rmsprop, adagrad, adadelta, adamax, nadam, radam/.test(
          e.message,
        ),
    );
    assert.equal(create("AdamW", makeParams()).typeName, "AdamW");
    assert.equal(create("RMSprop", makeParams()).typeName, "RMSprop");
  });

  test("PyTorch defaults", () => {
    const d = (name: string) => create(name, makeParams()).hyperParameters;
    assert.deepEqual(d("sgd"), {
      lr: 1e-3,
      momentum: 0,
      dampening: 0,
      nesterov: false,
      weightDecay: 0,
      maximize: false,
    });
    assert.deepEqual(d("adam"), {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    assert.equal(d("adamw").weightDecay, 1e-2);
    assert.deepEqual(d("rmsprop"), {
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
    });
    assert.deepEqual(d("adagrad"), {
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
    });
    assert.deepEqual(d("adadelta"), {
      lr: 1,
      rho: 0.9,
      eps: 1e-6,
      weightDecay: 0,
      maximize: false,
    });
    assert.equal(d("adamax").lr, 2e-3);
    assert.equal(d("nadam").lr, 2e-3);
    assert.equal(d("nadam").momentumDecay, 4e-3);
    assert.equal(d("radam").lr, 1e-3);
  });
});
