// The Dataset record (features x, targets y, task) and the row operations on it: take, shuffle,
// train/test split and mini-batches. Rows are copied with typed-array slices, not with autograd ops.
import { IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";
import { globalRandom, Random } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { copyRowRange, gatherRows } from "./rows.js";

/** The kind of target: two classes, several classes (y = class indices), or numbers. */
export type Task = "binary" | "multiclass" | "regression";

/**
 * A supervised data set held in memory.
 *   x  [N, D] (or [N, ...])  features, one row per sample
 *   y  [N]                   class indices 0..C−1 (binary, multiclass), stored as floats
 *      [N, K]                targets (regression; K = 1 for a single target)
 * labelNames[c] names class c; featureNames[j] names column j of x.
 */
export interface Dataset {
  x: Tensor;
  y: Tensor;
  task: Task;
  labelNames?: string[];
  featureNames?: string[];
}

/** One mini-batch: xb [B, ...] and yb [B, ...], copies of rows of the data set. */
export interface Batch {
  x: Tensor;
  y: Tensor;
}

/** Number of samples N; throws ShapeError when x and y disagree on N. */
export function numSamples(ds: Dataset, where = "Dataset"): number {
  if (ds.x.ndim < 1 || ds.y.ndim < 1) {
    throw new ShapeError(
      `${where}: x and y need a leading sample axis, got x ${fmtShape(ds.x.shape)}, y ${fmtShape(ds.y.shape)}`,
    );
  }
  const n = ds.x.shape[0];
  if (ds.y.shape[0] !== n) {
    throw new ShapeError(
      `${where}: x has ${n} rows but y has ${ds.y.shape[0]} (x ${fmtShape(ds.x.shape)}, y ${fmtShape(ds.y.shape)})`,
    );
  }
  return n;
}

function checkIndices(indices: ArrayLike<number>, n: number, where: string): void {
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= n) {
      throw new IndexError(`${where}: index ${r} at position ${i} is outside 0..${n - 1}`);
    }
  }
}

function withRows(ds: Dataset, x: Tensor, y: Tensor): Dataset {
  const out: Dataset = { x, y, task: ds.task };
  if (ds.labelNames) out.labelNames = [...ds.labelNames];
  if (ds.featureNames) out.featureNames = [...ds.featureNames];
  return out;
}

/** The rows `indices` (in that order, repeats allowed) as a new Dataset. Throws IndexError. */
export function take(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const n = numSamples(ds, "take");
  checkIndices(indices, n, "take");
  const x = gatherRows(ds.x, indices);
  const y = gatherRows(ds.y, indices);
  return withRows(ds, x, y);
}

/** Options of {@link shuffle}. */
export interface ShuffleOptions {
  /** Seed for a private Random (same seed, same order); without it `generator` is used. */
  seed?: number;
  /** Source of the order. Default: the global generator (see seed()). */
  generator?: Random;
}

/**
 * The rows in a random order, drawn from a Random, from { seed } or { generator }, or from the
 * global generator:  data.shuffle(ds, { seed: 3 })  ·  data.shuffle(ds, new Random(3)).
 */
export function shuffle(ds: Dataset, options: Random | ShuffleOptions = {}): Dataset {
  const rng =
    options instanceof Random
      ? options
      : randomFrom(
          readOptions<ShuffleOptions>("shuffle", options, "{ seed?, generator? }", (n) =>
            n === Math.trunc(n) ? `shuffle(ds, { seed: ${n} })` : undefined,
          ),
        );
  return take(ds, rng.permutation(numSamples(ds, "shuffle")));
}

/** A private Random for options.seed, else options.generator, else the global generator. */
function randomFrom(options: { seed?: number; generator?: Random }): Random {
  return options.seed !== undefined
    ? new Random(options.seed)
    : (options.generator ?? globalRandom);
}

/**
 * `given` when it is an options object (or undefined: {}); else ValueError "`who`: expected a
 * Random or options `shape`, got …", with the right call when a number was given and
 * `forNumber` knows it (shuffle(ds, 3) → "call shuffle(ds, { seed: 3 })").
 */
function readOptions<O extends object>(
  who: string,
  given: unknown,
  shape: string,
  forNumber: (n: number) => string | undefined = () => undefined,
): O {
  if (given === undefined) return {} as O;
  if (given !== null && typeof given === "object" && !Array.isArray(given)) return given as O;
  const got =
    typeof given === "number" ? `the number ${given}` : (JSON.stringify(given) ?? String(given));
  const call = typeof given === "number" ? forNumber(given) : undefined;
  const expected = who === "shuffle" ? `a Random or options ${shape}` : `options ${shape}`;
  throw new ValueError(`${who}: expected ${expected}, got ${got}${call ? `; call ${call}` : ""}`);
}

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** Fraction of rows in the test set, in (0, 1). Default 0.25 (as scikit-learn). */
  testFraction?: number;
  /** Seed for a private Random; without it `generator` (default: global) is used. */
  seed?: number;
  /** Source of the shuffle when no seed is given. Default: the global generator. */
  generator?: Random;
  /** Keep each class's share equal in train and test (classification only). Default false. */
  stratify?: boolean;
}

/**
 * Random train/test split. nTest = ceil(testFraction · N) (scikit-learn's rule); with `stratify`,
 * each class c contributes round(testFraction · N_c) test rows (at least 1 when N_c ≥ 2), so the
 * total can differ from ceil(testFraction · N) by a row or two. Both parts must be non-empty.
 */
export function trainTestSplit(
  ds: Dataset,
  options: SplitOptions = {},
): { train: Dataset; test: Dataset } {
  options = readOptions<SplitOptions>(
    "trainTestSplit",
    options,
    "{ testFraction?, seed?, generator?, stratify? }",
    (n) => `trainTestSplit(ds, { testFraction: ${n} })`,
  );
  const n = numSamples(ds, "trainTestSplit");
  const f = options.testFraction ?? 0.25;
  if (!(f > 0 && f < 1)) {
    throw new ValueError(`trainTestSplit: testFraction must be in (0, 1), got ${f}`);
  }
  const rng = randomFrom(options);
  let trainIdx: number[];
  let testIdx: number[];
  if (options.stratify) {
    [trainIdx, testIdx] = stratifiedIndices(ds, n, f, rng);
  } else {
    const perm = Array.from(rng.permutation(n));
    const nTest = Math.ceil(f * n);
    testIdx = perm.slice(0, nTest);
    trainIdx = perm.slice(nTest);
  }
  if (trainIdx.length === 0 || testIdx.length === 0) {
    throw new ValueError(
      `trainTestSplit: N=${n}, testFraction=${f} gives ${trainIdx.length} train and ${testIdx.length} test rows; both must be ≥ 1`,
    );
  }
  return { train: take(ds, trainIdx), test: take(ds, testIdx) };
}

function stratifiedIndices(ds: Dataset, n: number, f: number, rng: Random): [number[], number[]] {
  if (ds.task === "regression" || ds.y.ndim !== 1) {
    throw new ValueError(
      `trainTestSplit: stratify needs class labels y [N], got task "${ds.task}" and y ${fmtShape(ds.y.shape)}`,
    );
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = ds.y.data[i];
    let members = byClass.get(c);
    if (!members) byClass.set(c, (members = []));
    members.push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(c)!;
    const perm = rng.permutation(members.length);
    let k = Math.round(f * members.length);
    if (k === 0 && members.length >= 2) k = 1;
    if (k === members.length && members.length >= 2) k = members.length - 1;
    for (let i = 0; i < members.length; i++) (i < k ? test : train).push(members[perm[i]]);
  }
  // interleave classes: shuffle each part so rows are not grouped by class
  return [permuteList(train, rng), permuteList(test, rng)];
}

function permuteList(list: number[], rng: Random): number[] {
  const p = rng.permutation(list.length);
  return Array.from(p, (i) => list[i]);
}

/** Options of {@link batches}. */
export interface BatchOptions {
  /** Visit rows in a new random order on each call. Default false. */
  shuffle?: boolean;
  /** Source of the shuffle order. Default: the global generator. */
  generator?: Random;
  /** Drop a last batch smaller than batchSize. Default false (PyTorch DataLoader's drop_last). */
  dropLast?: boolean;
}

/**
 * Mini-batches of `batchSize` rows: { x [B, ...], y [B, ...] } with B = batchSize except perhaps
 * the last (B = N mod batchSize) unless dropLast. The permutation is drawn once, when iteration starts.
 */
export function* batches(
  ds: Dataset,
  batchSize: number,
  options: BatchOptions = {},
): Generator<Batch, void, undefined> {
  options = readOptions<BatchOptions>("batches", options, "{ shuffle?, generator?, dropLast? }");
  const n = numSamples(ds, "batches");
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ValueError(`batches: batchSize must be a positive integer, got ${batchSize}`);
  }
  if (options.dropLast && batchSize > n) {
    throw new ValueError(
      `batches: batchSize ${batchSize} > N ${n} with dropLast would give no batches at all`,
    );
  }
  const order = options.shuffle ? (options.generator ?? globalRandom).permutation(n) : null;
  const end = options.dropLast ? n - (n % batchSize) : n;
  for (let start = 0; start < end; start += batchSize) {
    const stop = Math.min(start + batchSize, end);
    if (order)
      yield { x: gatherRows(ds.x, order, start, stop), y: gatherRows(ds.y, order, start, stop) };
    else yield { x: copyRowRange(ds.x, start, stop), y: copyRowRange(ds.y, start, stop) };
  }
}
