// A number (or any non-object) where data's row operations expect a generator or an options
// object is a typed ValueError that shows the right call — never a TypeError from inside, and
// never silently ignored (trainTestSplit(ds, 0.2) used to split 25 %, its default).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ValueError } from "../errors.js";
import { Random } from "../tensor/random.js";
import { batches, shuffle, trainTestSplit } from "./dataset.js";
import { xor } from "./synthetic.js";

const ds = xor({ n: 20, seed: 1 });

describe("data row operations check their options argument", () => {
  test("shuffle(ds, 3) → ValueError showing shuffle(ds, { seed: 3 })", () => {
    assert.throws(
      () => shuffle(ds, 3 as unknown as Random),
      (e: unknown) =>
        e instanceof ValueError &&
        /shuffle: expected a Random or options \{ seed\?, generator\? \}, got the number 3/.test(
          e.message,
        ) &&
        /shuffle\(ds, \{ seed: 3 \}\)/.test(e.message),
    );
  });

  test("shuffle accepts a Random, { seed } or { generator }, and { seed } is reproducible", () => {
    const a = shuffle(ds, { seed: 3 });
    const b = shuffle(ds, new Random(3));
    const c = shuffle(ds, { generator: new Random(3) });
    assert.deepEqual(Array.from(a.x.data), Array.from(b.x.data));
    assert.deepEqual(Array.from(a.y.data), Array.from(c.y.data));
    assert.equal(shuffle(ds).x.shape[0], 20);
  });

  test("trainTestSplit(ds, 0.2) → ValueError showing { testFraction: 0.2 }", () => {
    assert.throws(
      () => trainTestSplit(ds, 0.2 as unknown as object),
      (e: unknown) =>
        e instanceof ValueError && /trainTestSplit\(ds, \{ testFraction: 0\.2 \}\)/.test(e.message),
    );
  });

  test("batches(ds, 4, true) → ValueError showing { shuffle: true }", () => {
    assert.throws(
      () => [...batches(ds, 4, true as unknown as object)],
      (e: unknown) => e instanceof ValueError && /batches: expected options/.test(e.message),
    );
  });
});
