// The page's data before training: points in [−1, 1]^dims with a class index or a value each.
// Shared by the generators, the CSV reader, the job builder and the views. Not a Dataset: the
// library's Dataset holds tensors; this holds the plain arrays the canvases draw.

export type PlaygroundTask = "binary" | "multiclass" | "regression";

export interface PointSet {
  task: PlaygroundTask;
  /** Input coordinates per point before extra features: 2 (x1, x2), or 1 for a curve y = f(x1). */
  dims: 1 | 2;
  /** 2 for binary, C for multiclass, 0 for regression. */
  classes: number;
  /** [N, dims], row-major, scaled into [−1, 1]. */
  points: Float32Array;
  /** [N]: the class index (as a float), or the regression target. */
  targets: Float32Array;
  /** Names of the classes (CSV labels), when they are not 0..C−1. */
  labelNames?: string[];
}

export function numPoints(set: PointSet): number {
  return set.targets.length;
}

/**
 * Shift and scale the columns of `points` ([N, dims]) together so that the point cloud's
 * bounding box is centred on 0 and its longer half-side is 1: x ← (x − mid) / half.
 * One scale for both axes keeps shapes (circles stay circles).
 */
export function fitToUnitBox(points: Float32Array, dims: number): void {
  const n = points.length / dims;
  if (n === 0) return;
  const mid: number[] = [];
  let half = 0;
  for (let j = 0; j < dims; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = points[i * dims + j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    mid.push((lo + hi) / 2);
    half = Math.max(half, (hi - lo) / 2);
  }
  if (!(half > 0)) half = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) points[i * dims + j] = (points[i * dims + j] - mid[j]) / half;
  }
}
