// The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, type, ndim), ndim big-endian
// uint32 dims, then the elements big-endian. The header is checked completely, including the
// exact data length, before anything is allocated. Bytes in, arrays out; file reading is in src/node.
import { Tensor } from "../tensor/tensor.js";
import type { Dataset } from "./dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";

export type IdxType = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";
export type IdxData =
  Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A parsed IDX array: row-major `data` of `shape`. For uint8 it is a view into the input bytes. */
export interface IdxArray {
  type: IdxType;
  shape: number[];
  data: IdxData;
}

/** Type code (byte 2 of the magic) → element type and size in bytes. */
const TYPES = new Map<number, [IdxType, number]>([
  [0x08, ["uint8", 1]],
  [0x09, ["int8", 1]],
  [0x0b, ["int16", 2]],
  [0x0c, ["int32", 4]],
  [0x0d, ["float32", 4]],
  [0x0e, ["float64", 8]],
]);

export interface IdxOptions {
  /** File name for messages. */
  file?: string;
  /** Largest element count accepted. Default 2^31 − 1. */
  maxElements?: number;
}

/** A checked IDX header: element type, shape, and where the data starts. */
export interface IdxHeader {
  type: IdxType;
  /** Bytes per element. */
  itemSize: number;
  shape: number[];
  /** Element count, the product of shape. */
  count: number;
  /** Header length in bytes, 4 + 4·ndim: the data starts at this offset. */
  headerSize: number;
}

/** The longest IDX header, in bytes: the 4-byte magic and 4 dimension sizes. */
export const IDX_MAX_HEADER_BYTES = 20;

/**
 * Parse and check the header at the start of `bytes` (which may hold the data too, or only its
 * first bytes). Throws DataFormatError for: fewer than 4 bytes, magic bytes 0–1 not zero, an
 * unknown type code, ndim outside 1..4, a truncated header, an element count above maxElements.
 * The data length is not checked here: see checkIdxDataLength.
 */
export function parseIdxHeader(bytes: Uint8Array, options: IdxOptions = {}): IdxHeader {
  const fail = idxFail(options.file);
  const maxElements = Math.min(options.maxElements ?? 2 ** 31 - 1, 2 ** 31 - 1);
  if (bytes.length < 4) fail(`file is ${bytes.length} bytes, shorter than the 4-byte magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`bad magic number: bytes 0–1 are ${hex(bytes[0])} ${hex(bytes[1])}, expected 00 00`);
  }
  const type = TYPES.get(bytes[2]);
  if (type === undefined) {
    fail(`unknown element type code ${hex(bytes[2])} (known: 08, 09, 0B, 0C, 0D, 0E)`);
  }
  const [typeName, itemSize] = type!;
  const ndim = bytes[3];
  if (ndim < 1 || ndim > 4) fail(`ndim is ${ndim}; expected 1 to 4`);
  const headerSize = 4 + 4 * ndim;
  if (bytes.length < headerSize) {
    fail(`file is ${bytes.length} bytes, too short for the ${ndim} dimension sizes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let k = 0; k < ndim; k++) {
    const dim = view.getUint32(4 + 4 * k, false);
    shape.push(dim);
    count *= dim; // exact while ≤ 2^53; we stop as soon as it exceeds maxElements (< 2^31)
    if (count > maxElements) {
      fail(`dims [${shape.join(", ")}${k < ndim - 1 ? ", …" : ""}] exceed ${maxElements} elements`);
    }
  }
  return { type: typeName, itemSize, shape, count, headerSize };
}

/**
 * Check that a file of `byteLength` bytes holds exactly headerSize + count × itemSize: throws
 * DataFormatError naming `file` when the data is short or has extra bytes after it.
 */
export function checkIdxDataLength(header: IdxHeader, byteLength: number, file?: string): void {
  const fail = idxFail(file);
  const { shape, type, count, itemSize, headerSize } = header;
  const expected = headerSize + count * itemSize;
  if (byteLength < expected) {
    fail(
      `data is ${expected - byteLength} bytes short: shape [${shape.join(", ")}] of ${type} needs ${expected} bytes, file has ${byteLength}`,
    );
  }
  if (byteLength > expected) {
    fail(
      `${byteLength - expected} extra bytes after the data: shape [${shape.join(", ")}] of ${type} needs ${expected} bytes, file has ${byteLength}`,
    );
  }
}

/**
 * Parse one IDX file's bytes: parseIdxHeader's checks, then the data length must be exactly
 * count × element size (checkIdxDataLength). All failures throw DataFormatError.
 */
export function parseIdx(bytes: Uint8Array, options: IdxOptions = {}): IdxArray {
  const header = parseIdxHeader(bytes, options);
  checkIdxDataLength(header, bytes.length, options.file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { headerSize, count, type } = header;
  return { type, shape: header.shape, data: readElements(view, headerSize, count, type, bytes) };
}

function idxFail(file: string | undefined): (reason: string) => never {
  return (reason) => {
    throw new DataFormatError(`IDX: ${reason}`, { file });
  };
}

function readElements(
  view: DataView,
  offset: number,
  count: number,
  type: IdxType,
  bytes: Uint8Array,
): IdxData {
  switch (type) {
    case "uint8":
      return bytes.subarray(offset, offset + count);
    case "int8":
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count).slice();
    case "int16":
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i, false));
    case "int32":
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i, false));
    case "float32":
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i, false));
    case "float64":
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i, false));
  }
}

function hex(b: number | undefined): string {
  return (b ?? 0).toString(16).toUpperCase().padStart(2, "0");
}

export interface IdxDatasetOptions {
  /** Scale uint8 pixels to [0, 1] by x/255. Default true. */
  normalize?: boolean;
  /** Labels must lie in 0..numClasses−1. Default 10. */
  numClasses?: number;
  labelNames?: string[];
  imagesFile?: string;
  labelsFile?: string;
  maxElements?: number;
}

/**
 * An image/label pair of IDX files (bytes) → Dataset: x [N, rows·cols] float32 (x/255 when
 * normalize), y [N] class indices, task "multiclass". Images must be uint8 with ndim 3, labels an
 * integer type with ndim 1; N must match; every label must be in 0..numClasses−1.
 */
export function idxImagesLabels(
  images: Uint8Array,
  labels: Uint8Array,
  options: IdxDatasetOptions = {},
): Dataset {
  const { imagesFile, labelsFile } = options;
  const numClasses = options.numClasses ?? 10;
  const img = parseIdx(images, { file: imagesFile, maxElements: options.maxElements });
  const lab = parseIdx(labels, { file: labelsFile, maxElements: options.maxElements });
  if (img.shape.length !== 3 || img.type !== "uint8") {
    throw new DataFormatError(
      `IDX images: expected uint8 with 3 dims [N, rows, cols], got ${img.type} [${img.shape.join(", ")}] (a labels file?)`,
      { file: imagesFile },
    );
  }
  if (lab.shape.length !== 1 || lab.type === "float32" || lab.type === "float64") {
    throw new DataFormatError(
      `IDX labels: expected integers with 1 dim [N], got ${lab.type} [${lab.shape.join(", ")}] (an images file?)`,
      { file: labelsFile },
    );
  }
  const [n, rows, cols] = img.shape;
  if (lab.shape[0] !== n) {
    throw new DataFormatError(`IDX: ${n} images but ${lab.shape[0]} labels`, { file: labelsFile });
  }
  if (n === 0) throw new EmptyDatasetError("IDX images file holds 0 images", imagesFile);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = lab.data[i];
    if (c < 0 || c >= numClasses) {
      throw new DataFormatError(
        `IDX labels: label ${c} of sample ${i} is outside 0..${numClasses - 1}`,
        { file: labelsFile },
      );
    }
    y[i] = c;
  }
  const d = rows * cols;
  const x = new Float32Array(n * d);
  const scale = options.normalize ?? true;
  for (let i = 0; i < n * d; i++) x[i] = scale ? img.data[i] / 255 : img.data[i];
  return {
    x: new Tensor(x, [n, d]),
    y: new Tensor(y, [n]),
    task: "multiclass",
    labelNames: options.labelNames ?? Array.from({ length: numClasses }, (_, c) => String(c)),
  };
}
