// CRC-32C (Castagnoli), the integrity check of model-file version 2 (FORMAT.md). Pure TypeScript
// with lookup tables, so it runs in browsers; not a cryptographic hash (it catches damage, not
// forgery).

import { HOST_LITTLE_ENDIAN } from "./endian.js";

/** The Castagnoli polynomial 0x1EDC6F41, bit-reflected. */
const POLY = 0x82f63b78;

/**
 * Slicing-by-8 tables: TABLES[k·256 + b] is the CRC of byte b followed by k zero bytes, so eight
 * input bytes are folded with eight lookups instead of eight dependent steps.
 */
const TABLES: Uint32Array = makeTables();

function makeTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[b] = c >>> 0;
  }
  for (let b = 0; b < 256; b++) {
    let c = t[b];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + b] = c;
    }
  }
  return t;
}

/**
 * CRC-32C of `bytes` (init 0xFFFFFFFF, reflected, final xor 0xFFFFFFFF), as an unsigned 32-bit
 * integer. Pass the CRC of the bytes before to continue it: crc32c(b, crc32c(a)) = crc32c(a ‖ b).
 *
 *   crc32c(ASCII "123456789") = 0xE3069283   (the standard check value)
 */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  const t = TABLES;
  let c = ~previous;
  let i = 0;
  const n = bytes.length;
  if (HOST_LITTLE_ENDIAN && n >= 64) {
    // fast path: read the 8 bytes as two little-endian u32 words from an aligned view
    for (; i < n && (bytes.byteOffset + i) % 4 !== 0; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, ((n - i) >>> 3) << 1);
    for (let w = 0; w < words.length; w += 2) {
      const lo = c ^ words[w];
      const hi = words[w + 1];
      c =
        t[1792 + (lo & 0xff)] ^
        t[1536 + ((lo >>> 8) & 0xff)] ^
        t[1280 + ((lo >>> 16) & 0xff)] ^
        t[1024 + (lo >>> 24)] ^
        t[768 + (hi & 0xff)] ^
        t[512 + ((hi >>> 8) & 0xff)] ^
        t[256 + ((hi >>> 16) & 0xff)] ^
        t[hi >>> 24];
    }
    i += words.length * 4;
  }
  for (; i + 8 <= n; i += 8) {
    const lo = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    const hi = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
    c =
      t[1792 + (lo & 0xff)] ^
      t[1536 + ((lo >>> 8) & 0xff)] ^
      t[1280 + ((lo >>> 16) & 0xff)] ^
      t[1024 + (lo >>> 24)] ^
      t[768 + (hi & 0xff)] ^
      t[512 + ((hi >>> 8) & 0xff)] ^
      t[256 + ((hi >>> 16) & 0xff)] ^
      t[hi >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** A CRC as it appears in messages: 0x1a2b3c4d. */
export function fmtCrc(crc: number): string {
  return `0x${crc.toString(16).padStart(8, "0")}`;
}
