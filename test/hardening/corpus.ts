// The attack's inputs, written into one work directory: valid files made by the library itself
// (a CSV, a model and a checkpoint from `myelin train`, IDX images/labels plain and gzip),
// byte-level mutations of them, crafted bombs, and special files (FIFO without a writer,
// directory, devices, sparse 1 GiB, symlink loop, unreadable, name too long, /proc/self/mem).
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  createWriteStream,
  mkdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { createGzip, gzipSync } from "node:zlib";
import type { Random } from "../../src/tensor/random.js";
import { pick } from "../support/fuzz.js";
import { rawModelFile } from "../support/raw-model-file.js";
import type { Library } from "./library.js";
import type { InputKind } from "./run-case.js";

const MiB = 1024 * 1024;

/** The valid inputs every mutation starts from. */
export interface ValidInputs {
  csv: string;
  model: string;
  checkpoint: string;
  idxImages: string;
  idxLabels: string;
  idxImagesGz: string;
  idxLabelsGz: string;
}

/** An IDX file: 00 00 type ndim, big-endian uint32 dims, payload. */
export function idxBytes(type: number, dims: number[], payload: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + 4 * dims.length + payload.length);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, k) => out.writeUInt32BE(d, 4 + 4 * k));
  out.set(payload, 4 + 4 * dims.length);
  return out;
}

/** The CSV, model, checkpoint (via `myelin train`) and IDX files, in `dir`. */
export function writeValidInputs(dir: string, lib: Library, rng: Random): ValidInputs {
  const csv = join(dir, "data.csv");
  let text = "f1,f2,f3,label\n";
  for (let i = 0; i < 40; i++) {
    const c = i % 3;
    const cell = (v: number): string => v.toFixed(3);
    text += `${cell(c + rng.uniform())},${cell(2 * rng.uniform())},${cell(c / 2 + rng.uniform())},${"abc"[c]}\n`;
  }
  writeFileSync(csv, text);
  const model = join(dir, "model.myelin");
  const checkpoint = join(dir, "model.ckpt");
  const trained = spawnSync(
    process.execPath,
    [lib.cliMain, ...trainArgs(csv, 2), "--checkpoint", checkpoint, "--out", model],
    { cwd: dir, encoding: "utf8" },
  );
  if (trained.status !== 0) throw new Error(`myelin train failed: ${trained.stderr}`);
  const n = 12;
  const pixels = Uint8Array.from({ length: n * 9 }, () => rng.int(256));
  const images = idxBytes(0x08, [n, 3, 3], pixels);
  const labels = idxBytes(
    0x08,
    [n],
    Uint8Array.from({ length: n }, (_, i) => i % 3),
  );
  const files = {
    idxImages: ["images.idx", images],
    idxLabels: ["labels.idx", labels],
    idxImagesGz: ["images.idx.gz", gzipSync(images)],
    idxLabelsGz: ["labels.idx.gz", gzipSync(labels)],
  } as const;
  const paths = {} as Record<keyof typeof files, string>;
  for (const [key, [name, bytes]] of Object.entries(files)) {
    paths[key as keyof typeof files] = join(dir, name);
    writeFileSync(join(dir, name), bytes);
  }
  return { csv, model, checkpoint, ...paths };
}

/** `myelin train` on the CSV with a tiny net: the run the checkpoint belongs to. */
export function trainArgs(csv: string, epochs: number): string[] {
  return ["train", "--data", csv, "--epochs", String(epochs), "--layers", "4", "--report", "none"];
}

// ---------------------------------------------------------------------------------------------
// byte-level mutations

export const MUTATIONS = ["flip", "truncate", "extend", "splice"] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** A mutated copy: flip 1–8 bits, cut at a random offset, append 1–4096 bytes, or splice a run. */
export function mutate(rng: Random, input: Uint8Array, how: Mutation): Buffer {
  const bytes = Buffer.from(input);
  const at = rng.int(Math.max(1, bytes.length));
  switch (how) {
    case "flip":
      for (let k = 1 + rng.int(8); k > 0; k--) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
      return bytes;
    case "truncate":
      return bytes.subarray(0, at);
    case "extend": {
      const tail = Buffer.alloc(1 + rng.int(4096), pick(rng, [0, 0x20, 0xff, rng.int(256)]));
      return Buffer.concat([bytes, tail]);
    }
    case "splice": {
      // overwrite a run with bytes copied from elsewhere in the same file, or random bytes
      const length = 1 + rng.int(64);
      const from = rng.int(Math.max(1, bytes.length));
      const run =
        rng.int(2) === 0 ? Buffer.from(bytes.subarray(from, from + length)) : noise(rng, length);
      return Buffer.concat([bytes.subarray(0, at), run, bytes.subarray(at + run.length)]);
    }
  }
}

function noise(rng: Random, length: number): Buffer {
  return Buffer.from(Uint8Array.from({ length }, () => rng.int(256)));
}

// ---------------------------------------------------------------------------------------------
// crafted bombs

export interface Bomb {
  kind: InputKind;
  name: string;
  path: string;
  /** For IDX: which file of an images/labels pair it is. */
  role?: "images" | "labels";
}

/**
 * Bombs, sized by `inflateMiB` (the gzip bombs' inflated size; 1024 for the full run) and
 * `headerMiB` (the large checkpoint header).
 */
export async function writeBombs(
  dir: string,
  valid: ValidInputs,
  sizes: { inflateMiB: number; headerMiB: number },
): Promise<Bomb[]> {
  const bombs: Bomb[] = [];
  const add = (kind: InputKind, name: string, bytes: Uint8Array, role?: Bomb["role"]): void => {
    const path = join(dir, `bomb-${name}`);
    writeFileSync(path, bytes);
    bombs.push({ kind, name, path, role });
  };
  // model: a prefix declaring a 4 GiB header over a 64-byte file; a table of 2 GB over no data
  add("model", "header-length-4g", rawModelFile({ header: "{}", headerLength: 0xffffffff }));
  const table = `{"w":{"byteLength":2000000000,"byteOffset":0,"dtype":"float32","shape":[500000000]}}`;
  add("model", "table-2g-no-data", rawModelFile({ header: `{"header":{},"tensors":${table}}` }));
  // checkpoint: the real one with its history padded to a large JSON header
  add(
    "checkpoint",
    `header-${sizes.headerMiB}m`,
    paddedCheckpoint(valid.checkpoint, sizes.headerMiB),
  );
  // IDX: headers that declare 160 B / 12 B but inflate to inflateMiB; dims far beyond the bytes
  const inflate = sizes.inflateMiB * MiB;
  const images = idxBytes(0x08, [10, 4, 4], new Uint8Array(160));
  const labels = idxBytes(0x08, [12], new Uint8Array(12));
  await gzipWithZeros(join(dir, "bomb-images-gzip-beyond-declared"), images, inflate);
  bombs.push({
    kind: "idx",
    name: "images-gzip-beyond-declared",
    path: join(dir, "bomb-images-gzip-beyond-declared"),
    role: "images",
  });
  await gzipWithZeros(join(dir, "bomb-labels-gzip-beyond-declared"), labels, inflate);
  bombs.push({
    kind: "idx",
    name: "labels-gzip-beyond-declared",
    path: join(dir, "bomb-labels-gzip-beyond-declared"),
    role: "labels",
  });
  add("idx", "images-dims-2g", idxBytes(0x08, [2 ** 31 - 1, 28, 28], new Uint8Array(64)), "images");
  add("idx", "labels-dims-4g", idxBytes(0x08, [2 ** 32 - 1], new Uint8Array(64)), "labels");
  add(
    "idx",
    "images-gzip-dims-60000",
    gzipSync(idxBytes(0x08, [60000, 28, 28], new Uint8Array(100))),
    "images",
  );
  add("idx", "float64-dims-2g", idxBytes(0x0e, [2 ** 31 - 1], new Uint8Array(64)), "labels");
  // CSV: one 32 MiB line without a newline; a 2 MiB header
  add("csv", "line-32m", Buffer.alloc(32 * MiB, "9"));
  add("csv", "header-2m", Buffer.from(`${"c,".repeat(MiB)}label\n${"1,".repeat(MiB)}a\n`));
  return bombs;
}

/** The checkpoint with `headerMiB` of extra history entries in its JSON header. */
function paddedCheckpoint(path: string, headerMiB: number): Uint8Array {
  const file = readFileSync(path);
  const version = file.readUInt32LE(8);
  const start = headerStartOf(version);
  const headerLength = file.readUInt32LE(12);
  const header = JSON.parse(file.subarray(start, start + headerLength).toString("utf8")) as {
    header: { extra: { checkpoint: { history: unknown[] } } };
  };
  const entry = { accuracy: 0.123456789, loss: 1.23456789, lr: 0.01 };
  const count = Math.ceil((headerMiB * MiB) / JSON.stringify(entry).length);
  const history = header.header.extra.checkpoint.history;
  for (let i = 0; i < count; i++) history.push(entry);
  const dataStart = Math.ceil((start + headerLength) / 8) * 8;
  return rawModelFile({ header: JSON.stringify(header), data: file.subarray(dataStart), version });
}

/** Where a model file's header starts: after the 16-byte prefix (version 1) or 24 (later). */
export function headerStartOf(version: number): number {
  return version === 1 ? 16 : 24;
}

/** Write gzip(head ‖ zeros) with `total` inflated bytes, streaming (never held whole). */
async function gzipWithZeros(path: string, head: Uint8Array, total: number): Promise<void> {
  const gzip = createGzip({ level: 9 });
  const out = createWriteStream(path);
  gzip.pipe(out);
  gzip.write(head);
  const zeros = Buffer.alloc(MiB);
  for (let written = head.length; written < total; written += zeros.length) {
    if (!gzip.write(zeros)) await once(gzip, "drain");
  }
  gzip.end();
  await once(out, "close");
}

// ---------------------------------------------------------------------------------------------
// special files

export interface Special {
  name: string;
  /** Make it at `path` (FIFO, directory, …), or null when it is a fixed system path. */
  make: ((path: string, validOfKind: string) => void) | null;
  /** The fixed path (devices, /proc), when make is null. */
  fixed?: string;
  note?: string;
}

export const SPECIALS: readonly Special[] = [
  { name: "fifo-no-writer", make: (p) => mkfifo(p) },
  { name: "directory", make: (p) => mkdirSync(p) },
  { name: "dev-zero", make: null, fixed: "/dev/zero" },
  { name: "dev-null", make: null, fixed: "/dev/null" },
  { name: "dev-full", make: null, fixed: "/dev/full" },
  { name: "sparse-1g", make: (p) => (writeFileSync(p, ""), truncateSync(p, 2 ** 30)) },
  { name: "symlink-loop", make: (p) => (symlinkSync(`${p}.b`, p), symlinkSync(p, `${p}.b`)) },
  {
    name: "no-read-permission",
    make: (p, valid) => (copyFileSync(valid, p), chmodSync(p, 0)),
    note: "a valid file with mode 000; root ignores permissions, so as root it reads fine",
  },
  { name: "name-too-long", make: null, note: "a 300-character file name (ENAMETOOLONG)" },
  { name: "proc-self-mem", make: null, fixed: "/proc/self/mem" },
  { name: "missing", make: null, note: "a path that does not exist" },
];

/** Create special file `s` under `dir` for inputs of one kind; returns its path. */
export function placeSpecial(s: Special, dir: string, validOfKind: string): string {
  if (s.fixed !== undefined) return s.fixed;
  if (s.name === "name-too-long") return join(dir, "n".repeat(300));
  const path = join(dir, `special-${s.name}`);
  if (s.make) s.make(path, validOfKind);
  return path;
}

function mkfifo(path: string): void {
  const made = spawnSync("mkfifo", [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.stderr.toString()}`);
}
