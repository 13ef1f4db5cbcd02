// Hostile model files at the architecture level: the container is valid (crafted with
// encodeModelFile, or with raw header text where the encoder refuses the content), the
// architecture or weights are not. Every rejection must be a ModelFormatError — never another
// error, a crash, a hang, prototype pollution or a big allocation — and a fuzz loop of random
// header mutations must produce nothing else either.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { Random } from "../../src/tensor/random.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { zeros } from "../../src/tensor/create.js";
import * as nn from "../../src/nn/index.js";
import { decodeModelFile } from "../../src/io/decode.js";
import { encodeModelFile } from "../../src/io/encode.js";
import { ModelEncodeError, ModelFormatError } from "../../src/io/errors.js";
import { rawModelFile } from "../support/raw-model-file.js";
import { PREFIX_BYTES, align8 } from "../../src/io/layout.js";
import { MODEL_KIND, UnknownLayerError, modelFromBytes, modelToBytes } from "../../src/io/model.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A model file with this architecture and these tensors (plus optional header fields). */
function craft(
  architecture: Json,
  tensors: [string, Tensor][] = [],
  extra: Record<string, Json> = {},
): Uint8Array {
  return encodeModelFile({ header: { kind: MODEL_KIND, architecture, ...extra }, tensors });
}

/** Replace the header text of a valid file (the data section is kept as is). */
function editHeaderText(bytes: Uint8Array, edit: (text: string) => string): Uint8Array {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  const text = new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + length));
  const edited = edit(text);
  assert.notEqual(edited, text, "the edit must change the header");
  return rawModelFile({ header: edited, data: bytes.slice(align8(PREFIX_BYTES + length)) });
}

function rejects(
  bytes: Uint8Array,
  Type: typeof ModelFormatError = ModelFormatError,
  pattern?: RegExp,
): ModelFormatError {
  let caught: unknown = null;
  try {
    modelFromBytes(bytes);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Type, `expected ${Type.name}, got ${String(caught)}`);
  if (pattern) assert.match((caught as Error).message, pattern);
  return caught as ModelFormatError;
}

const SMALL = new nn.Sequential(
  new nn.Linear(3, 4, { generator: new Random(1) }),
  new nn.ReLU(),
  new nn.Linear(4, 2, { generator: new Random(2) }),
);
const SMALL_BYTES = modelToBytes(SMALL, { labelNames: ["a", "b"] });
const SMALL_TENSORS = Object.entries(SMALL.stateDict());
const linear = (i: number, o: number, bias = true): Json => ({
  type: "Linear",
  config: { inFeatures: i, outFeatures: o, bias },
});

test("the small model used below loads (so each case breaks one thing)", () => {
  assert.equal(modelFromBytes(SMALL_BYTES).model.namedChildren().length, 3);
  assert.ok(
    modelFromBytes(
      craft(
        {
          type: "Sequential",
          config: {},
          children: [linear(3, 4), { type: "ReLU", config: {} }, linear(4, 2)],
        },
        SMALL_TENSORS,
      ),
    ),
  );
});

describe("unknown layer types → UnknownLayerError (files never name code)", () => {
  const names: Json[] = [
    "Lambda",
    "Function",
    "../../x",
    "eval",
    "constructor",
    "toString",
    "__proto__",
    "hasOwnProperty",
    "linear",
    "Linear ",
    "",
    "A".repeat(5000),
    42,
    null,
    true,
    ["Linear"],
    { type: "Linear" },
  ];
  for (const type of names) {
    test(`type ${JSON.stringify(type).slice(0, 40)}`, () => {
      const e = rejects(craft({ type, config: {} }), UnknownLayerError);
      assert.ok(e.message.length < 300, "the message quotes at most a bounded piece of the name");
    });
  }
  test("nested inside a Sequential, with the path in the message", () => {
    rejects(
      craft({
        type: "Sequential",
        config: {},
        children: [
          { type: "ReLU", config: {} },
          { type: "Lambda", config: { code: "process.exit(1)" } },
        ],
      }),
      UnknownLayerError,
      /children\[1\]/,
    );
  });
  test("a missing type", () => void rejects(craft({ config: {} }), UnknownLayerError));
});

describe("prototype-polluting keys → ModelFormatError, nothing polluted", () => {
  const cases: [string, (t: string) => string][] = [
    [
      "__proto__ in a layer config",
      (t) => t.replace('"config":{"bias"', '"config":{"__proto__":{"polluted":1},"bias"'),
    ],
    [
      "constructor in a layer config",
      (t) =>
        t.replace(
          '"config":{"bias"',
          '"config":{"constructor":{"prototype":{"polluted":1}},"bias"',
        ),
    ],
    [
      "prototype in a layer config",
      (t) => t.replace('"config":{"bias"', '"config":{"prototype":{"polluted":1},"bias"'),
    ],
    [
      "__proto__ in the architecture node",
      (t) => t.replace('"architecture":{', '"architecture":{"__proto__":{"polluted":1},'),
    ],
    [
      "constructor in the architecture node",
      (t) => t.replace('"architecture":{', '"architecture":{"constructor":{"polluted":1},'),
    ],
    [
      "__proto__ at the top of the header",
      (t) => t.replace('{"header":{', '{"header":{"__proto__":{"polluted":1},'),
    ],
    [
      "__proto__ inside metadata",
      (t) => t.replace('"labelNames":', '"training":{"__proto__":{"polluted":1}},"labelNames":'),
    ],
    [
      "escaped __proto__ key",
      (t) => t.replace('"config":{"bias"', '"config":{"\\u005f_proto__":{"polluted":1},"bias"'),
    ],
  ];
  for (const [name, edit] of cases) {
    test(name, () => {
      rejects(editHeaderText(SMALL_BYTES, edit));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    });
  }
  test("the encoder refuses to write such keys in the first place", () => {
    const header = JSON.parse(
      '{"kind":"myelin-model","architecture":{"type":"ReLU","config":{"__proto__":{"polluted":1}}}}',
    ) as object;
    assert.throws(() => encodeModelFile({ header, tensors: [] }), ModelEncodeError);
  });
});

describe("declared sizes the file does not back → rejected before allocating", () => {
  function assertSmallFootprint(run: () => void): void {
    if (global.gc) global.gc();
    const before = process.memoryUsage();
    run();
    const after = process.memoryUsage();
    const grown =
      after.arrayBuffers - before.arrayBuffers + Math.max(0, after.heapUsed - before.heapUsed);
    assert.ok(grown < 10 * 2 ** 20, `grew by ${(grown / 2 ** 20).toFixed(1)} MiB`);
  }
  test("Linear 100000 × 100000 with a 4-number weight", () => {
    const bytes = craft(linear(100_000, 100_000), [
      ["weight", zeros([2, 2])],
      ["bias", zeros([2])],
    ]);
    assertSmallFootprint(() => rejects(bytes, ModelFormatError, /declares|integer/));
  });
  test("Linear 4096 × 4096 (64 MiB of float32, within the per-layer limit) with a tiny weight", () => {
    const bytes = craft(linear(4096, 4096), [
      ["weight", zeros([2, 2])],
      ["bias", zeros([4096])],
    ]);
    assertSmallFootprint(() =>
      rejects(bytes, ModelFormatError, /declares \d+ weights but the file holds only/),
    );
  });
  test("many mid-sized layers that add up to gigabytes", () => {
    const children = Array.from({ length: 200 }, () => linear(2048, 2048));
    const bytes = craft({ type: "Sequential", config: {}, children }, [["w", zeros([10])]]);
    assertSmallFootprint(() => rejects(bytes, ModelFormatError, /declares/));
  });
  test("BatchNorm1d of 16 million features with no tensors", () => {
    const bytes = craft({ type: "BatchNorm1d", config: { numFeatures: 1 << 24 } });
    assertSmallFootprint(() => rejects(bytes));
  });
});

describe("config values of the wrong type or range → ModelFormatError", () => {
  const bad: [string, Json][] = [
    ["inFeatures as a string", { type: "Linear", config: { inFeatures: "1e9", outFeatures: 2 } }],
    ["inFeatures negative", linear(-3, 2)],
    ["inFeatures zero", linear(0, 2)],
    ["inFeatures fractional", linear(2.5, 2)],
    ["inFeatures 'NaN'", { type: "Linear", config: { inFeatures: "NaN", outFeatures: 2 } }],
    ["inFeatures null", { type: "Linear", config: { inFeatures: null, outFeatures: 2 } }],
    ["inFeatures 1e300", linear(1e300, 2)],
    ["inFeatures true", { type: "Linear", config: { inFeatures: true, outFeatures: 2 } }],
    ["outFeatures missing", { type: "Linear", config: { inFeatures: 2 } }],
    [
      "bias as a string",
      { type: "Linear", config: { inFeatures: 2, outFeatures: 2, bias: "yes" } },
    ],
    ["config an array", { type: "Linear", config: [2, 2] }],
    ["config a string", { type: "ReLU", config: "x" }],
    ["BatchNorm eps as a string", { type: "BatchNorm1d", config: { numFeatures: 2, eps: "NaN" } }],
    ["BatchNorm eps negative", { type: "BatchNorm1d", config: { numFeatures: 2, eps: -1 } }],
    ["BatchNorm momentum 2", { type: "BatchNorm1d", config: { numFeatures: 2, momentum: 2 } }],
    ["BatchNorm affine 1", { type: "BatchNorm1d", config: { numFeatures: 2, affine: 1 } }],
    ["Dropout p 1.5", { type: "Dropout", config: { p: 1.5 } }],
    ["Dropout p '0.5'", { type: "Dropout", config: { p: "0.5" } }],
    ["Dropout p -0.1", { type: "Dropout", config: { p: -0.1 } }],
    ["LeakyReLU negativeSlope 'abc'", { type: "LeakyReLU", config: { negativeSlope: "abc" } }],
    [
      "LeakyReLU negativeSlope an object",
      { type: "LeakyReLU", config: { negativeSlope: { a: 1 } } },
    ],
    ["ELU alpha an array", { type: "ELU", config: { alpha: [1] } }],
    ["GELU approximate 'evil'", { type: "GELU", config: { approximate: "evil" } }],
    ["Softplus beta 0", { type: "Softplus", config: { beta: 0 } }],
    ["Softmax axis 1.5", { type: "Softmax", config: { axis: 1.5 } }],
    ["Hardtanh minVal > maxVal", { type: "Hardtanh", config: { minVal: 2, maxVal: -2 } }],
    [
      "children not an array",
      { type: "Sequential", config: {}, children: { 0: { type: "ReLU" } } },
    ],
    ["a child that is a number", { type: "Sequential", config: {}, children: [1] }],
    ["architecture missing", null],
  ];
  for (const [name, arch] of bad) test(name, () => void rejects(craft(arch)));

  test("metadata of the wrong type", () => {
    rejects(craft({ type: "ReLU", config: {} }, [], { task: "evil" }));
    rejects(craft({ type: "ReLU", config: {} }, [], { labelNames: [1, 2] }));
    rejects(craft({ type: "ReLU", config: {} }, [], { labelNames: "a,b" }));
    rejects(craft({ type: "ReLU", config: {} }, [], { loss: 3 }));
    rejects(craft({ type: "ReLU", config: {} }, [], { kind: "something-else" }));
  });
});

describe("weights that do not match the architecture → ModelFormatError", () => {
  const arch: Json = {
    type: "Sequential",
    config: {},
    children: [linear(3, 4), { type: "ReLU", config: {} }, linear(4, 2)],
  };
  const without = (name: string) => SMALL_TENSORS.filter(([n]) => n !== name);
  test("a missing weight", () => void rejects(craft(arch, without("2.bias"))));
  test("an extra weight", () =>
    void rejects(craft(arch, [...SMALL_TENSORS, ["3.weight", zeros([2, 2])]])));
  test("an extra weight standing in for a missing one (same count)", () =>
    void rejects(craft(arch, [...without("2.bias"), ["9.bias", zeros([2])]])));
  test("a transposed weight", () =>
    void rejects(craft(arch, [...without("0.weight"), ["0.weight", zeros([3, 4])]])));
  test("a flattened weight", () =>
    void rejects(craft(arch, [...without("0.weight"), ["0.weight", zeros([12])]])));
  test("a scalar bias", () =>
    void rejects(craft(arch, [...without("2.bias"), ["2.bias", zeros([])]])));
  test("weights for a layer without bias", () =>
    void rejects(
      craft({ type: "Linear", config: { inFeatures: 2, outFeatures: 2, bias: false } }, [
        ["weight", zeros([2, 2])],
        ["bias", zeros([2])],
      ]),
    ));
  test("no weights at all", () => void rejects(craft(arch, [])));
});

describe("nesting and layer-count bombs", () => {
  function nested(depth: number): Json {
    let node: Json = { type: "ReLU", config: {} };
    for (let i = 0; i < depth; i++) node = { type: "Sequential", config: {}, children: [node] };
    return node;
  }
  test("Sequentials nested 20 deep load (a legitimate depth)", () => {
    assert.ok(modelFromBytes(craft(nested(20))).model);
  });
  test("Sequentials nested 40 deep → ModelFormatError (the encoder refuses to write them too)", () => {
    assert.throws(() => craft(nested(40)), ModelEncodeError); // a save-time refusal
    const arch = JSON.stringify(nested(40));
    rejects(
      rawModelFile({
        header: `{"header":{"architecture":${arch},"kind":"myelin-model"},"tensors":{}}`,
      }),
    );
  });
  test("Sequentials nested 100,000 deep (raw text) → ModelFormatError, no stack overflow", () => {
    const depth = 100_000;
    const text = `{"header":{"architecture":${'{"children":['.repeat(depth)}{"type":"ReLU"}${"]}".repeat(depth)},"kind":"myelin-model"},"tensors":{}}`;
    rejects(rawModelFile({ header: text }));
  });
  test("10,000 layers load; 20,000 layers → ModelFormatError", () => {
    const relus = (n: number): Json => ({
      type: "Sequential",
      config: {},
      children: Array.from({ length: n }, () => ({ type: "ReLU", config: {} })),
    });
    assert.equal(modelFromBytes(craft(relus(9_999))).model.namedChildren().length, 9_999);
    rejects(craft(relus(20_000)), ModelFormatError, /more than 10000 layers/);
  });
});

describe("fuzz: random mutations of a saved model's header", () => {
  const POOL: Json[] = [
    null,
    true,
    false,
    0,
    -1,
    1,
    2,
    3,
    4,
    1.5,
    -0.5,
    1e9,
    2 ** 31,
    2 ** 53,
    1e308,
    -1e308,
    "",
    "0",
    "1e9",
    "NaN",
    "Linear",
    "ReLU",
    "Sequential",
    "BatchNorm1d",
    "Dropout",
    "Softmax",
    "GELU",
    "tanh",
    "Lambda",
    "x".repeat(40),
    [],
    {},
    [1, 2],
    [{ type: "ReLU", config: {} }],
    { type: "ReLU", config: {} },
    { type: "Linear", config: { inFeatures: 4, outFeatures: 2 } },
    { type: "Linear", config: { inFeatures: 1 << 24, outFeatures: 1 << 24 } },
    { type: "BatchNorm1d", config: { numFeatures: 4 } },
  ];
  const KEYS = [
    "type",
    "config",
    "children",
    "bias",
    "inFeatures",
    "outFeatures",
    "numFeatures",
    "p",
    "axis",
    "eps",
    "momentum",
    "affine",
    "approximate",
    "task",
    "labelNames",
    "kind",
    "architecture",
    "x",
  ];

  /** Every object/array container in the tree, with the tree root first. */
  function containers(
    v: Json,
    out: (Json[] | { [k: string]: Json })[] = [],
  ): (Json[] | { [k: string]: Json })[] {
    if (v !== null && typeof v === "object") {
      out.push(v);
      for (const c of Array.isArray(v) ? v : Object.values(v)) containers(c, out);
    }
    return out;
  }

  function mutate(header: { [k: string]: Json }, rng: Random): void {
    const all = containers(header);
    const target = all[rng.int(all.length)];
    const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
    const value = (): Json => structuredClone(pick(POOL));
    if (Array.isArray(target)) {
      const op = rng.int(4);
      if (op === 0 && target.length > 0) target.splice(rng.int(target.length), 1);
      else if (op === 1) target.splice(rng.int(target.length + 1), 0, value());
      else if (op === 2 && target.length > 0) target[rng.int(target.length)] = value();
      else if (target.length > 0) target.push(structuredClone(target[rng.int(target.length)]));
      return;
    }
    const keys = Object.keys(target);
    const op = rng.int(4);
    if (op === 0 && keys.length > 0) delete target[pick(keys)];
    else if (op === 1) target[pick(KEYS)] = value();
    else if (keys.length > 0) target[pick(keys)] = value();
  }

  test("2,500 mutated headers: every outcome is a loaded model or a ModelFormatError", () => {
    const rng = new Random(2024);
    const base = JSON.parse(JSON.stringify(decodeModelFile(SMALL_BYTES).header)) as {
      [k: string]: Json;
    };
    const stats = { loaded: 0, rejected: 0, unencodable: 0 };
    const others: string[] = [];
    for (let i = 0; i < 2_500; i++) {
      const header = structuredClone(base);
      const times = 1 + rng.int(3);
      for (let j = 0; j < times; j++) mutate(header, rng);
      let tensors = SMALL_TENSORS;
      if (rng.uniform() < 0.2) tensors = tensors.filter((_t, k) => k !== rng.int(tensors.length));
      let bytes: Uint8Array;
      try {
        bytes = encodeModelFile({ header, tensors });
      } catch (e) {
        if (!(e instanceof ModelFormatError)) others.push(`encode #${i}: ${String(e)}`);
        stats.unencodable++;
        continue;
      }
      try {
        const { model } = modelFromBytes(bytes);
        modelToBytes(model); // a loaded model can be saved again
        stats.loaded++;
      } catch (e) {
        if (e instanceof ModelFormatError) stats.rejected++;
        else others.push(`#${i}: ${String(e)} ← ${JSON.stringify(header).slice(0, 300)}`);
      }
    }
    console.log(`fuzz: ${JSON.stringify(stats)}`);
    assert.deepEqual(others.slice(0, 5), []);
    assert.ok(stats.rejected > 1000 && stats.loaded > 50, JSON.stringify(stats));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
