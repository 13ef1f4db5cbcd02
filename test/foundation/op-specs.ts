// The op table (in the spirit of PyTorch's OpInfo): every exported op of src/ops/index.ts once,
// with sample input shapes, the input domain each sample draws from (away from kinks and tiny
// gradients), and a scalar float64 reference for elementwise ops. Generic suites loop over it;
// a meta-test fails when an export has no entry. This file holds data, not assertions; it is one
// table on purpose, so it runs past the usual 300-line budget.
import * as ops from "../../src/ops/index.js";
import { Random } from "../../src/tensor/random.js";
import { Tensor } from "../../src/tensor/tensor.js";

export type OpFamily = "binary" | "unary" | "matmul" | "reduce" | "movement" | "index" | "cast";

/** Draws `n` float64 values for one input. */
export type Domain = (rng: Random, n: number) => number[];

export interface OpSample {
  /** What the sample exercises, e.g. "broadcast [3, 1] + [4]". */
  label: string;
  /** Shapes of the differentiable inputs. */
  shapes: number[][];
  /** Applies the op to the inputs (constant arguments — axes, indices — live here). */
  call: (...xs: Tensor[]) => Tensor;
  /** Per-input domains for this sample (defaults to the spec's). */
  domains?: Domain[];
  /** Scalar reference when the sample fixes an argument (e.g. x ** 3); else the spec's. */
  reference?: (...v: number[]) => number;
}

export interface OpSpec {
  /** Export name in src/ops/index.ts. */
  name: string;
  family: OpFamily;
  samples: OpSample[];
  /** Per-input domains (one entry per input; the last one repeats). */
  domains: Domain[];
  /** Scalar float64 reference for elementwise ops: y = reference(a, b, …). */
  reference?: (...v: number[]) => number;
  /** Finite-difference step for gradcheck (default 1e-6). */
  eps?: number;
}

// ---- domains ---------------------------------------------------------------------------------

/** Uniform in [lo, hi). */
export const uniform =
  (lo: number, hi: number): Domain =>
  (rng, n) =>
    Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());

/** |x| uniform in [lo, hi) with a random sign: stays clear of a kink at 0. */
export const awayFromZero =
  (lo: number, hi: number): Domain =>
  (rng, n) =>
    Array.from(
      { length: n },
      () => (rng.uniform() < 0.5 ? -1 : 1) * (lo + (hi - lo) * rng.uniform()),
    );

/**
 * Values (2k + parity)·step for random k in [−K, K]: two inputs with different parity differ by at
 * least `step`, so maximum/minimum never tie; odd values also avoid clamp bounds on even grid points.
 */
export const grid =
  (parity: 0 | 1, step = 0.1, K = 8): Domain =>
  (rng, n) =>
    Array.from({ length: n }, () => (2 * (rng.int(2 * K + 1) - K) + parity) * step);

/** Distinct values ±(0.3 + 0.1·k) in random order: max/min/argmax have a unique winner. */
export const distinct: Domain = (rng, n) => {
  const p = rng.permutation(n);
  return Array.from(p, (k, i) => (i % 2 === 0 ? 1 : -1) * (0.3 + 0.1 * k));
};

/** Multiples of 2⁻⁸ in [−2, 2]: exact in float32, so a float64 → float32 cast loses nothing. */
export const dyadic: Domain = (rng, n) =>
  Array.from({ length: n }, () => (rng.int(1025) - 512) / 256);

const standard = uniform(-2, 2);

// ---- building inputs ---------------------------------------------------------------------------

/** Float64 inputs for a sample, drawn from its domains with a fixed seed. */
export function sampleInputs(spec: OpSpec, sample: OpSample, seed = 1): Tensor[] {
  const rng = new Random(seed);
  const domains = sample.domains ?? spec.domains;
  return sample.shapes.map((shape, i) => {
    const n = shape.reduce((p, d) => p * d, 1);
    const domain = domains[Math.min(i, domains.length - 1)];
    return new Tensor(Float64Array.from(domain(rng, n)), shape);
  });
}

/** A constant float64 tensor from nested rows (for conditions and fixed indices). */
function constant(rows: number[][]): Tensor {
  return new Tensor(Float64Array.from(rows.flat()), [rows.length, rows[0].length]);
}

// ---- sample sets -------------------------------------------------------------------------------

/** Binary elementwise samples: same shape, three broadcast cases, rank 0, size 0. */
function binarySamples(f: (a: Tensor, b: Tensor) => Tensor): OpSample[] {
  const s = (label: string, shapes: number[][]): OpSample => ({ label, shapes, call: f });
  return [
    s("same shape [2, 3]", [
      [2, 3],
      [2, 3],
    ]),
    s("broadcast [3, 1] ∘ [4]", [[3, 1], [4]]),
    s("broadcast [2, 3, 4] ∘ [4]", [[2, 3, 4], [4]]),
    s("broadcast [1] ∘ [2, 2]", [[1], [2, 2]]),
    s("rank 0 ∘ [2, 3]", [[], [2, 3]]),
    s("rank 0 ∘ rank 0", [[], []]),
    s("size 0 [0, 3] ∘ [3]", [[0, 3], [3]]),
  ];
}

function unarySamples(f: (x: Tensor) => Tensor): OpSample[] {
  return [
    { label: "[2, 3]", shapes: [[2, 3]], call: f },
    { label: "rank 0", shapes: [[]], call: f },
    { label: "[2, 1, 3]", shapes: [[2, 1, 3]], call: f },
    { label: "size 0 [0]", shapes: [[0]], call: f },
  ];
}

function binary(
  name: string,
  f: (a: Tensor, b: Tensor) => Tensor,
  reference: (a: number, b: number) => number,
  domains: Domain[] = [standard],
  extra: OpSample[] = [],
): OpSpec {
  return { name, family: "binary", samples: [...binarySamples(f), ...extra], domains, reference };
}

function unary(
  name: string,
  f: (x: Tensor) => Tensor,
  reference: (x: number) => number,
  domain: Domain = standard,
): OpSpec {
  return { name, family: "unary", samples: unarySamples(f), domains: [domain], reference };
}

/**
 * matmul is linear in each single input element, so the central difference has no truncation
 * error and a larger step only shrinks rounding error (some dA entries are small, ~3e-3, from
 * cancellation, and their relative error at h = 1e-6 is ~6e-7).
 */
const BILINEAR_EPS = 1e-4;

const sigmoidRef = (x: number) => 1 / (1 + Math.exp(-x));

// ---- the table: differentiable ops -------------------------------------------------------------

export const DIFFERENTIABLE_OPS: OpSpec[] = [
  binary(
    "add",
    ops.add,
    (a, b) => a + b,
    [standard],
    [
      {
        label: "tensor + number",
        shapes: [[2, 3]],
        call: (a) => ops.add(a, 0.5),
        reference: (a) => a + 0.5,
      },
    ],
  ),
  binary(
    "sub",
    ops.sub,
    (a, b) => a - b,
    [standard],
    [
      {
        label: "number − tensor",
        shapes: [[2, 3]],
        call: (b) => ops.sub(0.5, b),
        reference: (b) => 0.5 - b,
      },
    ],
  ),
  binary("mul", ops.mul, (a, b) => a * b),
  binary("div", ops.div, (a, b) => a / b, [standard, awayFromZero(0.5, 2)]),
  binary(
    "pow",
    ops.pow,
    (a, b) => Math.pow(a, b),
    [uniform(0.5, 2), uniform(-1.5, 1.5)],
    [
      {
        label: "x ** 3 (number exponent)",
        shapes: [[2, 3]],
        call: (a) => ops.pow(a, 3),
        reference: (a) => Math.pow(a, 3),
      },
      {
        label: "negative base, integer exponent",
        shapes: [[2, 3]],
        call: (a) => ops.pow(a, 2),
        domains: [uniform(-2, -0.5)],
        reference: (a) => Math.pow(a, 2),
      },
    ],
  ),
  binary("maximum", ops.maximum, (a, b) => Math.max(a, b), [grid(0), grid(1)]),
  binary("minimum", ops.minimum, (a, b) => Math.min(a, b), [grid(0), grid(1)]),
  {
    name: "where",
    family: "binary",
    domains: [standard],
    samples: [
      {
        label: "cond [2, 3], a [2, 3], b [2, 3]",
        shapes: [
          [2, 3],
          [2, 3],
        ],
        call: (a, b) =>
          ops.where(
            constant([
              [1, 0, 1],
              [0, 0, 1],
            ]),
            a,
            b,
          ),
      },
      {
        label: "cond [3, 1], a [4], b rank 0",
        shapes: [[4], []],
        call: (a, b) => ops.where(constant([[1], [0], [1]]), a, b),
      },
      {
        label: "cond [1, 4], a [3, 1], b number",
        shapes: [[3, 1]],
        call: (a) => ops.where(constant([[0, 1, 1, 0]]), a, 2),
      },
    ],
  },
  unary("neg", ops.neg, (x) => -x),
  unary("exp", ops.exp, Math.exp),
  unary("log", ops.log, Math.log, uniform(0.5, 2.5)),
  unary("log1p", ops.log1p, Math.log1p, uniform(-0.5, 2)),
  unary("sqrt", ops.sqrt, Math.sqrt, uniform(0.5, 3)),
  unary("square", ops.square, (x) => x * x),
  unary("abs", ops.abs, Math.abs, awayFromZero(0.1, 2)),
  unary("tanh", ops.tanh, Math.tanh),
  unary("sigmoid", ops.sigmoid, sigmoidRef),
  unary("relu", ops.relu, (x) => Math.max(0, x), awayFromZero(0.1, 2)),
  {
    name: "clamp",
    family: "unary",
    domains: [grid(1, 0.05, 20)],
    reference: (x) => Math.min(Math.max(x, -0.5), 0.5),
    samples: [
      ...unarySamples((x) => ops.clamp(x, -0.5, 0.5)),
      {
        label: "min only",
        shapes: [[2, 3]],
        call: (x) => ops.clamp(x, -0.5),
        reference: (x) => Math.max(x, -0.5),
      },
      {
        label: "max only",
        shapes: [[2, 3]],
        call: (x) => ops.clamp(x, null, 0.5),
        reference: (x) => Math.min(x, 0.5),
      },
    ],
  },
  {
    name: "matmul",
    family: "matmul",
    domains: [standard],
    eps: BILINEAR_EPS,
    samples: [
      {
        label: "2-D [3, 4]·[4, 2]",
        shapes: [
          [3, 4],
          [4, 2],
        ],
        call: ops.matmul,
      },
      {
        label: "batched [2, 3, 4]·[2, 4, 5]",
        shapes: [
          [2, 3, 4],
          [2, 4, 5],
        ],
        call: ops.matmul,
      },
      {
        label: "broadcast batch [2, 1, 3, 4]·[3, 4, 2]",
        shapes: [
          [2, 1, 3, 4],
          [3, 4, 2],
        ],
        call: ops.matmul,
      },
      {
        label: "2-D · batched [3, 4]·[2, 4, 5]",
        shapes: [
          [3, 4],
          [2, 4, 5],
        ],
        call: ops.matmul,
      },
      {
        label: "size 0 inner dim [2, 0]·[0, 3]",
        shapes: [
          [2, 0],
          [0, 3],
        ],
        call: ops.matmul,
      },
    ],
  },
  {
    name: "matmulT",
    family: "matmul",
    domains: [standard],
    eps: BILINEAR_EPS,
    samples: [
      {
        label: "Aᵀ·B",
        shapes: [
          [4, 3],
          [4, 2],
        ],
        call: (a, b) => ops.matmulT(a, b, true, false),
      },
      {
        label: "A·Bᵀ",
        shapes: [
          [3, 4],
          [2, 4],
        ],
        call: (a, b) => ops.matmulT(a, b, false, true),
      },
      {
        label: "Aᵀ·Bᵀ",
        shapes: [
          [4, 3],
          [2, 4],
        ],
        call: (a, b) => ops.matmulT(a, b, true, true),
      },
      {
        label: "batched broadcast Aᵀ·Bᵀ [2, 1, 4, 3]·[3, 2, 4]",
        shapes: [
          [2, 1, 4, 3],
          [3, 2, 4],
        ],
        call: (a, b) => ops.matmulT(a, b, true, true),
      },
    ],
  },
  {
    name: "sum",
    family: "reduce",
    domains: [standard],
    samples: [
      { label: "all", shapes: [[2, 3, 4]], call: (x) => ops.sum(x) },
      { label: "axis 1", shapes: [[2, 3, 4]], call: (x) => ops.sum(x, 1) },
      { label: "axes [0, 2] keepDims", shapes: [[2, 3, 4]], call: (x) => ops.sum(x, [0, 2], true) },
      { label: "axis −1", shapes: [[3, 4]], call: (x) => ops.sum(x, -1) },
      { label: "rank 0", shapes: [[]], call: (x) => ops.sum(x) },
      { label: "size 0 [0, 3] axis 0", shapes: [[0, 3]], call: (x) => ops.sum(x, 0) },
    ],
  },
  {
    name: "mean",
    family: "reduce",
    domains: [standard],
    samples: [
      { label: "all", shapes: [[2, 3, 4]], call: (x) => ops.mean(x) },
      { label: "axis 0 keepDims", shapes: [[2, 3, 4]], call: (x) => ops.mean(x, 0, true) },
      { label: "axes [1, 2]", shapes: [[2, 3, 4]], call: (x) => ops.mean(x, [1, 2]) },
      { label: "rank 0", shapes: [[]], call: (x) => ops.mean(x) },
    ],
  },
  {
    name: "max",
    family: "reduce",
    domains: [distinct],
    samples: [
      { label: "all", shapes: [[3, 4]], call: (x) => ops.max(x) },
      { label: "axis 1", shapes: [[3, 4]], call: (x) => ops.max(x, 1) },
      { label: "axis 0 keepDims", shapes: [[2, 3, 4]], call: (x) => ops.max(x, 0, true) },
      { label: "rank 0", shapes: [[]], call: (x) => ops.max(x) },
    ],
  },
  {
    name: "min",
    family: "reduce",
    domains: [distinct],
    samples: [
      { label: "all", shapes: [[3, 4]], call: (x) => ops.min(x) },
      { label: "axis −1", shapes: [[2, 3, 4]], call: (x) => ops.min(x, -1) },
      { label: "axis 1 keepDims", shapes: [[3, 4]], call: (x) => ops.min(x, 1, true) },
    ],
  },
  {
    name: "logSumExp",
    family: "reduce",
    domains: [standard],
    samples: [
      { label: "axis 1", shapes: [[3, 4]], call: (x) => ops.logSumExp(x, 1) },
      { label: "axis 0 keepDims", shapes: [[2, 3, 4]], call: (x) => ops.logSumExp(x, 0, true) },
      { label: "axis −1 of [5]", shapes: [[5]], call: (x) => ops.logSumExp(x, -1) },
    ],
  },
  {
    name: "reshape",
    family: "movement",
    domains: [standard],
    samples: [
      { label: "[2, 3, 4] → [6, 4]", shapes: [[2, 3, 4]], call: (x) => ops.reshape(x, [6, 4]) },
      { label: "[2, 6] → [-1, 3]", shapes: [[2, 6]], call: (x) => ops.reshape(x, [-1, 3]) },
      { label: "rank 0 → [1, 1]", shapes: [[]], call: (x) => ops.reshape(x, [1, 1]) },
      { label: "size 0 [0, 3] → [3, 0]", shapes: [[0, 3]], call: (x) => ops.reshape(x, [3, 0]) },
    ],
  },
  {
    name: "transpose",
    family: "movement",
    domains: [standard],
    samples: [
      { label: "[3, 4] default", shapes: [[3, 4]], call: (x) => ops.transpose(x) },
      { label: "[2, 3, 4] axes 0, 2", shapes: [[2, 3, 4]], call: (x) => ops.transpose(x, 0, 2) },
      { label: "[2, 3, 4] default", shapes: [[2, 3, 4]], call: (x) => ops.transpose(x) },
    ],
  },
  {
    name: "permute",
    family: "movement",
    domains: [standard],
    samples: [
      {
        label: "[2, 3, 4] → (2, 0, 1)",
        shapes: [[2, 3, 4]],
        call: (x) => ops.permute(x, [2, 0, 1]),
      },
      { label: "[3, 4] → (1, 0)", shapes: [[3, 4]], call: (x) => ops.permute(x, [1, 0]) },
      { label: "negative axes", shapes: [[2, 3, 4]], call: (x) => ops.permute(x, [-1, 0, -2]) },
      { label: "rank 0", shapes: [[]], call: (x) => ops.permute(x, []) },
    ],
  },
  {
    name: "expand",
    family: "movement",
    domains: [standard],
    samples: [
      { label: "[3, 1] → [2, 3, 4]", shapes: [[3, 1]], call: (x) => ops.expand(x, [2, 3, 4]) },
      { label: "rank 0 → [2, 3]", shapes: [[]], call: (x) => ops.expand(x, [2, 3]) },
      { label: "[1, 4] → [3, 4]", shapes: [[1, 4]], call: (x) => ops.expand(x, [3, 4]) },
    ],
  },
  {
    name: "unsqueeze",
    family: "movement",
    domains: [standard],
    samples: [
      { label: "[2, 3] axis 0", shapes: [[2, 3]], call: (x) => ops.unsqueeze(x, 0) },
      { label: "[2, 3] axis −1", shapes: [[2, 3]], call: (x) => ops.unsqueeze(x, -1) },
      { label: "rank 0", shapes: [[]], call: (x) => ops.unsqueeze(x, 0) },
    ],
  },
  {
    name: "squeeze",
    family: "movement",
    domains: [standard],
    samples: [
      { label: "[2, 1, 3, 1] all", shapes: [[2, 1, 3, 1]], call: (x) => ops.squeeze(x) },
      { label: "[2, 1, 3] axis 1", shapes: [[2, 1, 3]], call: (x) => ops.squeeze(x, 1) },
      { label: "[1] → rank 0", shapes: [[1]], call: (x) => ops.squeeze(x) },
    ],
  },
  {
    name: "slice",
    family: "movement",
    domains: [standard],
    samples: [
      { label: "[5, 3] rows 1:4", shapes: [[5, 3]], call: (x) => ops.slice(x, 0, 1, 4) },
      { label: "[2, 5, 3] axis 1, −2:", shapes: [[2, 5, 3]], call: (x) => ops.slice(x, 1, -2) },
      { label: "empty slice 2:2", shapes: [[4, 3]], call: (x) => ops.slice(x, 0, 2, 2) },
    ],
  },
  {
    name: "concat",
    family: "movement",
    domains: [standard],
    samples: [
      {
        label: "axis 0 [2, 3]+[1, 3]",
        shapes: [
          [2, 3],
          [1, 3],
        ],
        call: (a, b) => ops.concat([a, b]),
      },
      {
        label: "axis 1 three inputs",
        shapes: [
          [2, 1],
          [2, 3],
          [2, 2],
        ],
        call: (a, b, c) => ops.concat([a, b, c], 1),
      },
      {
        label: "axis −1 with a size-0 input",
        shapes: [
          [2, 0],
          [2, 3],
        ],
        call: (a, b) => ops.concat([a, b], -1),
      },
      { label: "same tensor twice", shapes: [[2, 3]], call: (a) => ops.concat([a, a], 0) },
    ],
  },
  {
    name: "stack",
    family: "movement",
    domains: [standard],
    samples: [
      {
        label: "axis 0",
        shapes: [
          [2, 3],
          [2, 3],
        ],
        call: (a, b) => ops.stack([a, b]),
      },
      {
        label: "axis −1",
        shapes: [
          [2, 3],
          [2, 3],
        ],
        call: (a, b) => ops.stack([a, b], -1),
      },
      { label: "rank 0 inputs", shapes: [[], [], []], call: (a, b, c) => ops.stack([a, b, c]) },
    ],
  },
  {
    name: "indexSelect",
    family: "index",
    domains: [standard],
    samples: [
      {
        label: "rows [2, 0, 2] (repeated)",
        shapes: [[3, 4]],
        call: (x) => ops.indexSelect(x, [2, 0, 2]),
      },
      {
        label: "axis 1, negative index",
        shapes: [[2, 4, 3]],
        call: (x) => ops.indexSelect(x, [-1, 1], 1),
      },
      { label: "no indices", shapes: [[3, 2]], call: (x) => ops.indexSelect(x, []) },
    ],
  },
  {
    name: "gather",
    family: "index",
    domains: [standard],
    samples: [
      {
        label: "axis 1 [3, 4] index [3, 2]",
        shapes: [[3, 4]],
        call: (x) =>
          ops.gather(
            x,
            1,
            constant([
              [0, 3],
              [2, 2],
              [1, 0],
            ]),
          ),
      },
      {
        label: "axis 0 [3, 4] index [2, 4]",
        shapes: [[3, 4]],
        call: (x) =>
          ops.gather(
            x,
            0,
            constant([
              [2, 0, 1, 1],
              [0, 0, 2, 1],
            ]),
          ),
      },
      { label: "1-D with repeats", shapes: [[5]], call: (x) => ops.gather(x, 0, [4, 4, 0, 2]) },
    ],
  },
  {
    name: "cast",
    family: "cast",
    domains: [dyadic],
    // x ± 2⁻¹⁰ stays exact in float32, so the finite difference through a float32 cast is exact
    eps: 2 ** -10,
    samples: [
      {
        label: "float64 → float32 → float64",
        shapes: [[2, 3]],
        call: (x) => ops.cast(ops.cast(x, "float32"), "float64"),
      },
      {
        label: "float32 op float64 promotes",
        shapes: [[2, 3], [3]],
        call: (a, b) => ops.mul(ops.cast(a, "float32"), b),
      },
      { label: "float64 → float64 (identity)", shapes: [[3]], call: (x) => ops.cast(x, "float64") },
    ],
  },
];

// ---- non-differentiable ops ------------------------------------------------------------------

export interface NonDiffSpec {
  name: string;
  /** Applies the op (output must not require grad even when the input does). */
  call: (x: Tensor, y: Tensor) => Tensor;
  /** Scalar reference for elementwise ones. */
  reference?: (a: number, b: number) => number;
}

export const NON_DIFFERENTIABLE_OPS: NonDiffSpec[] = [
  { name: "eq", call: ops.eq, reference: (a, b) => (a === b ? 1 : 0) },
  { name: "ne", call: ops.ne, reference: (a, b) => (a !== b ? 1 : 0) },
  { name: "lt", call: ops.lt, reference: (a, b) => (a < b ? 1 : 0) },
  { name: "le", call: ops.le, reference: (a, b) => (a <= b ? 1 : 0) },
  { name: "gt", call: ops.gt, reference: (a, b) => (a > b ? 1 : 0) },
  { name: "ge", call: ops.ge, reference: (a, b) => (a >= b ? 1 : 0) },
  { name: "sign", call: (x) => ops.sign(x), reference: (a) => Math.sign(a) },
  { name: "argmax", call: (x) => ops.argmax(x, -1) },
  { name: "argmin", call: (x) => ops.argmin(x, -1) },
];

/** Exports that build ops rather than being one (tested separately in gradcheck.test.ts). */
export const OP_FACTORIES = ["unaryOp"];
