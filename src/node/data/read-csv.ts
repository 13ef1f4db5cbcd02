// Node-only: stream a CSV file from disk into a Dataset (fs.createReadStream + streaming UTF-8
// decoding), so the file text is never held whole. Parsing rules are those of src/data/csv-dataset.ts.
import { createReadStream } from "node:fs";
import { CsvDatasetBuilder, type CsvDatasetOptions } from "../../data/csv-dataset.js";
import type { Dataset } from "../../data/dataset.js";
import { DataFormatError } from "../../data/errors.js";

export interface ReadCsvOptions extends CsvDatasetOptions {
  /** Bytes read per chunk. Default 64 KiB. */
  chunkBytes?: number;
}

/**
 * Load a CSV file as a Dataset, streaming. Errors name this path (or options.file).
 * Invalid UTF-8 → DataFormatError at the line the parser had reached.
 *   const iris = await readCsvFile("iris.csv", { target: "target" });
 */
export async function readCsvFile(path: string, options: ReadCsvOptions = {}): Promise<Dataset> {
  const file = options.file ?? path;
  const builder = new CsvDatasetBuilder({ ...options, file });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 16 });
  let line = 1;
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new DataFormatError("invalid UTF-8 byte sequence", { file, line });
    }
  };
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      builder.push(decode(bytes));
      line = builder.currentLine;
    }
    builder.push(decode());
  } finally {
    stream.destroy();
  }
  return builder.finish();
}
