// Hostile and corrupted .onnx files: thousands of seeded mutations of two valid files (one from
// torch.onnx.export, one from exportOnnx with preprocessing) — truncations, bit flips, byte
// overwrites — and crafted defects (oversized dims, data that does not back its dims, wrong
// dtypes, external data, unknown ops, missing initializers, cycles, message bombs). Import and
// describe either succeed or throw OnnxError; nothing else, and nothing is allocated for a size
// the file does not back.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import * as nn from "../../nn/index.js";
import { fuzzRandom, FUZZ_SCALE, replay } from "../../../test/support/fuzz.js";
import {
  describeOnnx,
  exportOnnx,
  importOnnx,
  OnnxError,
  UnsupportedOnnxOpError,
} from "./index.js";
import { onnx } from "./proto.js";

const TORCH = new Uint8Array(
  readFileSync(new URL("../../../test/fixtures/onnx/batchnorm.onnx", import.meta.url)),
);
const OWN = exportOnnx({
  model: nn.sequential(nn.linear(3, 4), nn.gelu(), nn.linear(4, 1)),
  meta: {
    task: "regression",
    featureNames: ["a", "b"],
    preprocessing: [
      {
        kind: "columns",
        columns: [
          { name: "a", categories: ["x", "y"], fill: 0 },
          { name: "b", fill: 2 },
        ],
      },
      { kind: "standardize", mean: [0.5, 0.5, 1], std: [0.5, 0.5, 2] },
    ],
    targetScaling: { kind: "standardize", mean: [10], std: [3] },
  },
});

/** Import and describe: success, or OnnxError; anything else fails with a replayable message. */
function attempt(suite: string, i: number, bytes: Uint8Array, tally: Map<string, number>): void {
  for (const read of [importOnnx, describeOnnx]) {
    try {
      read(bytes);
      tally.set("accepted", (tally.get("accepted") ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof OnnxError))
        assert.fail(`${replay(suite, i, bytes)}: untyped ${String(e)}`);
      tally.set(e.reason, (tally.get(e.reason) ?? 0) + 1);
    }
  }
}

describe("ONNX import fuzz: only OnnxError, whatever the bytes", () => {
  for (const [label, base] of [
    ["torch", TORCH],
    ["myelin", OWN],
  ] as const) {
    test(`${label}: every truncation, random bit flips and overwrites`, () => {
      const tally = new Map<string, number>();
      let cases = 0;
      for (let n = 0; n < base.length; n++, cases++)
        attempt(`${label} truncate`, n, base.subarray(0, n), tally);
      const rng = fuzzRandom(label === "torch" ? 71 : 72);
      for (let k = 0; k < 2000 * FUZZ_SCALE; k++, cases++) {
        const bit = rng.int(base.length * 8);
        const copy = base.slice();
        copy[bit >> 3] ^= 1 << (bit & 7);
        attempt(`${label} flip`, bit, copy, tally);
      }
      for (let k = 0; k < 1000 * FUZZ_SCALE; k++, cases++) {
        const copy = base.slice();
        for (let j = 1 + rng.int(4); j > 0; j--) copy[rng.int(copy.length)] = rng.int(256);
        attempt(`${label} overwrite`, k, copy, tally);
      }
      assert.ok(cases > 3000, `${cases} cases`);
      assert.ok(
        (tally.get("bad-protobuf") ?? 0) > 0 && (tally.get("accepted") ?? 0) > 0,
        JSON.stringify([...tally]),
      );
    });
  }
});

/** The torch fixture, decoded, changed by `edit`, encoded again. */
function edited(edit: (m: onnx.ModelProto) => void): Uint8Array {
  const m = onnx.ModelProto.decode(TORCH);
  edit(m);
  return onnx.ModelProto.encode(m).finish();
}

function rejects(bytes: Uint8Array, reason: string, message?: RegExp): void {
  assert.throws(
    () => importOnnx(bytes),
    (e: unknown) => {
      assert.ok(e instanceof OnnxError, String(e));
      assert.equal(e.reason, reason, e.message);
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

/** The decoded graph (protobufjs fills every repeated field). */
const g = (m: onnx.ModelProto) => m.graph as onnx.GraphProto;
/** Node k of the decoded graph. */
const node = (m: onnx.ModelProto, k: number) => g(m).node[k] as onnx.NodeProto;
const weight = (m: onnx.ModelProto) => g(m).initializer.find((t) => t.name === "0.weight")!;

describe("crafted ONNX defects are refused before anything is allocated", () => {
  test("oversized declared dims: refused from the dims alone", () => {
    const before = process.memoryUsage().arrayBuffers;
    rejects(
      edited((m) => (weight(m).dims = [1 << 20, 1 << 20])),
      "too-many-elements",
    );
    rejects(
      edited((m) => (weight(m).dims = [2 ** 53 + 2, 1])),
      "bad-shape",
    );
    rejects(
      edited((m) => (weight(m).dims = [-1, 4])),
      "bad-shape",
    );
    rejects(
      edited((m) => (weight(m).dims = [6, 4, 1, 1, 1, 1, 1, 1, 1])),
      "bad-shape",
    );
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024);
  });
  test("data that does not back its dims", () => {
    rejects(
      edited((m) => (weight(m).dims = [6, 5])),
      "bad-tensor",
      /raw_data holds 96 bytes/,
    );
    rejects(
      edited((m) => {
        const w = weight(m);
        w.rawData = new Uint8Array(0);
        w.floatData = [1, 2];
      }),
      "bad-tensor",
    );
  });
  test("wrong dtypes, external data, sparse initializers", () => {
    rejects(
      edited((m) => (weight(m).dataType = 10)),
      "bad-dtype",
    ); // float16
    rejects(
      edited((m) => (weight(m).dataLocation = 1)),
      "external-data",
    );
    rejects(
      edited(
        (m) =>
          (weight(m).externalData = [
            new onnx.StringStringEntryProto({ key: "location", value: "/etc/passwd" }),
          ]),
      ),
      "external-data",
    );
    rejects(
      edited((m) => ((g(m).input[0].type as onnx.TypeProto).tensorType!.elemType = 6)),
      "bad-dtype",
    );
    rejects(
      edited((m) => (g(m).sparseInitializer = [new onnx.SparseTensorProto({})])),
      "bad-tensor",
    );
  });
  test("unknown ops name the op, the node and the opset", () => {
    const bytes = edited((m) => (node(m, 2).opType = "Conv"));
    assert.throws(
      () => importOnnx(bytes),
      (e: unknown) => {
        assert.ok(e instanceof UnsupportedOnnxOpError);
        assert.deepEqual([e.opType, e.nodeName, e.opset], ["Conv", "/2/Relu", 17]);
        assert.match(e.message, /node "\/2\/Relu" \(op "Conv", opset 17\)/);
        return true;
      },
    );
    rejects(
      edited((m) => (node(m, 2).domain = "com.example")),
      "unsupported-op",
      /com\.example\.Relu/,
    );
    rejects(
      edited((m) => (node(m, 0).attribute.find((a) => a.name === "transB")!.i = 0)),
      "bad-shape",
    );
    rejects(
      edited((m) => (node(m, 4).attribute[0].i = 0)),
      "unsupported-op",
      /axis 0/,
    );
  });
  test("graph structure: missing initializer, cycles, duplicates, opsets, no graph", () => {
    rejects(
      edited((m) => g(m).initializer.splice(0, 1)),
      "bad-graph",
      /every initializer must be present/,
    );
    rejects(
      edited((m) => (node(m, 0).input = [node(m, 0).output[0], "0.weight"])),
      "bad-graph",
    );
    rejects(
      edited((m) => (node(m, 1).output = [...node(m, 0).output])),
      "bad-graph",
      /defined twice/,
    );
    rejects(
      edited((m) => (m.opsetImport[0].version = 7)),
      "unsupported-opset",
    );
    rejects(
      edited((m) => (m.opsetImport = [])),
      "unsupported-opset",
    );
    rejects(
      edited((m) => (m.graph = null)),
      "bad-model",
    );
    rejects(
      edited((m) =>
        g(m).node.push(new onnx.NodeProto({ opType: "Relu", input: ["input"], output: ["side"] })),
      ),
      "bad-graph",
    );
  });
  test("a message nested thousands deep and a 600 MB declared length are bad-protobuf, not a crash", () => {
    // AttributeProto.g (field 6) → GraphProto.node (field 1) → NodeProto.attribute (field 5) → …
    const depth = 200_000;
    const tags = Array.from(
      { length: depth },
      (_, k) => [0x3a, 0x0a, 0x2a, 0x32][k === 0 ? 0 : 1 + ((k - 1) % 3)],
    );
    const lengths = new Array<number>(depth); // lengths[k]: bytes inside level k
    for (let k = depth - 1, inside = 0; k >= 0; k--) {
      lengths[k] = inside;
      inside += 1 + varint(inside).length;
    }
    const bomb = Uint8Array.from(tags.flatMap((tag, k) => [tag, ...varint(lengths[k])]));
    assert.throws(
      () => importOnnx(bomb),
      (e: unknown) => e instanceof OnnxError,
    );
    rejects(Uint8Array.from([0x3a, ...varint(600_000_000), 0x0a]), "bad-protobuf");
    rejects(new Uint8Array(0), "bad-protobuf");
  });
  test("a graph whose preprocessing nodes differ from the metadata it carries is refused", () => {
    const m = onnx.ModelProto.decode(OWN);
    const shift = g(m).initializer.find((t) => t.name === "/preprocess/1/shift")!;
    shift.rawData = Uint8Array.from(shift.rawData as Uint8Array, (v: number, i: number) =>
      i === 0 ? v ^ 1 : v,
    );
    rejects(onnx.ModelProto.encode(m).finish(), "bad-graph", /differs from the myelin.metadata/);
  });
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
