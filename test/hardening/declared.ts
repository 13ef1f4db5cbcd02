// The data size an input declares, which sets its RSS budget (2 × declared + 150 MiB). What a
// file claims counts only as far as the file can back it, so a small file that claims gigabytes
// gets the budget of its real size:
//   model / checkpoint  min(file size, prefix + header length + Σ tensor byteLength) (0 without magic)
//   IDX                 min(Π dims · item size, bytes the file really holds: its size, or its
//                       inflated size for gzip)                                   (0 without a valid header)
//   CSV                 file size
//   special files (FIFO, directory, devices, /proc)  0
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { headerStartOf } from "./corpus.js";
import type { InputKind } from "./run-case.js";

const MAGIC = [0x89, 0x4d, 0x59, 0x45, 0x4c, 0x49, 0x4e, 0x0a];
const IDX_ITEM_SIZE: Record<number, number> = { 8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8 };

export async function declaredBytes(kind: InputKind, path: string): Promise<number> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return 0;
    size = stat.size;
  } catch {
    return 0; // missing, a loop, a name too long
  }
  if (/^\/(proc|dev|sys)\//.test(path)) return 0; // /proc/self/mem is a "regular file" of size 0
  if (kind === "csv") return size;
  try {
    if (kind === "idx") return Math.min(idxClaim(await idxHead(path)), await idxHolds(path, size));
    return Math.min(size, modelClaim(path, size));
  } catch {
    return 0; // unreadable: it declares nothing
  }
}

function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(length);
    const n = readSync(fd, head, 0, length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function modelClaim(path: string, size: number): number {
  const prefix = readHead(path, 16);
  if (prefix.length < 16 || MAGIC.some((b, i) => prefix[i] !== b)) return 0;
  const start = headerStartOf(prefix.readUInt32LE(8));
  const claimed = start + prefix.readUInt32LE(12);
  if (claimed > size) return size;
  try {
    const header = JSON.parse(readHead(path, claimed).subarray(start).toString("utf8")) as {
      tensors?: Record<string, { byteLength?: unknown }>;
    };
    let bytes = 0;
    for (const t of Object.values(header.tensors ?? {})) {
      if (typeof t?.byteLength === "number") bytes += t.byteLength;
    }
    return claimed + bytes;
  } catch {
    return claimed;
  }
}

function isGzip(path: string): boolean {
  const head = readHead(path, 2);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The first ≤ 1 KiB of the IDX bytes (inflated when gzip). */
async function idxHead(path: string): Promise<Buffer> {
  if (!isGzip(path)) return readHead(path, 1024);
  return (await streamBytes(path, 1024)).head;
}

/** Π dims · item size from an IDX header, 0 when the header is not one. */
function idxClaim(head: Buffer): number {
  if (head.length < 4 || head[0] !== 0 || head[1] !== 0) return 0;
  const itemSize = IDX_ITEM_SIZE[head[2]];
  const ndim = head[3];
  if (itemSize === undefined || head.length < 4 + 4 * ndim) return 0;
  let count = 1;
  for (let k = 0; k < ndim; k++) count *= head.readUInt32BE(4 + 4 * k);
  return 4 + 4 * ndim + count * itemSize;
}

/** Bytes the file really holds: its size, or (gzip) its inflated size, counted up to 4 GiB. */
async function idxHolds(path: string, size: number): Promise<number> {
  return isGzip(path) ? (await streamBytes(path, 0)).total : size;
}

/** Inflate `path` as a stream: the first `keep` bytes and the total (stops at 4 GiB). */
async function streamBytes(path: string, keep: number): Promise<{ head: Buffer; total: number }> {
  const chunks: Buffer[] = [];
  let total = 0;
  const gunzip = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (total < keep) chunks.push(chunk);
      total += chunk.length;
      if (keep > 0 && total >= keep) break;
      if (total > 4 * 2 ** 30) break;
    }
  } catch {
    // a corrupt stream holds what inflated before the damage
  }
  return { head: Buffer.concat(chunks).subarray(0, keep), total };
}
