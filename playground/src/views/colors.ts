// Colours of the views: orange for negative / class 0, blue for positive / class 1 (TensorFlow
// Playground's convention, kept so its users read our pictures at once), a palette for more
// classes, and the mixing rules heat maps use. Not here: any drawing.

export type Rgb = [number, number, number];

export const ORANGE: Rgb = [245, 147, 34];
export const BLUE: Rgb = [8, 119, 189];
const WHITE: Rgb = [255, 255, 255];

/** Class c's colour (class 0 orange, class 1 blue, then green, red, purple, brown, pink, grey). */
export const CLASS_COLORS: readonly Rgb[] = [
  ORANGE,
  BLUE,
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
];

export function classColor(c: number): Rgb {
  return CLASS_COLORS[((c % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length];
}

/** a·(1 − t) + b·t per channel, t clamped to [0, 1]. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const s = Math.min(1, Math.max(0, t));
  return [a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s, a[2] + (b[2] - a[2]) * s];
}

/** t ∈ [−1, 1] → orange (−1) … white (0) … blue (+1); NaN → black so it is seen. */
export function diverging(t: number): Rgb {
  if (Number.isNaN(t)) return [0, 0, 0];
  return t < 0 ? mix(WHITE, ORANGE, -t) : mix(WHITE, BLUE, t);
}

/** A class colour faded towards white by (1 − confidence), confidence ∈ [0, 1]. */
export function faded(c: number, confidence: number): Rgb {
  return mix(WHITE, classColor(c), confidence);
}

export function css([r, g, b]: Rgb, alpha = 1): string {
  return `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, ${alpha})`;
}

/** The logistic function σ(z) = 1/(1 + e^(−z)), for turning a binary logit into a probability. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * The colour of one network output row on the boundary: binary → p = σ(logit) on the diverging
 * scale (2p − 1); C classes → the argmax class faded by its softmax margin; a value → v / scale.
 */
export function outputColor(
  row: ArrayLike<number>,
  task: "binary" | "multiclass" | "regression",
  scale: number,
): Rgb {
  if (task === "binary") return diverging(2 * sigmoid(row[0]) - 1);
  if (task === "regression") return diverging(row[0] / scale);
  // softmax: subtract max so exp never overflows
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  let sum = 0;
  for (let k = 0; k < row.length; k++) sum += Math.exp(row[k] - row[best]);
  const p = 1 / sum;
  if (!Number.isFinite(p)) return [0, 0, 0];
  // p = 1/C (no preference) → white; p = 1 → the full class colour
  return faded(best, ((p - 1 / row.length) / (1 - 1 / row.length)) * 0.85);
}
