// Every misuse listed here throws a typed error whose message names the op and the shapes or
// values involved: shape mismatch, unknown dtype, non-rectangular nested arrays, NaN (or a
// fraction) where an integer index is required, out-of-range indices, and backward misuse.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck } from "../../src/diagnostics/gradcheck.js";
import {
  DTypeError,
  GradError,
  IndexError,
  MyelinError,
  NonFiniteError,
  ShapeError,
  ValueError,
} from "../../src/errors.js";
import * as ops from "../../src/ops/index.js";
import {
  arange,
  eye,
  full,
  linspace,
  ones,
  rand,
  randn,
  tensor,
  zeros,
  type CreateOptions,
} from "../../src/tensor/create.js";
import type { DType } from "../../src/tensor/dtype.js";
import { Random } from "../../src/tensor/random.js";
import { Tensor, type NestedArray } from "../../src/tensor/tensor.js";

type ErrorClass = new (...args: never[]) => Error;

/** fn throws an instance of `cls` whose message matches `pattern`. */
function throwsTyped(fn: () => unknown, cls: ErrorClass, pattern: RegExp): void {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== null, `expected ${cls.name} matching ${pattern}, nothing was thrown`);
  assert.ok(
    caught instanceof cls,
    `expected ${cls.name}, got ${String(caught)} (${(caught as Error).constructor.name})`,
  );
  assert.match((caught as Error).message, pattern);
}

const t = (shape: number[]): Tensor => zeros(shape);

describe("shape mismatch → ShapeError naming the op and both shapes", () => {
  const binaries = [
    "add",
    "sub",
    "mul",
    "div",
    "pow",
    "maximum",
    "minimum",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
  ] as const;
  for (const name of binaries) {
    test(name, () => {
      const f = ops[name] as (a: Tensor, b: Tensor) => Tensor;
      throwsTyped(
        () => f(t([2, 3]), t([4])),
        ShapeError,
        new RegExp(`${name}.*\\[2, 3\\].*\\[4\\]`),
      );
      throwsTyped(
        () => f(t([5]), t([2, 3])),
        ShapeError,
        new RegExp(`${name}.*\\[5\\].*\\[2, 3\\]`),
      );
    });
  }

  test("method forms give the same errors", () => {
    throwsTyped(() => t([2, 3]).add(t([4])), ShapeError, /add.*\[2, 3\].*\[4\]/);
    throwsTyped(() => t([2]).mul(t([3, 1, 4])), ShapeError, /mul.*\[2\].*\[3, 1, 4\]/);
  });

  test("where", () => {
    throwsTyped(() => ops.where(t([2]), t([3]), 0), ShapeError, /where.*\[2\].*\[3\]/);
    throwsTyped(() => ops.where(t([3]), t([3]), t([2, 2])), ShapeError, /where.*\[3\].*\[2, 2\]/);
  });

  test("matmul: inner dims, rank < 2, batch dims", () => {
    throwsTyped(
      () => t([2, 3]).matmul(t([4, 5])),
      ShapeError,
      /matmul.*\[2, 3\].*\[4, 5\].*3 vs 4/,
    );
    throwsTyped(() => t([3]).matmul(t([3, 2])), ShapeError, /matmul.*\[3\].*\[3, 2\]/);
    throwsTyped(
      () => t([2, 3, 4]).matmul(t([3, 4, 5])),
      ShapeError,
      /matmul.*\[2, 3, 4\].*\[3, 4, 5\]/,
    );
    throwsTyped(
      () => ops.matmulT(t([2, 3]), t([2, 3]), false, false),
      ShapeError,
      /matmul.*\[2, 3\]/,
    );
  });

  test("movement ops", () => {
    throwsTyped(() => t([2, 3]).reshape(4), ShapeError, /reshape.*\[2, 3\].*\[4\]/);
    throwsTyped(() => t([2, 3]).reshape(-1, 4), ShapeError, /reshape.*\[2, 3\].*\[-1, 4\]/);
    throwsTyped(() => t([2, 3]).reshape(-1, -1), ShapeError, /reshape.*\[2, 3\].*\[-1, -1\]/);
    throwsTyped(() => t([3]).expand([2, 4]), ShapeError, /expand.*\[3\].*\[2, 4\]/);
    throwsTyped(() => t([2, 1]).expand([1]), ShapeError, /expand.*\[2, 1\].*\[1\]/);
    throwsTyped(() => t([2, 3]).squeeze(1), ShapeError, /squeeze.*\[2, 3\]/);
    throwsTyped(() => t([3]).transpose(), ShapeError, /transpose.*\[3\]/);
    throwsTyped(() => t([2, 3]).permute(0, 0), ShapeError, /permute.*\[0, 0\].*\[2, 3\]/);
    throwsTyped(() => t([2, 3]).permute(0), ShapeError, /permute.*\[2, 3\]/);
    throwsTyped(() => ops.concat([t([2, 3]), t([2, 4])]), ShapeError, /concat.*\[2, 3\].*\[2, 4\]/);
    throwsTyped(() => ops.concat([t([2, 3]), t([3])]), ShapeError, /concat.*\[2, 3\].*\[3\]/);
    throwsTyped(() => ops.stack([t([2]), t([3])]), ShapeError, /stack.*\[2\].*\[3\]/);
  });

  test("gather index shape, empty reductions, item, constructors", () => {
    throwsTyped(() => t([2, 2]).gather(1, t([3, 3])), ShapeError, /gather.*\[3, 3\].*\[2, 2\]/);
    throwsTyped(() => t([2, 2]).gather(0, [0, 1]), ShapeError, /gather.*\[2\].*\[2, 2\]/);
    throwsTyped(() => t([0, 3]).max(), ShapeError, /max.*\[0, 3\]/);
    throwsTyped(() => t([0]).argmin(), ShapeError, /argmin.*\[0\]/);
    throwsTyped(() => t([2]).item(), ShapeError, /item.*\[2\]/);
    throwsTyped(() => new Tensor(new Float32Array(3), [2, 2]), ShapeError, /3 elements.*\[2, 2\]/);
    throwsTyped(() => zeros([2, -1]), ShapeError, /zeros.*\[2, -1\]/);
    throwsTyped(() => ones([1.5]), ShapeError, /ones.*\[1\.5\]/);
  });
});

describe("unknown dtype → DTypeError naming the function and the dtype", () => {
  const bad = "int32" as unknown as DType;
  const opts: CreateOptions = { dtype: bad };
  const cases: [string, () => unknown][] = [
    ["tensor", () => tensor([1, 2], opts)],
    ["zeros", () => zeros([2], opts)],
    ["ones", () => ones([2], opts)],
    ["full", () => full([2], 1, opts)],
    ["arange", () => arange(3, undefined, 1, opts)],
    ["linspace", () => linspace(0, 1, 3, opts)],
    ["eye", () => eye(2, 2, opts)],
    ["randn", () => randn([2], opts)],
    ["rand", () => rand([2], opts)],
    ["to", () => tensor([1]).to(bad)],
    ["to", () => ops.cast(tensor([1]), bad)],
  ];
  for (const [name, fn] of cases) {
    test(name, () => throwsTyped(fn, DTypeError, new RegExp(`^${name}\\b.*"int32"`)));
  }

  test("gradcheck refuses float32 inputs, naming the input and its dtype", () => {
    throwsTyped(
      () => gradcheck((x) => x.sum(), [tensor([1, 2])]),
      DTypeError,
      /gradcheck.*input 0.*float32/,
    );
  });
});

describe("malformed nested arrays", () => {
  test("non-rectangular → ShapeError naming both sub-shapes", () => {
    throwsTyped(() => tensor([[1, 2], [3]]), ShapeError, /tensor.*rectangular.*\[2\].*\[1\]/);
    throwsTyped(
      () => tensor([[[1], [2]], [[3]]]),
      ShapeError,
      /tensor.*rectangular.*\[2, 1\].*\[1, 1\]/,
    );
    throwsTyped(() => tensor([[1, 2], 3] as NestedArray), ShapeError, /tensor.*\[2\].*\[\]/);
  });

  test("non-numbers → ValueError naming the position", () => {
    const withString = [1, "a"] as unknown as NestedArray;
    throwsTyped(() => tensor(withString), ValueError, /tensor.*\[1\].*string "a"/);
    const withNull = [[1], [null]] as unknown as NestedArray;
    throwsTyped(() => tensor(withNull), ValueError, /tensor.*\[1\]\[0\].*null/);
  });
});

describe("NaN or a fraction where an integer is required → ValueError", () => {
  const x = t([3, 4]);
  const cases: [string, () => unknown, RegExp][] = [
    ["indexSelect NaN", () => x.indexSelect([0, NaN]), /indexSelect.*index 1.*NaN/],
    ["indexSelect fraction", () => x.indexSelect([1.5]), /indexSelect.*1\.5/],
    ["indexSelect tensor NaN", () => x.indexSelect(tensor([NaN])), /indexSelect.*NaN/],
    ["gather NaN", () => x.gather(1, tensor([[0], [NaN], [1]])), /gather.*NaN/],
    ["sum axis NaN", () => x.sum(NaN), /sum.*axis.*NaN/],
    ["mean axis NaN", () => x.mean([0, NaN]), /mean.*axis.*NaN/],
    ["max axis NaN", () => x.max(NaN), /max.*axis.*NaN/],
    ["argmax axis NaN", () => x.argmax(NaN), /argmax.*axis.*NaN/],
    ["logSumExp axis NaN", () => x.logSumExp(NaN), /logSumExp.*axis.*NaN/],
    ["unsqueeze NaN", () => x.unsqueeze(NaN), /unsqueeze.*NaN/],
    ["squeeze NaN", () => x.squeeze(NaN), /squeeze.*NaN/],
    ["transpose NaN", () => x.transpose(NaN, 0), /transpose.*NaN/],
    ["permute NaN", () => x.permute(NaN, 0), /permute.*NaN/],
    ["slice axis NaN", () => x.slice(NaN, 0), /slice.*NaN/],
    ["slice start NaN", () => x.slice(0, NaN), /slice.*NaN/],
    ["slice end fraction", () => x.slice(0, 0, 1.5), /slice.*1\.5/],
    ["concat axis NaN", () => ops.concat([x, x], NaN), /concat.*NaN/],
    ["stack axis NaN", () => ops.stack([x, x], NaN), /stack.*NaN/],
    ["linspace count NaN", () => linspace(0, 1, NaN), /linspace.*NaN/],
    ["arange end NaN", () => arange(0, NaN), /arange.*NaN/],
    ["clamp bound NaN", () => x.clamp(NaN, 1), /clamp.*NaN/],
    ["seed NaN", () => new Random(NaN), /seed.*NaN/],
  ];
  for (const [label, fn, pattern] of cases) test(label, () => throwsTyped(fn, ValueError, pattern));

  test("other malformed values", () => {
    throwsTyped(() => arange(0, 5, 0), ValueError, /arange.*step/);
    throwsTyped(() => t([2]).clamp(1, 0), ValueError, /clamp.*min \(1\).*max \(0\)/);
    throwsTyped(() => ops.concat([]), ValueError, /concat/);
    throwsTyped(() => ops.stack([]), ValueError, /stack/);
  });
});

describe("out-of-range indices and axes → IndexError (a MyelinError)", () => {
  const x = t([3, 4]);
  const cases: [string, () => unknown, RegExp][] = [
    ["indexSelect index", () => x.indexSelect([0, 3]), /indexSelect.*index 3.*size 3/],
    ["indexSelect negative", () => x.indexSelect([-4]), /indexSelect.*-4.*size 3/],
    ["gather index", () => x.gather(1, tensor([[4], [0], [0]])), /gather.*index 4.*size 4/],
    ["sum axis", () => x.sum(2), /sum.*axis 2.*rank 2/],
    ["max axis", () => x.max(-3), /max.*axis -3.*rank 2/],
    ["slice axis", () => x.slice(5, 0), /slice.*axis 5.*rank 2/],
    ["unsqueeze axis", () => x.unsqueeze(4), /unsqueeze.*axis 4/],
    ["concat axis", () => ops.concat([x, x], 2), /concat.*axis 2.*rank 2/],
    ["stack axis", () => ops.stack([x, x], 4), /stack.*axis 4/],
  ];
  for (const [label, fn, pattern] of cases) {
    test(label, () => {
      throwsTyped(fn, IndexError, pattern);
      throwsTyped(fn, MyelinError, pattern);
    });
  }
});

describe("backward misuse → GradError", () => {
  test("non-scalar without a gradient names the shape", () => {
    const y = tensor([[1, 2, 3]], { requiresGrad: true }).mul(tensor([[1], [2]]));
    throwsTyped(() => y.backward(), GradError, /backward.*\[2, 3\]/);
  });

  test("gradient of the wrong shape names both shapes", () => {
    const y = tensor([1, 2], { requiresGrad: true }).mul(2);
    throwsTyped(() => y.backward(zeros([2, 1])), GradError, /backward.*\[2, 1\].*\[2\]/);
  });

  test("typed errors share the MyelinError base, IndexError included", () => {
    for (const E of [ShapeError, DTypeError, ValueError, IndexError, GradError, NonFiniteError])
      assert.ok(new E("x") instanceof MyelinError);
    assert.equal(new IndexError("x").name, "IndexError");
    assert.equal(new ShapeError("x").name, "ShapeError");
  });
});
