// Fuzzing the safetensors reader and importer with thousands of corruptions of a valid export
// (seeded, reproducible; MYELIN_FUZZ_SCALE multiplies the counts): truncation at every offset,
// bit flips in the length prefix and header, random overwrites, insertions and deletions, and
// numbers in the header replaced by hostile ones. The only allowed failure is ModelFormatError;
// every file that imports must export to a file that imports to the same bytes again.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as nn from "../../nn/index.js";
import { ModelFormatError } from "../errors.js";
import { FUZZ_SCALE, fuzzRandom, pick, replay } from "../../../test/support/fuzz.js";
import { describeSafetensors, exportSafetensors, importSafetensors } from "./index.js";

const VALID = exportSafetensors(
  nn.sequential(nn.linear(3, 4), nn.batchNorm1d(4), nn.relu(), nn.prelu(), nn.linear(4, 2)),
);
const HEADER_END = 8 + Number(new DataView(VALID.buffer).getBigUint64(0, true));

interface Tally {
  cases: number;
  accepted: number;
  reasons: Map<string, number>;
}

/** Import and describe `bytes`; anything but ModelFormatError fails with a replayable message. */
function probe(bytes: Uint8Array, tally: Tally, suite: string): void {
  tally.cases++;
  for (const run of [() => describeSafetensors(bytes), () => importSafetensors(bytes)]) {
    try {
      run();
    } catch (e) {
      if (!(e instanceof ModelFormatError)) {
        assert.fail(`${String(e)} (not a ModelFormatError): ${replay(suite, tally.cases, bytes)}`);
      }
      tally.reasons.set(e.reason, (tally.reasons.get(e.reason) ?? 0) + 1);
      return;
    }
  }
  tally.accepted++;
  const again = exportSafetensors(importSafetensors(bytes));
  assert.deepEqual(
    exportSafetensors(importSafetensors(again)),
    again,
    replay(suite, tally.cases, bytes),
  );
}

const HOSTILE_NUMBERS = [
  "-1",
  "0",
  "1",
  "3",
  "8",
  "0.5",
  "1e300",
  "9007199254740993",
  "4294967296",
  "2147483648",
  "[]",
  "{}",
  '"4"',
  "null",
];

test("thousands of corrupt safetensors files: only ModelFormatError, accepted ones re-export stably", () => {
  const tally: Tally = { cases: 0, accepted: 0, reasons: new Map() };
  const rng = fuzzRandom(77);
  for (let n = 0; n < VALID.length; n++) probe(VALID.subarray(0, n), tally, "truncate");
  for (let bit = 0; bit < HEADER_END * 8; bit++) {
    const f = VALID.slice();
    f[bit >> 3] ^= 1 << (bit & 7);
    probe(f, tally, "flip-header");
  }
  for (let i = 0; i < 1000 * FUZZ_SCALE; i++) {
    const f = VALID.slice();
    for (let k = 1 + rng.int(4); k > 0; k--) f[rng.int(f.length)] = rng.int(256);
    probe(f, tally, "overwrite");
  }
  for (let i = 0; i < 1000 * FUZZ_SCALE; i++) {
    const at = rng.int(VALID.length);
    const f =
      rng.uniform() < 0.5
        ? new Uint8Array([...VALID.subarray(0, at), rng.int(256), ...VALID.subarray(at)])
        : new Uint8Array([...VALID.subarray(0, at), ...VALID.subarray(at + 1 + rng.int(8))]);
    probe(f, tally, "insert-delete");
  }
  const text = new TextDecoder().decode(VALID.subarray(8, HEADER_END));
  const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
  for (let i = 0; i < 2000 * FUZZ_SCALE; i++) {
    const m = pick(rng, numbers);
    const header =
      text.slice(0, m.index) + pick(rng, HOSTILE_NUMBERS) + text.slice(m.index + m[0].length);
    const json = new TextEncoder().encode(header);
    const f = new Uint8Array(8 + json.length + VALID.length - HEADER_END);
    new DataView(f.buffer).setBigUint64(0, BigInt(json.length), true);
    f.set(json, 8);
    f.set(VALID.subarray(HEADER_END), 8 + json.length);
    probe(f, tally, "header-number");
  }
  assert.ok(tally.cases > 10_000, `${tally.cases} cases`);
  // the corruptions reach the deep checks, not only the first one
  for (const reason of [
    "header-truncated",
    "bad-json",
    "bad-dtype",
    "bad-byte-length",
    "out-of-bounds",
    "trailing-bytes",
    "bad-header",
  ]) {
    assert.ok((tally.reasons.get(reason) ?? 0) > 0, `no case was refused with ${reason}`);
  }
  assert.ok(tally.accepted > 0, "some mutations (data bytes, equivalent numbers) still import");
});
