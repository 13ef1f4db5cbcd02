// Assembles a container from raw header text and data bytes WITHOUT any validation, so tests and
// fuzzers can build files that break one rule at a time. Not for producing real model files.
import { FORMAT_VERSION, MAGIC, PAD_BYTE, PREFIX_BYTES, align8 } from "../../src/io/layout.js";

export interface RawFileParts {
  /** Header bytes, or text encoded as UTF-8. */
  header: string | Uint8Array;
  /** Data section bytes (placed at the 8-aligned offset after the header). Default empty. */
  data?: Uint8Array;
  /** Overrides of the prefix fields. */
  version?: number;
  headerLength?: number;
  magic?: readonly number[];
}

/** magic · version · headerLength · header · spaces to ×8 · data. @internal */
export function rawModelFile(parts: RawFileParts): Uint8Array {
  const header =
    typeof parts.header === "string" ? new TextEncoder().encode(parts.header) : parts.header;
  const data = parts.data ?? new Uint8Array(0);
  const dataStart = align8(PREFIX_BYTES + header.length);
  const out = new Uint8Array(dataStart + data.length);
  out.set(parts.magic ?? MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, parts.version ?? FORMAT_VERSION, true);
  view.setUint32(12, parts.headerLength ?? header.length, true);
  out.set(header, PREFIX_BYTES);
  out.fill(PAD_BYTE, PREFIX_BYTES + header.length, dataStart);
  out.set(data, dataStart);
  return out;
}

/** Header text with the given tensor table (an object literal's JSON) and an empty user header. */
export function headerWithTable(table: string, header = "{}"): string {
  return `{"header":${header},"tensors":${table}}`;
}
