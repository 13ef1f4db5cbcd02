// Memory bombs: tensor tables that declare gigabytes over an empty (or tiny) data section must be
// rejected before any storage is allocated. Heap and ArrayBuffer growth are measured after a GC.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { decodeModelFile, ModelFormatError, type ModelFormatReason } from "./index.js";
import { headerWithTable, rawModelFile } from "../../test/support/raw-model-file.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const MiB = 1024 * 1024;

function bomb(table: string, dataLength = 0): Uint8Array {
  return rawModelFile({ header: headerWithTable(table), data: new Uint8Array(dataLength) });
}

/** Bytes of JS heap plus ArrayBuffer memory added while decoding `file` (no GC in between). */
function growthWhileRejecting(file: Uint8Array, reason: ModelFormatReason): number {
  gc();
  const before = process.memoryUsage();
  let caught: unknown;
  try {
    decodeModelFile(file);
  } catch (e) {
    caught = e;
  }
  const after = process.memoryUsage();
  assert.ok(caught instanceof ModelFormatError, String(caught));
  assert.equal(caught.reason, reason);
  return after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
}

describe("memory bombs", () => {
  test("the growth probe sees a real allocation (control)", () => {
    gc();
    const before = process.memoryUsage();
    const big = new Float32Array(4 * MiB);
    const after = process.memoryUsage();
    assert.ok(after.arrayBuffers - before.arrayBuffers >= 16 * MiB);
    assert.equal(big.length, 4 * MiB);
  });

  test("shape [5e8] float32 with an empty data section: rejected, < 1 MiB growth", () => {
    const file = bomb(
      '{"w":{"byteLength":2000000000,"byteOffset":0,"dtype":"float32","shape":[500000000]}}',
    );
    assert.ok(growthWhileRejecting(file, "out-of-bounds") < MiB);
  });

  test("shape [2^31] float64 over 1 MiB of data: rejected, < 1 MiB growth", () => {
    const file = bomb(
      '{"w":{"byteLength":17179869184,"byteOffset":0,"dtype":"float64","shape":[2147483648]}}',
      MiB,
    );
    assert.ok(growthWhileRejecting(file, "out-of-bounds") < MiB);
  });

  test("a 2^63 dim and a 2^64 product: rejected, < 1 MiB growth", () => {
    const dim63 = bomb(
      '{"w":{"byteLength":0,"byteOffset":0,"dtype":"float32","shape":[9223372036854775808]}}',
    );
    assert.ok(growthWhileRejecting(dim63, "bad-shape") < MiB);
    const wrap = bomb(
      '{"w":{"byteLength":0,"byteOffset":0,"dtype":"float32","shape":[4294967296,4294967296]}}',
    );
    assert.ok(growthWhileRejecting(wrap, "too-many-elements") < MiB);
  });

  test("1,000 tensors of 2 GB each over empty data: growth follows the header, not the 2 TB", () => {
    const parts: string[] = [];
    for (let i = 0; i < 1000; i++) {
      parts.push(
        `"t${String(i).padStart(4, "0")}":{"byteLength":2000000000,"byteOffset":0,"dtype":"float32","shape":[500000000]}`,
      );
    }
    const file = bomb(`{${parts.join(",")}}`);
    const growth = growthWhileRejecting(file, "out-of-bounds");
    // parsing an 87 kB header builds ~1.5 MB of objects; the declared data is 2·10^12 bytes
    assert.ok(growth < MiB + 20 * file.length, `${growth} bytes`);
  });

  test("a valid table whose last tensor is cut short allocates nothing", () => {
    // a (8 bytes) is fine; b claims 1 GiB but only 8 bytes follow: nothing is built for a either
    const file = bomb(
      '{"a":{"byteLength":8,"byteOffset":0,"dtype":"float32","shape":[2]},"b":{"byteLength":1073741824,"byteOffset":8,"dtype":"float64","shape":[134217728]}}',
      16,
    );
    assert.ok(growthWhileRejecting(file, "out-of-bounds") < MiB);
  });
});
