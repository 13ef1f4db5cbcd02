// Node-only: stream a CSV file from disk into a Dataset (fs.createReadStream + streaming UTF-8
// decoding), so the file text is never held whole. Parsing rules are those of src/data/csv-dataset.ts.
import {
  CsvDatasetBuilder,
  type CsvDataset,
  type CsvDatasetOptions,
} from "../../data/csv-dataset.js";
import { streamCsvFile } from "./stream-csv.js";

/** Options of {@link readCsvFile}: the CSV dataset options plus the chunk size. */
export interface ReadCsvOptions extends CsvDatasetOptions {
  /** Bytes read per chunk. Default 64 KiB. */
  chunkBytes?: number;
}

/**
 * Load a CSV file as a Dataset, streaming. Errors name this path (or options.file).
 * Invalid UTF-8 → DataFormatError at the line the parser had reached.
 *   const iris = await readCsvFile("iris.csv", { target: "target" });
 */
export async function readCsvFile(path: string, options: ReadCsvOptions = {}): Promise<CsvDataset> {
  const file = options.file ?? path;
  const builder = new CsvDatasetBuilder({ ...options, file });
  await streamCsvFile(path, builder, { file, chunkBytes: options.chunkBytes });
  return builder.finish();
}
