// CRC-32C against published check values and against the bit-at-a-time definition (the oracle),
// for every length 0–64 and every split point (chaining).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Random } from "../tensor/random.js";
import { crc32c, fmtCrc } from "./crc32c.js";

/** The definition, one bit at a time: the oracle the table version must match. */
function crc32cBitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe("crc32c", () => {
  test("published check values (RFC 3720 B.4 and the catalogue's check)", () => {
    assert.equal(fmtCrc(crc32c(new TextEncoder().encode("123456789"))), "0xe3069283");
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
    assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
    assert.equal(crc32c(new Uint8Array(0)), 0);
  });

  test("equals the bitwise definition for lengths 0–64 and chains at every split", () => {
    const rng = new Random(3);
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
      const expected = crc32cBitwise(bytes);
      assert.equal(crc32c(bytes), expected, `length ${n}`);
      for (let cut = 0; cut <= n; cut++) {
        const chained = crc32c(bytes.subarray(cut), crc32c(bytes.subarray(0, cut)));
        assert.equal(chained, expected, `length ${n} split at ${cut}`);
      }
    }
  });

  test("works on a view with a byte offset", () => {
    const buffer = Uint8Array.from({ length: 40 }, (_, i) => i * 7);
    const view = buffer.subarray(3, 37);
    assert.equal(crc32c(view), crc32cBitwise(Uint8Array.from(view)));
  });
});
