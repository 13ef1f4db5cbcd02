// The built-in data sets of the playground, generated from a Setup (dataset, classes, noise,
// points, seed). Binary sets and the 1-D curve come from the library's generators (data.circles,
// xor, moons, twoSpirals, gaussianBlobs, sine); only what the library lacks is written here: the
// multi-class moons, the 2-D regression surface and the perceptron's AND. Not here: the CSV
// reader (csv.ts), extra features (features.ts) or the train/test split (job.ts).
import { data, Random } from "../../../src/index.js";
import type { Setup } from "../setup.js";
import { fitToUnitBox, type PointSet } from "./point-set.js";

/**
 * Noise slider → standard deviation of the Gaussian noise: σ = noise/100 · scale, with the scale
 * of each set's structure (the gap between circles, the width of a spiral arm, …), so 50 % is
 * about as much noise as the set can take while still showing its shape.
 */
const NOISE_SCALE: Record<string, number> = {
  circles: 0.5,
  xor: 0.5,
  blobs: 4,
  "blobs-multi": 4,
  spirals: 0.25,
  moons: 0.5,
  "moons-multi": 0.5,
  "regress-1d": 1,
  "regress-2d": 1,
  and: 0.5,
};

function classification(
  ds: { x: { data: ArrayLike<number> }; y: { data: ArrayLike<number> } },
  classes: number,
): PointSet {
  const points = Float32Array.from(ds.x.data);
  fitToUnitBox(points, 2);
  return {
    task: classes === 2 ? "binary" : "multiclass",
    dims: 2,
    classes,
    points,
    targets: Float32Array.from(ds.y.data),
  };
}

/**
 * C interleaved half circles, the binary moons continued: arc c is centred at (1.25·c, 0) for
 * even c — (1.25c + cos t, sin t) — and at (1.25·c, 0.5) upside down for odd c —
 * (1.25c − cos t, 0.5 − sin t) — with t ~ U(0, π). Labels cycle 0..C−1.
 */
function multiMoons(n: number, classes: number, sigma: number, rng: Random): PointSet {
  const points = new Float32Array(n * 2);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const t = Math.PI * rng.uniform();
    const up = c % 2 === 0;
    points[2 * i] = 1.25 * c + (up ? Math.cos(t) : -Math.cos(t)) + sigma * rng.normal();
    points[2 * i + 1] = (up ? Math.sin(t) : 0.5 - Math.sin(t)) + sigma * rng.normal();
    targets[i] = c;
  }
  fitToUnitBox(points, 2);
  return { task: "multiclass", dims: 2, classes, points, targets };
}

/** y = sin(π·x₁)·cos(π·x₂/2) + σ·N(0, 1), x ~ U(−1, 1)²: a surface with a ridge and a trough. */
function surface(n: number, sigma: number, rng: Random): PointSet {
  const points = new Float32Array(n * 2);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = 2 * rng.uniform() - 1;
    const x2 = 2 * rng.uniform() - 1;
    points[2 * i] = x1;
    points[2 * i + 1] = x2;
    targets[i] = Math.sin(Math.PI * x1) * Math.cos((Math.PI * x2) / 2) + sigma * rng.normal();
  }
  return { task: "regression", dims: 2, classes: 0, points, targets };
}

/** The perceptron's AND: the corners (±0.6, ±0.6), label 1 only at (+, +); copies cycle. */
function andGate(n: number, sigma: number, rng: Random): PointSet {
  const points = new Float32Array(n * 2);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = i % 2;
    const b = (i >> 1) % 2;
    points[2 * i] = (a ? 0.6 : -0.6) + sigma * rng.normal();
    points[2 * i + 1] = (b ? 0.6 : -0.6) + sigma * rng.normal();
    targets[i] = a & b;
  }
  return { task: "binary", dims: 2, classes: 2, points, targets };
}

/** sin(x) on x ∈ [−π, π] from data.sine, with x rescaled to [−1, 1] (y unchanged). */
function curve(n: number, sigma: number, seed: number): PointSet {
  const ds = data.sine({ n, noise: sigma, seed });
  const points = Float32Array.from(ds.x.data, (x) => x / Math.PI);
  return { task: "regression", dims: 1, classes: 0, points, targets: Float32Array.from(ds.y.data) };
}

/** The point set a Setup describes. Throws for "csv" (the page reads that from the user's file). */
export function generatePoints(setup: Setup): PointSet {
  const n = setup.points;
  const seed = setup.seed;
  const sigma = (setup.noise / 100) * (NOISE_SCALE[setup.dataset] ?? 1);
  switch (setup.dataset) {
    case "circles":
      return classification(data.circles({ n, noise: sigma, seed, factor: 0.5 }), 2);
    case "xor":
      return classification(data.xor({ n, noise: sigma, seed }), 2);
    case "moons":
      return classification(data.moons({ n, noise: sigma, seed }), 2);
    case "spirals":
      return classification(data.twoSpirals({ n, noise: sigma, seed }), 2);
    case "blobs":
      return classification(data.gaussianBlobs({ n, k: 2, noise: sigma, seed }), 2);
    case "blobs-multi":
      return classification(
        data.gaussianBlobs({ n, k: setup.classes, noise: sigma, seed }),
        setup.classes,
      );
    case "moons-multi":
      return multiMoons(n, setup.classes, sigma, new Random(seed));
    case "regress-1d":
      return curve(n, sigma, seed);
    case "regress-2d":
      return surface(n, sigma, new Random(seed));
    case "and":
      return andGate(n, sigma, new Random(seed));
    case "csv":
      throw new Error("generatePoints: a CSV data set comes from the user's file, not a generator");
    default:
      return setup.dataset satisfies never;
  }
}
