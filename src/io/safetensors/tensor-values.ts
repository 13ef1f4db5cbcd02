// A safetensors tensor's bytes as a Myelin tensor: F32 and F64 copy bit for bit; F16 and BF16
// widen to float32 exactly; I64 (PyTorch's num_batches_tracked) becomes float64 when it fits in
// 2^53. Other integer types are not weights and are refused.
import { ModelFormatError } from "../errors.js";
import { readTensorData } from "../endian.js";
import { fromData } from "../../tensor/create.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { SafetensorsTensor } from "./read.js";

/** IEEE half → the same value as a double (every half is exact in float32). */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal: f·2^(−14−10)
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The tensor's values as a float32 or float64 Tensor; `name` is for messages. */
export function tensorOf(name: string, t: SafetensorsTensor): Tensor {
  const shape = t.shape.slice();
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  switch (t.dtype) {
    case "F32":
      return fromData(readTensorData(t.data, 0, "float32", t.size), shape);
    case "F64":
      return fromData(readTensorData(t.data, 0, "float64", t.size), shape);
    case "F16": {
      const out = new Float32Array(t.size);
      for (let i = 0; i < t.size; i++) out[i] = halfToNumber(view.getUint16(2 * i, true));
      return fromData(out, shape);
    }
    case "BF16": {
      // bfloat16 is the high half of a float32
      const out = new Float32Array(t.size);
      const word = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < t.size; i++) {
        word.setUint32(0, view.getUint16(2 * i, true) << 16);
        out[i] = word.getFloat32(0);
      }
      return fromData(out, shape);
    }
    case "I64": {
      const out = new Float64Array(t.size);
      for (let i = 0; i < t.size; i++) {
        const v = view.getBigInt64(8 * i, true);
        if (v > 2n ** 53n || v < -(2n ** 53n)) {
          throw new ModelFormatError(
            "bad-value",
            `safetensors: tensor ${JSON.stringify(name)} holds ${v}, beyond ±2^53`,
          );
        }
        out[i] = Number(v);
      }
      return fromData(out, shape);
    }
    default:
      throw new ModelFormatError(
        "bad-dtype",
        `safetensors: tensor ${JSON.stringify(name)} is ${t.dtype}; Myelin weights are F32, F64, F16 or BF16 (I64 for counters)`,
      );
  }
}
