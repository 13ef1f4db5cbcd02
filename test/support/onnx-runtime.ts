// Runs an ONNX model in ONNX Runtime (onnxruntime-node, the CPU runtime inside the package) and
// compares outputs with rtol/atol, for the ONNX export tests.
import assert from "node:assert/strict";
import * as ort from "onnxruntime-node";

/** y = the model's single output for input x [rows, width] (float32). */
export async function runOnnx(
  bytes: Uint8Array,
  x: Float32Array,
  shape: [number, number],
  inputName = "input",
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ [inputName]: new ort.Tensor("float32", x, shape) });
  const output = result[session.outputNames[0]];
  return output.data as Float32Array;
}

/** |a − e| ≤ atol + rtol·|e| element-wise (numpy.allclose), NaN only where expected is NaN. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  rtol = 1e-4,
  atol = 1e-5,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`);
      continue;
    }
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: ${a} vs expected ${e}`);
  }
}
