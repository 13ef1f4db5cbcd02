// packState/unpackState: long number arrays leave the JSON as float64 tensors and come back
// exactly (−0, subnormals, NaN/±Infinity as their strings); short arrays stay inline; a marker
// that names no tensor, or a tensor no marker names, is a ModelFormatError.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { ModelFormatError } from "../../io/errors.js";
import { ValueError } from "../../errors.js";
import { fromData } from "../../tensor/create.js";
import { MIN_PACKED_LENGTH, packState, unpackState } from "./checkpoint-state.js";

const bitsOf = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (Object.is(x, -0) ? "raw -0" : x));

describe("packState / unpackState", () => {
  test("round trip is exact, special values included", () => {
    const m = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 10 ** (i - 20));
    m[3] = 5e-324; // smallest subnormal
    m[4] = -2.2250738585072014e-308;
    m[5] = Number.MAX_VALUE;
    const special: unknown[] = ["-0", "NaN", "Infinity", "-Infinity", ...m.slice(0, 20)];
    const state = {
      epoch: 4,
      optimizer: { type: "Adam", state: [{ step: 7, buffers: { m, v: special } }, null] },
      shuffleRandom: { s: [1, 2, 3, 4], spareNormal: null },
      history: [{ loss: 0.5 }, { loss: 0.25 }],
    };
    const { json, tensors } = packState(state);
    assert.equal(tensors.length, 2, "both long arrays became tensors");
    assert.ok(
      tensors.every(([name, t]) => name.startsWith("checkpoint/") && t.dtype === "float64"),
    );
    assert.ok(JSON.stringify(json).length < 400, "the JSON keeps only markers");
    const back = unpackState(json, new Map(tensors));
    assert.equal(bitsOf(back), bitsOf(JSON.parse(JSON.stringify(state))));
  });

  test(`arrays shorter than ${MIN_PACKED_LENGTH} or holding other values stay inline`, () => {
    const short = Array.from({ length: MIN_PACKED_LENGTH - 1 }, (_, i) => i);
    const mixed = [...Array.from({ length: 20 }, (_, i) => i), "label"];
    const { json, tensors } = packState({ short, mixed, objects: [{ a: 1 }] });
    assert.equal(tensors.length, 0);
    assert.deepEqual(json, { short, mixed, objects: [{ a: 1 }] });
  });

  test("a state holding the marker key itself is refused when saving", () => {
    assert.throws(() => packState({ x: { $float64: "checkpoint/0" } }), ValueError);
  });

  test("markers and tensors must match one to one", () => {
    const vector = fromData(new Float64Array(16), [16]);
    const cases: [unknown, Map<string, ReturnType<typeof fromData>>][] = [
      [{ m: { $float64: "checkpoint/0" } }, new Map()],
      [{ m: { $float64: 7 } }, new Map([["checkpoint/0", vector]])],
      [{ m: 1 }, new Map([["checkpoint/0", vector]])],
      [
        { m: { $float64: "checkpoint/0" }, v: { $float64: "checkpoint/0" } },
        new Map([["checkpoint/0", vector]]),
      ],
      [
        { m: { $float64: "checkpoint/0" } },
        new Map([["checkpoint/0", fromData(new Float32Array(16), [16])]]),
      ],
    ];
    for (const [json, tensors] of cases) {
      assert.throws(
        () => unpackState(json as never, tensors),
        ModelFormatError,
        JSON.stringify(json),
      );
    }
  });
});
