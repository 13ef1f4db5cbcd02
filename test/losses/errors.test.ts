// Bad arguments to the losses throw typed errors whose messages name the problem.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { IndexError, MyelinError, ShapeError, ValueError } from "../../src/errors.js";
import { tensor, zeros } from "../../src/tensor/create.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import * as losses from "../../src/losses/index.js";

const x35 = () => zeros([3, 5]);
function throwsWith(fn: () => unknown, cls: new (...a: never[]) => Error, ...parts: string[]) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    for (const p of parts) assert.ok(e.message.includes(p), `message "${e.message}" lacks "${p}"`);
    return true;
  });
}

describe("class-index targets", () => {
  for (const name of ["crossEntropy", "nll", "multiMargin"] as const) {
    const fn = losses[name] as (x: Tensor, y: unknown) => Tensor;
    test(`${name}: label ≥ C → IndexError (a MyelinError) naming sample and label`, () => {
      throwsWith(() => fn(x35(), [0, 4, 5]), IndexError, name, "sample 2", "class 5", "[0, 5)");
      assert.throws(() => fn(x35(), [0, 4, 5]), MyelinError);
    });
    test(`${name}: negative label → IndexError`, () => {
      throwsWith(() => fn(x35(), tensor([-1, 0, 0])), IndexError, "sample 0", "class -1");
    });
    test(`${name}: non-integer label → ValueError`, () => {
      throwsWith(() => fn(x35(), [0, 1.5, 2]), ValueError, name, "sample 1", "1.5", "integer");
    });
    test(`${name}: wrong target shape → ShapeError naming both shapes`, () => {
      throwsWith(() => fn(x35(), [0, 1]), ShapeError, "[2]", "[3, 5]");
    });
  }
  test("crossEntropy: ignoreIndex is allowed, any other negative is not", () => {
    assert.ok(Number.isFinite(losses.crossEntropy(x35(), [0, -100, 1]).item()));
    assert.ok(Number.isFinite(losses.crossEntropy(x35(), [0, -1, 1], { ignoreIndex: -1 }).item()));
    throwsWith(
      () => losses.crossEntropy(x35(), [0, -100, 1], { ignoreIndex: -1 }),
      IndexError,
      "sample 1",
    );
  });
  test("crossEntropy: a probability target of the wrong shape → ShapeError", () => {
    throwsWith(() => losses.crossEntropy(x35(), zeros([3, 4])), ShapeError, "[3, 4]", "[3, 5]");
  });
  test("crossEntropy / nll / multiMargin: weight not [C] → ShapeError", () => {
    throwsWith(
      () => losses.crossEntropy(x35(), [0, 1, 2], { weight: [1, 2] }),
      ShapeError,
      "[2]",
      "[5]",
    );
    throwsWith(() => losses.nll(x35(), [0, 1, 2], { weight: [1, 2, 3] }), ShapeError, "[3]");
    throwsWith(() => losses.multiMargin(x35(), [0, 1, 2], { weight: [1] }), ShapeError, "[1]");
  });
  test("crossEntropy: rank-0 input → ShapeError", () => {
    throwsWith(() => losses.crossEntropy(tensor(1), 0), ShapeError, "[]");
  });
  test("multilabelMargin: label ≥ C or < −1 → IndexError; fraction → ValueError", () => {
    throwsWith(
      () =>
        losses.multilabelMargin(zeros([2, 3]), [
          [0, 3, -1],
          [1, -1, 0],
        ]),
      IndexError,
      "sample 0",
      "class 3",
    );
    throwsWith(
      () =>
        losses.multilabelMargin(zeros([2, 3]), [
          [0, -1, 0],
          [-2, -1, 0],
        ]),
      IndexError,
      "sample 1",
      "class -2",
    );
    throwsWith(
      () =>
        losses.multilabelMargin(
          zeros([2, 3]),
          tensor([
            [0.5, -1, 0],
            [1, -1, 0],
          ]),
        ),
      ValueError,
      "0.5",
    );
    throwsWith(
      () => losses.multilabelMargin(zeros([2, 3]), zeros([2, 2])),
      ShapeError,
      "[2, 2]",
      "[2, 3]",
    );
  });
});

describe("target shapes", () => {
  const cases: [string, () => unknown][] = [
    ["mse", () => losses.mse(zeros([2, 3]), zeros([3]))],
    ["l1", () => losses.l1(zeros([2, 3]), zeros([3]))],
    ["smoothL1", () => losses.smoothL1(zeros([2, 3]), zeros([3]))],
    ["huber", () => losses.huber(zeros([2, 3]), zeros([3]))],
    ["bce", () => losses.bce(zeros([2, 3]), zeros([3]))],
    ["bceWithLogits", () => losses.bceWithLogits(zeros([2, 3]), zeros([3]))],
    ["softMargin", () => losses.softMargin(zeros([2, 3]), [1, 1, 1])],
    ["hingeEmbedding", () => losses.hingeEmbedding(zeros([2, 3]), [1, 1, 1])],
    ["margin", () => losses.margin(zeros([2, 3]), [1, 1, 1])],
    ["klDiv", () => losses.klDiv(zeros([2, 3]), zeros([3]))],
  ];
  for (const [name, fn] of cases) {
    test(`${name}: target [3] for input [2, 3] → ShapeError naming both`, () => {
      throwsWith(fn, ShapeError, name, "[3]", "[2, 3]");
    });
  }
  test("pair losses: mismatched inputs or labels → ShapeError", () => {
    throwsWith(
      () => losses.cosineEmbedding(zeros([2, 3]), zeros([2, 4]), [1, 1]),
      ShapeError,
      "[2, 3]",
      "[2, 4]",
    );
    throwsWith(
      () => losses.cosineEmbedding(zeros([2, 3]), zeros([2, 3]), [1, 1, 1]),
      ShapeError,
      "[3]",
      "[2]",
    );
    throwsWith(
      () => losses.l1HingeEmbedding(zeros([2, 3]), zeros([3]), [1, 1]),
      ShapeError,
      "[2, 3]",
      "[3]",
    );
    throwsWith(
      () => losses.marginRanking(zeros([4]), zeros([3]), [1, 1, 1, 1]),
      ShapeError,
      "[3]",
      "[4]",
    );
    throwsWith(
      () => losses.tripletMargin(zeros([2, 3]), zeros([2, 3]), zeros([3, 3])),
      ShapeError,
      "negative",
      "[3, 3]",
    );
  });
  test("bce / bceWithLogits: weight that does not broadcast → ShapeError", () => {
    throwsWith(
      () => losses.bce(zeros([2, 3]), zeros([2, 3]), { weight: [1, 2] }),
      ShapeError,
      "[2]",
      "[2, 3]",
    );
    throwsWith(
      () => losses.bceWithLogits(zeros([2, 3]), zeros([2, 3]), { posWeight: [1, 2] }),
      ShapeError,
      "posWeight",
    );
  });
});

describe("±1 labels", () => {
  const bad = [1, 0, -1];
  const cases: [string, () => unknown][] = [
    ["margin", () => losses.margin(zeros([3]), bad)],
    ["softMargin", () => losses.softMargin(zeros([3]), bad)],
    ["hingeEmbedding", () => losses.hingeEmbedding(zeros([3]), bad)],
    ["marginRanking", () => losses.marginRanking(zeros([3]), zeros([3]), bad)],
    ["cosineEmbedding", () => losses.cosineEmbedding(zeros([3, 2]), zeros([3, 2]), bad)],
    ["l1HingeEmbedding", () => losses.l1HingeEmbedding(zeros([3, 2]), zeros([3, 2]), bad)],
  ];
  for (const [name, fn] of cases) {
    test(`${name}: label 0 → ValueError`, () =>
      throwsWith(fn, ValueError, name, "target[1] is 0", "1 or -1"));
  }
});

describe("options", () => {
  const all: [string, (r: unknown) => unknown][] = [
    ["mse", (r) => losses.mse(zeros([2]), zeros([2]), { reduction: r as "mean" })],
    ["crossEntropy", (r) => losses.crossEntropy(x35(), [0, 1, 2], { reduction: r as "mean" })],
    [
      "tripletMargin",
      (r) => losses.tripletMargin(zeros([3]), zeros([3]), zeros([3]), { reduction: r as "mean" }),
    ],
    ["klDiv", (r) => losses.klDiv(zeros([2]), zeros([2]), { reduction: r as "mean" })],
  ];
  for (const [name, fn] of all) {
    test(`${name}: unknown reduction → ValueError listing the allowed ones`, () => {
      throwsWith(() => fn("avg"), ValueError, name, '"avg"', '"mean"', '"sum"', '"none"');
    });
  }
  test("batchmean only for klDiv", () => {
    throwsWith(
      () => losses.mse(zeros([2]), zeros([2]), { reduction: "batchmean" as "mean" }),
      ValueError,
      "batchmean",
    );
    assert.equal(losses.klDiv(zeros([2, 2]), zeros([2, 2]), { reduction: "batchmean" }).item(), 0);
  });
  test("out-of-range numeric options → ValueError", () => {
    throwsWith(() => losses.smoothL1(zeros([2]), zeros([2]), { beta: -1 }), ValueError, "beta");
    throwsWith(() => losses.huber(zeros([2]), zeros([2]), { delta: 0 }), ValueError, "delta");
    throwsWith(
      () => losses.crossEntropy(x35(), [0, 1, 2], { labelSmoothing: 1.5 }),
      ValueError,
      "labelSmoothing",
    );
    throwsWith(() => losses.multiMargin(x35(), [0, 1, 2], { p: 3 as 1 }), ValueError, "p is 3");
    throwsWith(
      () => losses.tripletMargin(zeros([3]), zeros([3]), zeros([3]), { p: 0 }),
      ValueError,
      "p is 0",
    );
  });
  test("bce: an input outside [0, 1] → ValueError naming the element", () => {
    throwsWith(() => losses.bce(tensor([0.5, 1.5]), tensor([0, 1])), ValueError, "input[1] is 1.5");
    throwsWith(() => losses.bce(tensor([NaN]), tensor([0])), ValueError, "NaN");
  });
});

describe("mean over zero elements", () => {
  test("crossEntropy with every target ignored: NaN (as PyTorch), gradient 0", () => {
    const x = zeros([2, 3], { requiresGrad: true });
    const l = losses.crossEntropy(x, [-100, -100]);
    assert.ok(Number.isNaN(l.item()));
    l.backward();
    assert.deepEqual(Array.from(x.grad!.data), [0, 0, 0, 0, 0, 0]);
    assert.equal(losses.crossEntropy(x, [-100, -100], { reduction: "sum" }).item(), 0);
    assert.ok(Number.isNaN(losses.crossEntropy(x, [-100, -100], { labelSmoothing: 0.1 }).item()));
  });
  test("mse over an empty batch: NaN for mean (0/0, as PyTorch), 0 for sum", () => {
    assert.ok(Number.isNaN(losses.mse(zeros([0, 3]), zeros([0, 3])).item()));
    assert.equal(losses.mse(zeros([0, 3]), zeros([0, 3]), { reduction: "sum" }).item(), 0);
  });
});

describe("poissonNll, gaussianNll, multilabelSoftMargin", () => {
  test("target of another shape → ShapeError naming both", () => {
    throwsWith(() => losses.poissonNll(zeros([2, 3]), zeros([3])), ShapeError, "[3]", "[2, 3]");
    throwsWith(() => losses.multilabelSoftMargin(zeros([2, 3]), zeros([3])), ShapeError, "[2, 3]");
    // gaussianNll's target may broadcast with size-1 axes ([2, 1]) but not grow or mismatch
    throwsWith(
      () => losses.gaussianNll(zeros([2, 3]), zeros([3, 3]), zeros([2, 3])),
      ShapeError,
      "target",
      "[3, 3]",
    );
  });
  test("gaussianNll: var of a shape PyTorch rejects → ShapeError listing the three forms", () => {
    throwsWith(
      () => losses.gaussianNll(zeros([4, 3]), zeros([4, 3]), zeros([3])),
      ShapeError,
      "var shape [3]",
      "[4, 3], [4] or [4, 1]",
    );
    throwsWith(
      () => losses.gaussianNll(zeros([4, 3]), zeros([4, 3]), zeros([4, 2])),
      ShapeError,
      "[4, 2]",
    );
  });
  test("gaussianNll: a negative or NaN variance → ValueError naming the element", () => {
    const x = zeros([2, 2]);
    throwsWith(
      () =>
        losses.gaussianNll(
          x,
          x,
          tensor([
            [1, 1],
            [-0.5, 1],
          ]),
        ),
      ValueError,
      "var[2] is -0.5",
    );
    throwsWith(() => losses.gaussianNll(x, x, tensor([NaN, 1])), ValueError, "var[0] is NaN");
  });
  test("out-of-range eps, unknown reduction → ValueError", () => {
    const x = zeros([2, 2]);
    throwsWith(() => losses.poissonNll(x, x, { eps: -1 }), ValueError, "poissonNll", "eps");
    throwsWith(() => losses.gaussianNll(x, x, x, { eps: 0 }), ValueError, "gaussianNll", "eps");
    throwsWith(
      () => losses.multilabelSoftMargin(x, x, { reduction: "avg" as "mean" }),
      ValueError,
      '"avg"',
    );
  });
  test("multilabelSoftMargin: a scalar input (no class axis) → ShapeError; weight not [C]", () => {
    throwsWith(() => losses.multilabelSoftMargin(tensor(1), tensor(1)), ShapeError, "class axis");
    throwsWith(
      () => losses.multilabelSoftMargin(zeros([2, 3]), zeros([2, 3]), { weight: [1, 2] }),
      ShapeError,
      "weight",
    );
  });
  test("gaussianNll: var at 0 is read as eps (finite), poissonNll rates at 0 need eps", () => {
    const x = tensor([0.5, -1]);
    assert.ok(Number.isFinite(losses.gaussianNll(x, zeros([2]), zeros([2])).item()));
    const l = losses.poissonNll(zeros([2]), tensor([1, 2]), { logInput: false, eps: 0 });
    assert.equal(l.item(), Infinity); // −y ln 0, as PyTorch
  });
});
