// Node-only: stream a file's bytes through a strict UTF-8 decoder into a CSV sink (a
// CsvDatasetBuilder, CsvFeaturesBuilder or CsvParser), so the file text is never held whole.
// The one streaming reader behind readCsvFile; what the sink builds is the sink's business.
import { DataFormatError } from "../../data/errors.js";
import { ioError, openRegularFile } from "../io/read-file.js";

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
 * Push the text of `path` (a regular file: openRegularFile's checks, IoError otherwise) into
 * `sink`. Invalid UTF-8 → DataFormatError at the line of the first bad byte: the valid text before
 * it reaches the sink first. The sink's own errors pass through unchanged.
 */
export async function streamCsvFile(
  path: string,
  sink: CsvSink,
  options: StreamCsvOptions = {},
): Promise<void> {
  const file = options.file ?? path;
  const { handle } = await openRegularFile(path, { purpose: "CSV file" });
  try {
    const buffer = new Uint8Array(options.chunkBytes ?? 1 << 16);
    // the ≤ 3 bytes of a sequence cut by the chunk boundary, decoded with the next chunk
    let carry = new Uint8Array(0);
    for (;;) {
      const n = await handle.read(buffer, 0, buffer.length, null).then(
        (r) => r.bytesRead,
        (e: unknown) => {
          throw ioError(e, path, "read", "CSV file");
        },
      );
      if (n === 0) break;
      const bytes = carry.length > 0 ? concat(carry, buffer.subarray(0, n)) : buffer.subarray(0, n);
      const end = completeEnd(bytes);
      pushDecoded(bytes.subarray(0, end), sink, file);
      carry = bytes.slice(end);
    }
    pushDecoded(carry, sink, file); // a sequence cut by the end of the file fails here
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** ignoreBOM keeps a U+FEFF in the text: the parser drops it at the start of the file only. */
const strictUtf8 = (): TextDecoder => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decode `bytes` (whole sequences) into the sink; on invalid UTF-8, push the valid prefix first. */
function pushDecoded(bytes: Uint8Array, sink: CsvSink, file: string): void {
  let text: string;
  try {
    text = strictUtf8().decode(bytes);
  } catch {
    sink.push(strictUtf8().decode(bytes.subarray(0, validPrefixLength(bytes)), { stream: true }));
    throw new DataFormatError("invalid UTF-8 byte sequence", { file, line: sink.currentLine });
  }
  sink.push(text);
}

/**
 * Longest k such that bytes[0, k) could start valid UTF-8 (complete sequences, possibly a cut
 * one at the end). Any prefix of such a prefix is one too, so binary search finds k.
 */
function validPrefixLength(bytes: Uint8Array): number {
  let lo = 0; // valid
  let hi = bytes.length; // invalid
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    try {
      strictUtf8().decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Where the last complete UTF-8 sequence of `bytes` ends: a lead byte in the last 3 bytes whose
 * sequence runs past the end is cut off (it goes to the next chunk). Invalid bytes stay in, so
 * the strict decoder reports them.
 */
function completeEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + length > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
