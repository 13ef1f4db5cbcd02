// Seeded toy data sets (xor, circles, moons, two spirals, Gaussian blobs, sine, polynomial) for
// tests, demos and the playground. Not a sampler library: each set is one small, documented recipe.
//
// Randomness: with `seed`, a set draws from its own Random(seed) and leaves the global stream
// untouched; with `generator`, from that generator; otherwise from the global generator (so
// `seed(n)` before the call makes it reproducible, and the call advances the global stream).
import { ValueError } from "../errors.js";
import { allocStorage, type DType } from "../tensor/dtype.js";
import { globalRandom, Random } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import type { Dataset } from "./dataset.js";

/** Options every synthetic data set takes: sample count, noise and the random source. */
export interface SyntheticOptions {
  /** Number of samples. Default 100 (scikit-learn's n_samples). */
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (or target). Default 0. */
  noise?: number;
  /** Seed of a private generator; see the file header. */
  seed?: number;
  /** Generator to draw from when no seed is given. Default: the global generator. */
  generator?: Random;
  /** dtype of x and y. Default "float32". */
  dtype?: DType;
}

interface Resolved {
  n: number;
  noise: number;
  rng: Random;
  dtype: DType;
}

function resolve(options: SyntheticOptions, where: string): Resolved {
  const n = options.n ?? 100;
  const noise = options.noise ?? 0;
  if (!Number.isInteger(n) || n < 1) {
    throw new ValueError(`${where}: n must be a positive integer, got ${n}`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new ValueError(`${where}: noise must be a finite number ≥ 0, got ${noise}`);
  }
  const rng =
    options.seed !== undefined ? new Random(options.seed) : (options.generator ?? globalRandom);
  return { n, noise, rng, dtype: options.dtype ?? "float32" };
}

/** Build a 2-D binary classification set from a per-sample point function. Labels alternate 0, 1. */
function binary2d(r: Resolved, point: (label: number, i: number) => [number, number]): Dataset {
  const x = allocStorage(r.dtype, r.n * 2);
  const y = allocStorage(r.dtype, r.n);
  for (let i = 0; i < r.n; i++) {
    const label = i % 2;
    const [a, b] = point(label, i >> 1);
    x[2 * i] = a + r.noise * r.rng.normal();
    x[2 * i + 1] = b + r.noise * r.rng.normal();
    y[i] = label;
  }
  return {
    x: new Tensor(x, [r.n, 2]),
    y: new Tensor(y, [r.n]),
    task: "binary",
    labelNames: ["0", "1"],
    featureNames: ["x1", "x2"],
  };
}

/**
 * XOR: x ∈ [−1, 1]², label 1 when the two coordinates have different signs ((x₁>0) XOR (x₂>0)).
 * Each point is drawn in a quadrant of its class (|xᵢ| ~ U(0, 1)), then noise is added, so noisy
 * points may cross the axes. x [n, 2], y [n] ∈ {0, 1}, classes alternate (balanced to ±1).
 */
export function xor(options: SyntheticOptions = {}): Dataset {
  const r = resolve(options, "xor");
  return binary2d(r, (label) => {
    const s1 = r.rng.uniform() < 0.5 ? -1 : 1;
    const s2 = label === 1 ? -s1 : s1;
    return [s1 * r.rng.uniform(), s2 * r.rng.uniform()];
  });
}

/**
 * Two concentric circles (scikit-learn's make_circles): class 0 on the circle of radius 1,
 * class 1 on radius `factor` (default 0.8), angles evenly spaced: θ = 2π·i/m.
 * x [n, 2], y [n].
 */
export function circles(options: SyntheticOptions & { factor?: number } = {}): Dataset {
  const r = resolve(options, "circles");
  const factor = options.factor ?? 0.8;
  if (!(factor > 0 && factor < 1)) {
    throw new ValueError(`circles: factor must be in (0, 1), got ${factor}`);
  }
  const m = [Math.ceil(r.n / 2), Math.floor(r.n / 2)];
  return binary2d(r, (label, i) => {
    const theta = (2 * Math.PI * i) / m[label];
    const radius = label === 0 ? 1 : factor;
    return [radius * Math.cos(theta), radius * Math.sin(theta)];
  });
}

/**
 * Two interleaving half circles (scikit-learn's make_moons): class 0 at (cos t, sin t), class 1 at
 * (1 − cos t, 0.5 − sin t), t = π·i/(m−1) ∈ [0, π]. x [n, 2], y [n].
 */
export function moons(options: SyntheticOptions = {}): Dataset {
  const r = resolve(options, "moons");
  const m = [Math.ceil(r.n / 2), Math.floor(r.n / 2)];
  return binary2d(r, (label, i) => {
    const t = (Math.PI * i) / Math.max(m[label] - 1, 1);
    return label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  });
}

/**
 * Two spirals (Lang & Witbrock's benchmark): class 0 at radius ρ = i/m and angle φ = 2π·turns·ρ,
 * i.e. (ρ cos φ, ρ sin φ); class 1 is its point reflection (−ρ cos φ, −ρ sin φ). turns default 2.
 * x [n, 2] inside the unit disc (before noise), y [n].
 */
export function twoSpirals(options: SyntheticOptions & { turns?: number } = {}): Dataset {
  const r = resolve(options, "twoSpirals");
  const turns = options.turns ?? 2;
  if (!(turns > 0) || !Number.isFinite(turns)) {
    throw new ValueError(`twoSpirals: turns must be a positive number, got ${turns}`);
  }
  const m = [Math.ceil(r.n / 2), Math.floor(r.n / 2)];
  return binary2d(r, (label, i) => {
    const rho = i / m[label];
    const phi = 2 * Math.PI * turns * rho;
    const s = label === 0 ? 1 : -1;
    return [s * rho * Math.cos(phi), s * rho * Math.sin(phi)];
  });
}

/** Short name for twoSpirals (the CLI's `spirals`). */
export const spirals = twoSpirals;

/** Options of {@link blobs}. */
export interface BlobsOptions extends SyntheticOptions {
  /** Number of classes (blobs). Default 3. */
  k?: number;
  /** Standard deviation of each blob. Default 1 (make_blobs' cluster_std). */
  std?: number;
  /** Feature dimension D. Default 2. */
  dim?: number;
  /** Centres are uniform in [lo, hi]^D. Default [−10, 10] (make_blobs' center_box). */
  centerBox?: [number, number];
}

/**
 * Gaussian blobs (scikit-learn's make_blobs): k centres μ_c ~ U(centerBox)^D, sample i belongs to
 * class c = i mod k and is μ_c + std·N(0, I) (+ noise·N(0, I) if noise > 0).
 * x [n, dim], y [n] ∈ 0..k−1; task "binary" for k = 2, else "multiclass".
 */
export function gaussianBlobs(options: BlobsOptions = {}): Dataset {
  const r = resolve(options, "gaussianBlobs");
  const k = options.k ?? 3;
  const std = options.std ?? 1;
  const dim = options.dim ?? 2;
  const [lo, hi] = options.centerBox ?? [-10, 10];
  if (!Number.isInteger(k) || k < 2) throw new ValueError(`gaussianBlobs: k must be ≥ 2, got ${k}`);
  if (!Number.isInteger(dim) || dim < 1)
    throw new ValueError(`gaussianBlobs: dim must be ≥ 1, got ${dim}`);
  if (!(std >= 0)) throw new ValueError(`gaussianBlobs: std must be ≥ 0, got ${std}`);
  const centers = new Float64Array(k * dim);
  for (let j = 0; j < k * dim; j++) centers[j] = lo + (hi - lo) * r.rng.uniform();
  const spread = Math.sqrt(std * std + r.noise * r.noise); // sum of two independent Gaussians
  const x = allocStorage(r.dtype, r.n * dim);
  const y = allocStorage(r.dtype, r.n);
  for (let i = 0; i < r.n; i++) {
    const c = i % k;
    for (let j = 0; j < dim; j++) x[i * dim + j] = centers[c * dim + j] + spread * r.rng.normal();
    y[i] = c;
  }
  return {
    x: new Tensor(x, [r.n, dim]),
    y: new Tensor(y, [r.n]),
    task: k === 2 ? "binary" : "multiclass",
    labelNames: Array.from({ length: k }, (_, c) => String(c)),
    featureNames: Array.from({ length: dim }, (_, j) => `x${j + 1}`),
  };
}

/** Short name for gaussianBlobs (the CLI's `blobs`). */
export const blobs = gaussianBlobs;

/** A 1-D regression set y = f(x) + noise·N(0, 1), x ~ U(lo, hi). x [n, 1], y [n, 1]. */
function regression1d(r: Resolved, lo: number, hi: number, f: (x: number) => number): Dataset {
  const x = allocStorage(r.dtype, r.n);
  const y = allocStorage(r.dtype, r.n);
  for (let i = 0; i < r.n; i++) {
    const xi = lo + (hi - lo) * r.rng.uniform();
    x[i] = xi;
    y[i] = f(xi) + r.noise * r.rng.normal();
  }
  return {
    x: new Tensor(x, [r.n, 1]),
    y: new Tensor(y, [r.n, 1]),
    task: "regression",
    featureNames: ["x"],
  };
}

/** Sine regression: x ~ U(−π, π), y = sin(x) + noise·N(0, 1). x [n, 1], y [n, 1]. */
export function sine(options: SyntheticOptions = {}): Dataset {
  return regression1d(resolve(options, "sine"), -Math.PI, Math.PI, Math.sin);
}

/**
 * Polynomial regression: x ~ U(range), y = Σᵢ coeffs[i]·xⁱ + noise·N(0, 1) (coefficients in
 * ascending order, constant first, as numpy.polynomial). range default [−1, 1]. x [n, 1], y [n, 1].
 */
export function polynomial(
  options: SyntheticOptions & { coeffs: readonly number[]; range?: [number, number] },
): Dataset {
  const coeffs = options.coeffs;
  if (!Array.isArray(coeffs) || coeffs.length === 0 || !coeffs.every(Number.isFinite)) {
    throw new ValueError(`polynomial: coeffs must be a non-empty array of finite numbers`);
  }
  const [lo, hi] = options.range ?? [-1, 1];
  // Horner: c₀ + x(c₁ + x(c₂ + …))
  const f = (x: number): number => coeffs.reduceRight((acc, c) => acc * x + c, 0);
  return regression1d(resolve(options, "polynomial"), lo, hi, f);
}
