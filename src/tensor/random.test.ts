// Random.getState/setState: the saved state is canonical (unsigned 32-bit words), so the same
// generator state always serialises to the same bytes, and old files with signed words still load.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Random } from "./random.js";

describe("Random state words", () => {
  test("getState returns four unsigned 32-bit words, whatever the arithmetic left behind", () => {
    const r = new Random(12345);
    for (let i = 0; i < 1000; i++) {
      r.nextUint32();
      for (const w of r.getState().s) {
        assert.ok(Number.isInteger(w) && w >= 0 && w < 2 ** 32, `word ${w} after ${i + 1} draws`);
      }
    }
  });

  test("the same state gives identical JSON, whether it was set from signed or unsigned words", () => {
    const a = new Random(7);
    for (let i = 0; i < 10; i++) a.nextUint32();
    const unsigned = a.getState();
    const signed = { ...unsigned, s: unsigned.s.map((w) => w | 0) as typeof unsigned.s };
    assert.ok(
      signed.s.some((w) => w < 0),
      "the sample state must have a word ≥ 2^31",
    );
    const b = new Random(0);
    b.setState(signed);
    const c = new Random(0);
    c.setState(unsigned);
    assert.equal(JSON.stringify(b.getState()), JSON.stringify(unsigned));
    assert.equal(JSON.stringify(c.getState()), JSON.stringify(unsigned));
    assert.equal(b.nextUint32(), a.nextUint32());
  });
});
