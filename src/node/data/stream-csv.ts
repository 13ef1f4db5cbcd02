// Node-only: stream a file's bytes through a strict UTF-8 decoder into a CSV sink (a
// CsvDatasetBuilder, CsvFeaturesBuilder or CsvParser), so the file text is never held whole.
// The one streaming reader behind readCsvFile; what the sink builds is the sink's business.
import { createReadStream } from "node:fs";
import { DataFormatError } from "../../data/errors.js";

/** Anything that takes CSV text chunk by chunk and knows the line it has reached. */
export interface CsvSink {
  push(chunk: string): void;
  readonly currentLine: number;
}

export interface StreamCsvOptions {
  /** The name errors give the file. Default: the path. */
  file?: string;
  /** Bytes read per chunk. Default 64 KiB. */
  chunkBytes?: number;
}

/**
 * Push the text of `path` into `sink`, then the decoder's tail. Invalid UTF-8 → DataFormatError
 * at the line the sink had reached; the sink's own errors pass through unchanged.
 */
export async function streamCsvFile(
  path: string,
  sink: CsvSink,
  options: StreamCsvOptions = {},
): Promise<void> {
  const file = options.file ?? path;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new DataFormatError("invalid UTF-8 byte sequence", { file, line: sink.currentLine });
    }
  };
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 16 });
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) sink.push(decode(bytes));
    sink.push(decode());
  } finally {
    stream.destroy();
  }
}
