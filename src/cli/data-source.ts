// The --data argument → data sets: built-in synthetic sets (seeded), a CSV file, an IDX directory
// (train-*/t10k-* files, as Fashion-MNIST) or "fashion-mnist" (Debian's install location).
// Splitting and preprocessing are the train steps' job; this file only loads.
import { existsSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { data } from "../node/index.js";
import { IoError } from "../io/errors.js";
import { readTrainingCsv, type CsvReadOptions } from "./csv-file.js";
import { CliError, UsageError } from "./output.js";

type Dataset = data.Dataset;

export const SYNTHETIC = ["spirals", "xor", "circles", "moons", "blobs"] as const;

/** What a --data spec names: a built-in synthetic set, IDX files (with their own test set), a CSV. */
export type DataKind = "synthetic" | "idx" | "csv";

export function dataKind(spec: string): DataKind {
  if (SYNTHETIC.some((name) => name === spec)) return "synthetic";
  if (spec === "fashion-mnist" || spec.startsWith("idx:")) return "idx";
  return "csv";
}

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
  /** --impute, --categorical, --delimiter for a CSV. */
  csv?: CsvReadOptions;
}

/** Load a --data spec for training (or for evaluate, which uses the same specs). */
export async function loadData(spec: string, cwd: string, o: DataOptions): Promise<LoadedData> {
  if (dataKind(spec) === "synthetic") return synthetic(spec, o);
  if (spec === "fashion-mnist") return idxDirectory(data.FASHION_MNIST_DIR, "fashion-mnist");
  if (spec.startsWith("idx:")) return idxDirectory(resolve(cwd, spec.slice(4)), "idx");
  const path = resolve(cwd, spec);
  const { all, target } = await readTrainingCsv(path, spec, {
    target: o.target,
    task: o.task ?? "auto",
    ...o.csv,
  }).catch((e: unknown) => {
    throw friendlyOpenError(e, spec);
  });
  return { name: basename(path, extname(path)) || "data", source: spec, all, target };
}

/**
 * The CSV is opened once, by streamCsvFile (regular files only): a missing path or a directory
 * becomes a CliError with a hint; a FIFO or device stays the reader's IoError.
 */
function friendlyOpenError(e: unknown, spec: string): unknown {
  if (!(e instanceof IoError) || e.step === "read") return e;
  if (e.code === "ENOENT") {
    return new CliError(
      `--data ${JSON.stringify(spec)}: no such file`,
      `use ${SYNTHETIC.join("|")}, fashion-mnist, idx:DIR or a CSV file path`,
    );
  }
  if (e.code === "EISDIR") {
    return new CliError(
      `--data ${JSON.stringify(spec)} is a directory`,
      `use idx:${spec} for IDX files`,
    );
  }
  return e;
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

/** A usage error for a missing --data. */
export function needData(command: string): UsageError {
  return new UsageError(
    "--data is required (a CSV file, idx:DIR, fashion-mnist or a synthetic set)",
    command,
  );
}
