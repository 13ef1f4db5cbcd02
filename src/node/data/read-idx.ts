// Node-only: read IDX files (plain or gzip-compressed) and the Fashion-MNIST directory layout.
import { createReadStream } from "node:fs";
import { readFile, access, open } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGunzip, gunzip } from "node:zlib";
import type { Dataset } from "../../data/dataset.js";
import { MyelinError } from "../../errors.js";
import { DataFormatError } from "../../data/errors.js";
import {
  IdxImagesDecoder,
  idxImagesDataset,
  parseIdx,
  type IdxArray,
  type IdxDatasetOptions,
} from "../../data/idx.js";

const gunzipAsync = promisify(gunzip);

export interface ReadIdxOptions {
  /** Largest decompressed size accepted, in bytes (guards against gzip bombs). Default 2^31 − 1. */
  maxBytes?: number;
  /** Largest element count accepted. Default 2^31 − 1. */
  maxElements?: number;
}

/** Read a file's bytes; gunzip when it starts with the gzip magic 1F 8B (whatever its name). */
export async function readMaybeGzip(
  path: string,
  options: ReadIdxOptions = {},
): Promise<Uint8Array> {
  const raw = await readFile(path);
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  const maxOutputLength = options.maxBytes ?? 2 ** 31 - 1;
  try {
    return await gunzipAsync(raw, { maxOutputLength });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new DataFormatError(`gzip: cannot decompress (${why})`, { file: path });
  }
}

/** Read and validate one IDX file (plain or .gz). See parseIdx for the checks. */
export async function readIdxFile(path: string, options: ReadIdxOptions = {}): Promise<IdxArray> {
  const bytes = await readMaybeGzip(path, options);
  return parseIdx(bytes, { file: path, maxElements: options.maxElements });
}

/** Deflate inflates at most 1032:1; the margin also covers tiny files. */
const GZIP_MAX_RATIO = 1100;

/**
 * Stream an IDX images file (plain or gzip, found by its magic bytes; uint8 [N, rows, cols]) in
 * chunks through IdxImagesDecoder straight into data [N·rows·cols] float32 (x/255 when normalize,
 * default true): neither the gzip input nor the inflated bytes are ever held whole. The inflated
 * size is capped at maxBytes; a corrupt or oversized gzip and every IDX error throw DataFormatError
 * naming the file.
 */
export async function readIdxImagesFile(
  path: string,
  options: ReadIdxOptions & { normalize?: boolean } = {},
): Promise<{ shape: [number, number, number]; data: Float32Array }> {
  const handle = await open(path);
  const magic = new Uint8Array(2);
  let size: number;
  try {
    size = (await handle.stat()).size;
    await handle.read(magic, 0, 2, 0);
  } catch (e) {
    await handle.close();
    throw e;
  }
  await handle.close();
  const gzipped = size >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  const maxBytes = options.maxBytes ?? 2 ** 31 - 1;
  const decoder = new IdxImagesDecoder({
    file: path,
    maxElements: options.maxElements,
    normalize: options.normalize,
    maxSourceBytes: gzipped ? Math.min(maxBytes, GZIP_MAX_RATIO * size) : size,
  });
  let inflated = 0;
  let failed: unknown; // the sink's own error (pipeline reports it as an AbortError)
  const sink = async (chunks: AsyncIterable<Uint8Array>): Promise<void> => {
    for await (const chunk of chunks) {
      try {
        inflated += chunk.length;
        if (gzipped && inflated > maxBytes) {
          throw new DataFormatError(`gzip: decompressed size exceeds maxBytes = ${maxBytes}`, {
            file: path,
          });
        }
        decoder.push(chunk);
      } catch (e) {
        failed = e;
        throw e;
      }
    }
  };
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
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
    throw e;
  }
  return decoder.finish();
}

/**
 * Load an images/labels IDX pair (plain or .gz) as a Dataset, as idxImagesLabels: the images are
 * streamed into the final float32 x (readIdxImagesFile); the small labels file is read whole.
 */
export async function readIdxDataset(
  imagesPath: string,
  labelsPath: string,
  options: IdxDatasetOptions & ReadIdxOptions = {},
): Promise<Dataset> {
  const images = await readIdxImagesFile(imagesPath, options);
  const labelBytes = await readMaybeGzip(labelsPath, options);
  const labels = parseIdx(labelBytes, { file: labelsPath, maxElements: options.maxElements });
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
