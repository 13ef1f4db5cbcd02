// The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, type, ndim), ndim big-endian
// uint32 dims, then the elements big-endian. The header is checked completely, including the
// exact data length, before anything is allocated. Bytes in, arrays out; file reading is in src/node.
import { Tensor } from "../tensor/tensor.js";
import type { Dataset } from "./dataset.js";
import { DataFormatError, EmptyDatasetError } from "./errors.js";

/** Element type named by an IDX header's type byte (0x08 uint8 … 0x0e float64). */
export type IdxType = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";
/** The typed array that holds an IDX body of each {@link IdxType}. */
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

/** Options of the IDX parsers: a file name for messages and a size limit. */
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

/** Options of {@link idxImagesDataset} and {@link idxImagesLabels}. */
export interface IdxDatasetOptions {
  /** Scale uint8 pixels to [0, 1] by x/255. Default true. */
  normalize?: boolean;
  /** Labels must lie in 0..numClasses−1. Default 10. */
  numClasses?: number;
  /** Names of the classes, labelNames[c] for class c (stored in the Dataset). */
  labelNames?: string[];
  /** File name of the images, for error messages. */
  imagesFile?: string;
  /** File name of the labels, for error messages. */
  labelsFile?: string;
  /** Largest element count accepted per file. Default 2^31 − 1. */
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
  const img = parseIdx(images, { file: options.imagesFile, maxElements: options.maxElements });
  const lab = parseIdx(labels, { file: options.labelsFile, maxElements: options.maxElements });
  checkIdxImagesHeader(img, options.imagesFile);
  const x = new Float32Array(img.data.length);
  pixelsToFloat(img.data as Uint8Array, x, 0, options.normalize ?? true);
  return idxImagesDataset(img.shape, x, lab, options);
}

/**
 * Decoded images ([N, rows, cols] with pixels x already float32) and a parsed labels array →
 * Dataset, as idxImagesLabels: labels must be integers with ndim 1, N of them, each in
 * 0..numClasses−1; N = 0 throws EmptyDatasetError.
 */
export function idxImagesDataset(
  imageShape: readonly number[],
  x: Float32Array,
  lab: IdxArray,
  options: IdxDatasetOptions = {},
): Dataset {
  const { imagesFile, labelsFile } = options;
  const numClasses = options.numClasses ?? 10;
  if (lab.shape.length !== 1 || lab.type === "float32" || lab.type === "float64") {
    throw new DataFormatError(
      `IDX labels: expected integers with 1 dim [N], got ${lab.type} [${lab.shape.join(", ")}] (an images file?)`,
      { file: labelsFile },
    );
  }
  const [n, rows, cols] = imageShape;
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
  return {
    x: new Tensor(x, [n, rows * cols]),
    y: new Tensor(y, [n]),
    task: "multiclass",
    labelNames: options.labelNames ?? Array.from({ length: numClasses }, (_, c) => String(c)),
  };
}

/** Images must be uint8 with 3 dims [N, rows, cols]; else DataFormatError naming `file`. */
function checkIdxImagesHeader(img: { type: IdxType; shape: number[] }, file?: string): void {
  if (img.shape.length !== 3 || img.type !== "uint8") {
    throw new DataFormatError(
      `IDX images: expected uint8 with 3 dims [N, rows, cols], got ${img.type} [${img.shape.join(", ")}] (a labels file?)`,
      { file },
    );
  }
}

/** out[at + i] = bytes[i] / 255 (normalize) or bytes[i], for every i with at + i < out.length. */
function pixelsToFloat(bytes: Uint8Array, out: Float32Array, at: number, normalize: boolean): void {
  const n = Math.min(bytes.length, out.length - at);
  if (normalize) for (let i = 0; i < n; i++) out[at + i] = bytes[i] / 255;
  else for (let i = 0; i < n; i++) out[at + i] = bytes[i];
}

/** Options of {@link IdxImagesDecoder}. */
export interface IdxImagesDecoderOptions {
  /** File name for messages. */
  file?: string;
  /** Largest element count accepted. Default 2^31 − 1. */
  maxElements?: number;
  /** Scale pixels to [0, 1] by x/255. Default true. */
  normalize?: boolean;
  /**
   * An upper bound on the bytes the source can deliver (a plain file's size, or what its gzip can
   * inflate to). A header promising more allocates nothing; finish() then reports the data as
   * short. Default Infinity.
   */
  maxSourceBytes?: number;
}

/**
 * Decode an IDX images file (uint8, dims [N, rows, cols]) pushed in chunks of any size straight
 * into one Float32Array [N·rows·cols]: x = byte / 255 when normalize (else the byte), the same
 * values as idxImagesLabels. The header is parsed and checked (parseIdxHeader, then uint8 with 3
 * dims) from the first ≤ 20 bytes, the output is allocated once, and each chunk is converted as it
 * arrives, so no full-size copy of the bytes exists. finish() checks the exact data length
 * (checkIdxDataLength); all failures throw DataFormatError naming the file.
 */
export class IdxImagesDecoder {
  private readonly head = new Uint8Array(IDX_MAX_HEADER_BYTES);
  private headLength = 0;
  private header: IdxHeader | undefined;
  private out: Float32Array | undefined;
  /** Data bytes received after the header (also those past the end, for the length check). */
  private dataBytes = 0;

  constructor(private readonly options: IdxImagesDecoderOptions = {}) {}

  /** Feed the next bytes of the file. */
  push(chunk: Uint8Array): void {
    if (this.header === undefined) {
      const take = Math.min(chunk.length, IDX_MAX_HEADER_BYTES - this.headLength);
      this.head.set(chunk.subarray(0, take), this.headLength);
      this.headLength += take;
      if (this.headLength < IDX_MAX_HEADER_BYTES) return;
      this.start();
      chunk = chunk.subarray(take);
    }
    this.data(chunk);
  }

  /** End of file: check the length and return the images, data [N·rows·cols] float32. */
  finish(): { shape: [number, number, number]; data: Float32Array } {
    if (this.header === undefined) this.start();
    const header = this.header!;
    checkIdxDataLength(header, header.headerSize + this.dataBytes, this.options.file);
    if (this.out === undefined) {
      throw new DataFormatError(
        `IDX: more bytes than maxSourceBytes ${this.options.maxSourceBytes}`,
        {
          file: this.options.file,
        },
      );
    }
    const [n, rows, cols] = header.shape;
    return { shape: [n, rows, cols], data: this.out };
  }

  /** Parse the header from the bytes collected so far; allocate the output when it can be filled. */
  private start(): void {
    const { file, maxElements } = this.options;
    const head = this.head.subarray(0, this.headLength);
    const header = parseIdxHeader(head, { file, maxElements });
    checkIdxImagesHeader(header, file);
    this.header = header;
    const maxSource = this.options.maxSourceBytes ?? Infinity;
    // a header promising more than the source can hold is short: finish() says so, unallocated
    if (header.headerSize + header.count <= maxSource) this.out = new Float32Array(header.count);
    this.data(head.subarray(header.headerSize));
  }

  private data(bytes: Uint8Array): void {
    if (this.out !== undefined && this.dataBytes < this.out.length) {
      pixelsToFloat(bytes, this.out, this.dataBytes, this.options.normalize ?? true);
    }
    this.dataBytes += bytes.length;
  }
}
