// Node-only: read IDX files (plain or gzip-compressed) and the Fashion-MNIST directory layout.
// Every file is opened through openRegularFile; reading stops at the size the IDX header declares.
import { access, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGunzip, gunzip } from "node:zlib";
import type { Dataset } from "../../data/dataset.js";
import { MyelinError } from "../../errors.js";
import { DataFormatError } from "../../data/errors.js";
import {
  IDX_MAX_HEADER_BYTES,
  IdxImagesDecoder,
  checkIdxDataLength,
  idxImagesDataset,
  parseIdx,
  parseIdxHeader,
  type IdxArray,
  type IdxDatasetOptions,
  type IdxHeader,
} from "../../data/idx.js";
import { ioError, openRegularFile, readRegularFile } from "../io/read-file.js";

const gunzipAsync = promisify(gunzip);

/** Options of the IDX file readers: limits on decompressed and decoded size, a file name. */
export interface ReadIdxOptions {
  /**
   * Largest decompressed size accepted, in bytes (guards against gzip bombs). Default 2^31 − 1.
   * IDX readers also stop at the size the header declares, whichever is smaller.
   */
  maxBytes?: number;
  /** Largest element count accepted. Default 2^31 − 1. */
  maxElements?: number;
}

/**
 * Read a file's bytes; gunzip when it starts with the gzip magic 1F 8B (whatever its name). Knows
 * no IDX: the inflated size is capped at maxBytes only (readIdxFile caps at the declared size).
 */
export async function readMaybeGzip(
  path: string,
  options: ReadIdxOptions = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? 2 ** 31 - 1;
  const raw = await readRegularFile(path, { purpose: "IDX file", maxBytes });
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DataFormatError(`gzip: cannot decompress (${why})`, { file: path });
  }
}

/**
 * Called with the checked IDX header before any byte of the data is read or inflated, and the
 * most bytes the file can deliver (its size; for gzip, what deflate's 1032:1 ratio allows).
 */
type OnHeader = (header: IdxHeader, sourceBound: number) => void;

/** Deflate inflates at most 1032:1; the margin also covers tiny files. */
const GZIP_MAX_RATIO = 1100;

/**
 * Stream an IDX file (plain or gzip, by its magic bytes) into `push`, chunk by chunk, header
 * included. The header is parsed from the first bytes (parseIdxHeader) and given to `onHeader`
 * before the data; the data may then be at most what the header declares:
 *
 *   declared = headerSize + count × itemSize    count ≤ maxElements; for gzip, declared ≤ maxBytes
 *   plain file  its size must equal declared (checkIdxDataLength) before the body is read
 *   gzip        inflating stops with DataFormatError within one 64 KiB chunk past declared
 */
async function streamIdx(
  path: string,
  options: ReadIdxOptions,
  onHeader: OnHeader,
  push: (chunk: Uint8Array) => void,
): Promise<void> {
  const { handle, size } = await openRegularFile(path, { purpose: "IDX file" });
  try {
    const magic = new Uint8Array(2);
    await handle.read(magic, 0, 2, 0).catch((e: unknown) => {
      throw ioError(e, path, "read", "IDX file");
    });
    const gzipped = size >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    const maxBytes = options.maxBytes ?? 2 ** 31 - 1;
    const head = new Uint8Array(IDX_MAX_HEADER_BYTES);
    let headBytes = 0;
    let header: IdxHeader | undefined;
    let declared = Infinity;
    let total = 0;
    const start = (): void => {
      const idx = parseIdxHeader(head.subarray(0, headBytes), {
        file: path,
        maxElements: options.maxElements,
      });
      declared = idx.headerSize + idx.count * idx.itemSize;
      if (!gzipped) checkIdxDataLength(idx, size, path);
      if (gzipped && declared > maxBytes) {
        throw new DataFormatError(
          `gzip: the IDX header declares ${declared} bytes, more than maxBytes = ${maxBytes}`,
          { file: path },
        );
      }
      header = idx;
      onHeader(idx, gzipped ? Math.min(maxBytes, GZIP_MAX_RATIO * size) : size);
    };
    const deliver = (chunk: Uint8Array): void => {
      total += chunk.length;
      if (total > declared) {
        throw new DataFormatError(
          `${gzipped ? "gzip: inflates" : "file grew"} past the ${declared} bytes its IDX header declares`,
          { file: path },
        );
      }
      push(chunk);
    };
    const take = (chunk: Uint8Array): void => {
      if (header === undefined) {
        const n = Math.min(chunk.length, IDX_MAX_HEADER_BYTES - headBytes);
        head.set(chunk.subarray(0, n), headBytes);
        headBytes += n;
        const needed = headBytes >= 4 ? Math.min(4 + 4 * head[3], IDX_MAX_HEADER_BYTES) : 4;
        if (headBytes < needed) return;
        start();
        deliver(head.subarray(0, headBytes));
        chunk = chunk.subarray(n);
      }
      deliver(chunk);
    };
    await pipeBytes(handle, path, gzipped, take);
    if (header === undefined) start(); // shorter than its header: parseIdxHeader says why
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The handle's bytes (inflated when gzipped) into `take`; errors typed, `take`'s own first. */
async function pipeBytes(
  handle: FileHandle,
  path: string,
  gzipped: boolean,
  take: (chunk: Uint8Array) => void,
): Promise<void> {
  let failed: unknown; // take's own error (pipeline reports it as an AbortError)
  const sink = async (chunks: AsyncIterable<Uint8Array>): Promise<void> => {
    for await (const chunk of chunks) {
      try {
        take(chunk);
      } catch (e) {
        failed = e;
        throw e;
      }
    }
  };
  const file = handle.createReadStream({ start: 0, highWaterMark: 1 << 20, autoClose: false });
  try {
    await (gzipped
      ? pipeline(file, createGunzip({ chunkSize: 1 << 16 }), sink)
      : pipeline(file, sink));
  } catch (e) {
    if (failed !== undefined) throw failed;
    const code = (e as { code?: unknown }).code;
    if (gzipped && typeof code === "string" && code.startsWith("Z_")) {
      const why = e instanceof Error ? e.message : String(e);
      throw new DataFormatError(`gzip: cannot decompress (${why})`, { file: path });
    }
    throw ioError(e, path, "read", "IDX file");
  }
}

/**
 * Read and validate one IDX file (plain or .gz): parseIdx's checks, read into one buffer of the
 * declared size (allocated when the header is known; never more is inflated).
 */
export async function readIdxFile(path: string, options: ReadIdxOptions = {}): Promise<IdxArray> {
  return readIdxChecked(path, options, () => undefined);
}

async function readIdxChecked(
  path: string,
  options: ReadIdxOptions,
  onHeader: OnHeader,
): Promise<IdxArray> {
  let bytes = new Uint8Array(0);
  let filled = 0;
  await streamIdx(
    path,
    options,
    (header, sourceBound) => {
      onHeader(header, sourceBound);
      // a header promising more than the file can deliver gets only what it can (parseIdx: short)
      const declared = header.headerSize + header.count * header.itemSize;
      bytes = new Uint8Array(Math.min(declared, sourceBound));
    },
    (chunk) => {
      if (filled + chunk.length > bytes.length) {
        throw new DataFormatError(`gzip: inflates past ${bytes.length} bytes`, { file: path });
      }
      bytes.set(chunk, filled);
      filled += chunk.length;
    },
  );
  return parseIdx(bytes.subarray(0, filled), { file: path, maxElements: options.maxElements });
}
/**
 * Stream an IDX images file (plain or gzip; uint8 [N, rows, cols]) in chunks through
 * IdxImagesDecoder straight into data [N·rows·cols] float32 (x/255 when normalize, default true):
 * neither the gzip input nor the inflated bytes are ever held whole, and inflating stops at the
 * declared size (streamIdx). Every IDX or gzip error throws DataFormatError naming the file.
 */
export async function readIdxImagesFile(
  path: string,
  options: ReadIdxOptions & { normalize?: boolean } = {},
): Promise<{ shape: [number, number, number]; data: Float32Array }> {
  const decoderOptions = {
    file: path,
    maxElements: options.maxElements,
    normalize: options.normalize,
  };
  let decoder: IdxImagesDecoder | undefined;
  await streamIdx(
    path,
    options,
    (_header, sourceBound) => {
      // a header promising more than the file can deliver allocates nothing (finish: "short")
      decoder = new IdxImagesDecoder({ ...decoderOptions, maxSourceBytes: sourceBound });
    },
    (chunk) => decoder!.push(chunk),
  );
  return decoder!.finish();
}

/**
 * Load an images/labels IDX pair (plain or .gz) as a Dataset, as idxImagesLabels: the images are
 * streamed into the final float32 x (readIdxImagesFile); the labels' declared count is compared
 * with the images' N from its header, before the labels' data is read or inflated.
 */
export async function readIdxDataset(
  imagesPath: string,
  labelsPath: string,
  options: IdxDatasetOptions & ReadIdxOptions = {},
): Promise<Dataset> {
  const images = await readIdxImagesFile(imagesPath, options);
  const n = images.shape[0];
  const labels = await readIdxChecked(labelsPath, options, (header) => {
    if (header.shape.length === 1 && header.shape[0] !== n) {
      throw new DataFormatError(`IDX: ${n} images but ${header.shape[0]} labels`, {
        file: labelsPath,
      });
    }
  });
  return idxImagesDataset(images.shape, images.data, labels, {
    ...options,
    imagesFile: imagesPath,
    labelsFile: labelsPath,
  });
}

/** Fashion-MNIST's class names, index order (Zalando's README). */
export const FASHION_MNIST_LABELS = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];

/** Where Debian's dataset-fashion-mnist package puts the four .gz files. */
export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/**
 * Fashion-MNIST from `dir` (Debian's dataset-fashion-mnist layout: train-images-idx3-ubyte.gz, …):
 * train x [60000, 784], test x [10000, 784], float32 in [0, 1] (normalize), y class indices 0..9.
 */
export async function loadFashionMnist(
  dir: string = FASHION_MNIST_DIR,
  options: { normalize?: boolean } = {},
): Promise<{ train: Dataset; test: Dataset }> {
  const load = async (prefix: string): Promise<Dataset> => {
    const images = await findFile(dir, `${prefix}-images-idx3-ubyte`);
    const labels = await findFile(dir, `${prefix}-labels-idx1-ubyte`);
    return readIdxDataset(images, labels, { ...options, labelNames: FASHION_MNIST_LABELS });
  };
  return { train: await load("train"), test: await load("t10k") };
}

async function findFile(dir: string, base: string): Promise<string> {
  for (const name of [`${base}.gz`, base]) {
    const path = join(dir, name);
    try {
      await access(path);
      return path;
    } catch {
      // try the next name
    }
  }
  throw new MyelinError(
    `Fashion-MNIST: neither ${base}.gz nor ${base} found in ${dir} (Debian: apt-get install dataset-fashion-mnist)`,
  );
}
