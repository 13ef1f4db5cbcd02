// The --data argument → data sets: built-in synthetic sets (seeded), a CSV file, an IDX directory
// (train-*/t10k-* files, as Fashion-MNIST) or "fashion-mnist" (Debian's install location).
// Splitting and preprocessing are train.ts's job; this file only loads.
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { data, type Tensor } from "../node/index.js";
import { CsvFeaturesBuilder } from "../data/csv-features.js";
import { DataFormatError } from "../data/errors.js";
import { CliError, UsageError } from "./output.js";

type Dataset = data.Dataset;

export const SYNTHETIC = ["spirals", "xor", "circles", "moons", "blobs"] as const;

export interface LoadedData {
  /** Short name for file names: "spirals", "iris", "fashion-mnist". */
  name: string;
  /** What was loaded, for the model file and the report ("synthetic spirals n=600 …", a path). */
  source: string;
  /** All rows, or the training rows when the source has its own test set. */
  all: Dataset;
  /** The source's own test set (IDX t10k files), when it has one. */
  test?: Dataset;
  /** The CSV target column, when the data came from a CSV. */
  target?: string;
}

export interface DataOptions {
  seed: number;
  target?: string;
  task?: "auto" | "classification" | "regression";
  /** Samples for synthetic sets. */
  samples?: number;
  noise?: number;
}

/** Load a --data spec for training (or for evaluate, which uses the same specs). */
export async function loadData(spec: string, cwd: string, o: DataOptions): Promise<LoadedData> {
  if ((SYNTHETIC as readonly string[]).includes(spec)) return synthetic(spec, o);
  if (spec === "fashion-mnist") return idxDirectory(data.FASHION_MNIST_DIR, "fashion-mnist");
  if (spec.startsWith("idx:")) return idxDirectory(resolve(cwd, spec.slice(4)), "idx");
  const path = resolve(cwd, spec);
  if (!existsSync(path)) {
    throw new CliError(
      `--data ${JSON.stringify(spec)}: no such file`,
      `use ${SYNTHETIC.join("|")}, fashion-mnist, idx:DIR or a CSV file path`,
    );
  }
  if (statSync(path).isDirectory()) {
    throw new CliError(
      `--data ${JSON.stringify(spec)} is a directory`,
      `use idx:${spec} for IDX files`,
    );
  }
  const all = await data.readCsvFile(path, {
    target: o.target,
    task: o.task ?? "auto",
    file: spec,
  });
  const target = o.target ?? lastHeaderColumn(path);
  return { name: basename(path, extname(path)) || "data", source: spec, all, target };
}

function synthetic(name: string, o: DataOptions): LoadedData {
  const n = o.samples ?? (name === "spirals" ? 600 : 400);
  const noise = o.noise ?? (name === "blobs" ? 0 : name === "spirals" ? 0.02 : 0.1);
  const common = { n, noise, seed: o.seed };
  const all =
    name === "spirals"
      ? data.twoSpirals(common)
      : name === "xor"
        ? data.xor(common)
        : name === "circles"
          ? data.circles({ ...common, factor: 0.5 })
          : name === "moons"
            ? data.moons(common)
            : data.gaussianBlobs({ ...common, k: 3, std: 1.5 });
  return { name, source: `synthetic ${name} (n=${n}, noise=${noise}, seed=${o.seed})`, all };
}

/** The target of a CSV read without --target is its last column: read the header's last name. */
function lastHeaderColumn(path: string): string | undefined {
  const fd = openSync(path, "r");
  let text: string;
  try {
    const buf = Buffer.alloc(1 << 20);
    text = new TextDecoder().decode(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)));
  } finally {
    closeSync(fd);
  }
  let header: string[] | undefined;
  const parser = new data.CsvParser((r) => (header ??= r.fields));
  try {
    parser.push(text);
  } catch {
    // the header was already read correctly by readCsvFile; later rows do not matter here
  }
  return header?.[header.length - 1];
}

async function idxDirectory(dir: string, name: string): Promise<LoadedData> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CliError(
      `IDX directory ${dir} not found`,
      name === "fashion-mnist"
        ? "install it with `apt-get install dataset-fashion-mnist`"
        : "give idx:DIR with train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] inside",
    );
  }
  const { train, test } = await data.loadFashionMnist(dir);
  if (name !== "fashion-mnist") {
    delete train.labelNames;
    delete test.labelNames;
  }
  return {
    name,
    source: name === "fashion-mnist" ? `fashion-mnist (${dir})` : `idx:${dir}`,
    all: train,
    test,
  };
}

/** Read a CSV's feature columns (by the model's featureNames) and optionally its target. */
export async function readCsvFeatures(
  path: string,
  display: string,
  options: { featureNames: string[]; target?: string; readTarget: boolean; labelNames?: string[] },
): Promise<{ x: Tensor; y?: Tensor }> {
  const builder = new CsvFeaturesBuilder({ ...options, file: display });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      builder.push(decodeOrThrow(decoder, bytes, display, builder.currentLine));
    }
    builder.push(decodeOrThrow(decoder, undefined, display, builder.currentLine));
  } finally {
    stream.destroy();
  }
  return builder.finish();
}

function decodeOrThrow(
  d: TextDecoder,
  bytes: Uint8Array | undefined,
  file: string,
  line: number,
): string {
  try {
    return bytes ? d.decode(bytes, { stream: true }) : d.decode();
  } catch {
    throw new DataFormatError("invalid UTF-8 byte sequence", { file, line });
  }
}

/** A usage error for a missing --data. */
export function needData(command: string): UsageError {
  return new UsageError(
    "--data is required (a CSV file, idx:DIR, fashion-mnist or a synthetic set)",
    command,
  );
}
