// The one door to the generated protobuf code (generated/onnx.js, compiled from ONNX's published
// onnx.proto): encode a ModelProto to bytes, decode bytes to one with every decoder exception
// turned into OnnxError, and read int64 fields (numbers or Longs) as safe integers.
import { onnx } from "./generated/onnx.js";
import { OnnxError } from "./errors.js";

export { onnx };

/** ONNX TensorProto.DataType codes used here. */
export const FLOAT = 1;
export const BOOL = 9;
export const DOUBLE = 11;
export const INT64 = 7;

/** AttributeProto.AttributeType codes used here. */
export const ATTR_FLOAT = 1;
export const ATTR_INT = 2;
export const ATTR_STRING = 3;
export const ATTR_TENSOR = 4;

/** Largest file import accepts: 512 MiB (far above any model Myelin trains). */
export const MAX_ONNX_BYTES = 512 * 1024 * 1024;

/** A plain Uint8Array of its own (in Node, protobufjs returns a Buffer on a shared pool). */
export function encodeModelProto(model: onnx.ModelProto): Uint8Array {
  const bytes = onnx.ModelProto.encode(model).finish();
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/**
 * bytes → ModelProto. protobufjs reads only inside the buffer (a length past the end is an
 * error, not an allocation), so the decoded model's size is bounded by the file's.
 */
export function decodeModelProto(bytes: Uint8Array): onnx.ModelProto {
  if (!(bytes instanceof Uint8Array)) {
    throw new OnnxError("bad-protobuf", `expected the file's bytes as a Uint8Array`);
  }
  if (bytes.length > MAX_ONNX_BYTES) {
    throw new OnnxError(
      "too-large",
      `file of ${bytes.length} bytes exceeds the ${MAX_ONNX_BYTES}-byte limit`,
    );
  }
  if (bytes.length === 0) throw new OnnxError("bad-protobuf", "empty file");
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new OnnxError("bad-protobuf", `not a valid ONNX protobuf message (${why.slice(0, 200)})`);
  }
}

/** An int64 field (number, or a Long for values past 2^53) as a number; null if not safe. */
export function int64(
  v: number | { toNumber(): number; high: number } | null | undefined,
): number | null {
  if (v === null || v === undefined) return 0;
  const n = typeof v === "number" ? v : v.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}
