// Copy tensor elements between little-endian file bytes and fresh typed arrays. On little-endian
// hosts (all common ones) this is a byte copy; big-endian hosts convert through a DataView.
import type { DType, Storage } from "../tensor/dtype.js";
import { allocStorage } from "../tensor/dtype.js";

/** True when typed arrays store numbers little-endian on this machine. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A fresh, aligned typed array holding `size` elements of `dtype` read from
 * bytes[offset, offset + size·itemsize) as little-endian values. Bit-exact (−0, subnormals, NaN).
 * The caller has checked the range; `littleEndianHost` is a parameter only so tests can run
 * the big-endian path.
 */
export function readTensorData(
  bytes: Uint8Array,
  offset: number,
  dtype: DType,
  size: number,
  littleEndianHost = HOST_LITTLE_ENDIAN,
): Storage {
  const out = allocStorage(dtype, size);
  if (littleEndianHost) {
    new Uint8Array(out.buffer).set(bytes.subarray(offset, offset + out.byteLength));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, out.byteLength);
  if (dtype === "float64") for (let i = 0; i < size; i++) out[i] = view.getFloat64(8 * i, true);
  else for (let i = 0; i < size; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/** Write `data` into out[offset, …) as little-endian values (the inverse of readTensorData). */
export function writeTensorData(
  out: Uint8Array,
  offset: number,
  data: Storage,
  littleEndianHost = HOST_LITTLE_ENDIAN,
): void {
  if (littleEndianHost) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + offset, data.byteLength);
  if (data instanceof Float64Array) {
    for (let i = 0; i < data.length; i++) view.setFloat64(8 * i, data[i], true);
  } else {
    for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  }
}
