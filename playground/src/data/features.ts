// Extra input features computed from the coordinates, as in TensorFlow Playground: the network's
// input row is (x1, x2, then the chosen extras in EXTRA_FEATURES order). Used for the training
// data and for the grids the views evaluate, so both always agree. Not here: any scaling (the
// coordinates are already in [−1, 1]).
import { EXTRA_FEATURES, type ExtraFeature } from "../setup.js";

interface FeatureRow {
  label: string;
  /** The feature of one point (x1, x2); x2 is 0 for a 1-D set. */
  value: (x1: number, x2: number) => number;
  /** Uses x2, so it does not exist for a 1-D set. */
  needsX2: boolean;
}

/** sin(π·x): one full period across the [−1, 1] box (TF Playground's sin spans its [−6, 6] box). */
const FEATURES: Record<ExtraFeature, FeatureRow> = {
  x1sq: { label: "x1²", value: (x1) => x1 * x1, needsX2: false },
  x2sq: { label: "x2²", value: (_x1, x2) => x2 * x2, needsX2: true },
  x1x2: { label: "x1·x2", value: (x1, x2) => x1 * x2, needsX2: true },
  sinx1: { label: "sin(πx1)", value: (x1) => Math.sin(Math.PI * x1), needsX2: false },
  sinx2: { label: "sin(πx2)", value: (_x1, x2) => Math.sin(Math.PI * x2), needsX2: true },
};

export function featureLabel(feature: ExtraFeature): string {
  return FEATURES[feature].label;
}

/** The extras that apply to a set with `dims` coordinates, in EXTRA_FEATURES order. */
export function usableFeatures(chosen: readonly ExtraFeature[], dims: 1 | 2): ExtraFeature[] {
  return EXTRA_FEATURES.filter((f) => chosen.includes(f) && (dims === 2 || !FEATURES[f].needsX2));
}

/** Names of the network's inputs: x1 (, x2), then the extras' labels. */
export function inputNames(features: readonly ExtraFeature[], dims: 1 | 2): string[] {
  return [...(dims === 2 ? ["x1", "x2"] : ["x1"]), ...features.map(featureLabel)];
}

/**
 * The input rows for `points` ([N, dims]): [N, dims + features.length], each row
 * (x1[, x2], f₁(x1, x2), f₂(x1, x2), …). `features` must be usable for `dims`.
 */
export function expandFeatures(
  points: Float32Array,
  dims: 1 | 2,
  features: readonly ExtraFeature[],
): Float32Array {
  const n = points.length / dims;
  const width = dims + features.length;
  const rows = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const x1 = points[i * dims];
    const x2 = dims === 2 ? points[i * dims + 1] : 0;
    rows[i * width] = x1;
    if (dims === 2) rows[i * width + 1] = x2;
    for (const [k, f] of features.entries()) rows[i * width + dims + k] = FEATURES[f].value(x1, x2);
  }
  return rows;
}

/**
 * The points of a side × side grid over [lo, hi]² (row by row from the top: x2 = hi first), or
 * of `side` points over [lo, hi] for a 1-D set; [side², 2] or [side, 1].
 */
export function gridPoints(side: number, dims: 1 | 2, lo: number, hi: number): Float32Array {
  const at = (k: number) => lo + ((hi - lo) * (k + 0.5)) / side;
  if (dims === 1) return Float32Array.from({ length: side }, (_, k) => at(k));
  const points = new Float32Array(side * side * 2);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      points[2 * (r * side + c)] = at(c);
      points[2 * (r * side + c) + 1] = at(side - 1 - r);
    }
  }
  return points;
}
