// Feature preprocessing fitted on training data: standardize, min-max scaling, one-hot labels.
// Each fitted object has transform(), toJSON() and fromJSON(), so a model file can carry it and
// apply the same transform to raw input at predict time. No autograd: transforms return new data.
import { IndexError, ShapeError, ValueError, fmtShape } from "../errors.js";
import { allocStorage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { ColumnEncoder, type ColumnEncoderJSON } from "./column-encoder.js";

/** Column statistics need x [N, D] (or [N, ...], flattened to D = product of the rest). */
function columns(x: Tensor, where: string): { n: number; d: number } {
  if (x.ndim < 2) throw new ShapeError(`${where}: expected x [N, D], got ${fmtShape(x.shape)}`);
  return { n: x.shape[0], d: x.size / Math.max(x.shape[0], 1) };
}

function checkWidth(x: Tensor, d: number, where: string): number {
  const { n, d: dx } = columns(x, where);
  if (dx !== d) {
    throw new ShapeError(`${where}: fitted on ${d} features, got x ${fmtShape(x.shape)}`);
  }
  return n;
}

/** y = (x − shift_j) / scale_j per column j, keeping x's dtype and shape. */
function affine(x: Tensor, shift: Float64Array, scale: Float64Array, where: string): Tensor {
  const d = shift.length;
  const n = checkWidth(x, d, where);
  const out = allocStorage(x.dtype, x.size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (x.data[i * d + j] - shift[j]) / scale[j];
  }
  return new Tensor(out, x.shape);
}

/** Parse a JSON number array of length d (finite; positive when `positive`). */
function numberArray(value: unknown, name: string, where: string, positive = false): Float64Array {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new ValueError(`${where}.fromJSON: "${name}" must be an array of finite numbers`);
  }
  if (positive && !value.every((v: number) => v > 0)) {
    throw new ValueError(`${where}.fromJSON: "${name}" must be > 0`);
  }
  return Float64Array.from(value as number[]);
}

function checkKind(json: unknown, kind: string): Record<string, unknown> {
  if (typeof json !== "object" || json === null || (json as { kind?: unknown }).kind !== kind) {
    throw new ValueError(`${kind}.fromJSON: expected an object with kind "${kind}"`);
  }
  return json as Record<string, unknown>;
}

/** A {@link Standardizer} as JSON: per-column μ_j and σ_j. */
export interface StandardizeJSON {
  /** Tells the preprocessing kinds apart in a model file. */
  kind: "standardize";
  /** μ_j per column. */
  mean: number[];
  /** σ_j per column (1 for a constant column). */
  std: number[];
}

/**
 * z_j = (x_j − μ_j) / σ_j, with μ_j and σ_j = sqrt(mean((x_j − μ_j)²)) (population std, ddof 0,
 * as scikit-learn's StandardScaler) from the training rows only. A constant column (σ_j = 0)
 * gets σ_j = 1, so it maps to 0 instead of NaN. Statistics are computed in float64, two-pass.
 */
export class Standardizer {
  constructor(
    /** μ_j per column of the training rows. */
    readonly mean: Float64Array,
    /** σ_j per column (population std; 1 for a constant column). */
    readonly std: Float64Array,
  ) {}

  /** μ_j and σ_j of each column of training features x [N, D] (N ≥ 1). */
  static fit(x: Tensor): Standardizer {
    const { n, d } = columns(x, "standardize");
    if (n === 0) throw new ValueError("standardize: cannot fit on 0 rows");
    const mean = new Float64Array(d);
    const std = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x.data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) std[j] += (x.data[i * d + j] - mean[j]) ** 2;
    }
    for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] / n) || 1; // zero variance → 1
    return new Standardizer(mean, std);
  }

  /** x [N, D] → z [N, D]. */
  transform(x: Tensor): Tensor {
    return affine(x, this.mean, this.std, "Standardizer.transform");
  }

  /** z [N, D] → x [N, D]: x_j = z_j·σ_j + μ_j. */
  inverseTransform(z: Tensor): Tensor {
    const neg = this.mean.map((m, j) => -m / this.std[j]);
    return affine(
      z,
      neg,
      this.std.map((s) => 1 / s),
      "Standardizer.inverseTransform",
    );
  }

  /** The fitted μ and σ as JSON data (`kind: "standardize"`), for a model file. */
  toJSON(): StandardizeJSON {
    return { kind: "standardize", mean: Array.from(this.mean), std: Array.from(this.std) };
  }

  /** Rebuild from `toJSON` output (untrusted: checked; throws ValueError). */
  static fromJSON(json: unknown): Standardizer {
    const o = checkKind(json, "standardize");
    const mean = numberArray(o.mean, "mean", "Standardizer");
    const std = numberArray(o.std, "std", "Standardizer", true);
    if (mean.length !== std.length)
      throw new ValueError("Standardizer.fromJSON: mean and std lengths differ");
    return new Standardizer(mean, std);
  }
}

/** Fit a Standardizer on training features x [N, D]. */
export function standardize(x: Tensor): Standardizer {
  return Standardizer.fit(x);
}

/** A {@link MinMaxScaler} as JSON: per-column min_j, max_j and the target range [a, b]. */
export interface MinMaxJSON {
  /** Tells the preprocessing kinds apart in a model file. */
  kind: "minMax";
  /** min_j per column. */
  min: number[];
  /** max_j per column. */
  max: number[];
  /** [a, b], the range the training values map onto. */
  featureRange: [number, number];
}

/**
 * x'_j = a + (x_j − min_j)·(b − a)/(max_j − min_j) with featureRange [a, b] (default [0, 1]) and
 * min/max from the training rows (scikit-learn's MinMaxScaler). A constant column (max = min)
 * uses range 1, so it maps to a. Inputs outside the training range map outside [a, b].
 */
export class MinMaxScaler {
  private readonly shift: Float64Array;
  private readonly scale: Float64Array;

  constructor(
    /** min_j per column of the training rows. */
    readonly min: Float64Array,
    /** max_j per column of the training rows. */
    readonly max: Float64Array,
    /** [a, b], the range the training values map onto (default [0, 1]). */
    readonly featureRange: [number, number] = [0, 1],
  ) {
    const [a, b] = featureRange;
    if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) {
      throw new ValueError(`minMax: featureRange must be [a, b] with a < b, got [${a}, ${b}]`);
    }
    // x' = (x − shift)/scale with scale = (max − min)/(b − a), shift = min − a·scale
    this.scale = max.map((hi, j) => (hi - min[j] || 1) / (b - a));
    this.shift = min.map((lo, j) => lo - a * this.scale[j]);
  }

  /**
   * min_j and max_j of each column of training features x [N, D] (N ≥ 1), mapped to featureRange.
   */
  static fit(x: Tensor, featureRange: [number, number] = [0, 1]): MinMaxScaler {
    const { n, d } = columns(x, "minMax");
    if (n === 0) throw new ValueError("minMax: cannot fit on 0 rows");
    const min = new Float64Array(d).fill(Infinity);
    const max = new Float64Array(d).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = x.data[i * d + j];
        if (v < min[j]) min[j] = v;
        if (v > max[j]) max[j] = v;
      }
    }
    return new MinMaxScaler(min, max, featureRange);
  }

  /** x [N, D] → x' [N, D]. */
  transform(x: Tensor): Tensor {
    return affine(x, this.shift, this.scale, "MinMaxScaler.transform");
  }

  /** The fitted minima, maxima and range as JSON data (`kind: "minMax"`), for a model file. */
  toJSON(): MinMaxJSON {
    return {
      kind: "minMax",
      min: Array.from(this.min),
      max: Array.from(this.max),
      featureRange: [...this.featureRange],
    };
  }

  /** Rebuild from `toJSON` output (untrusted: checked; throws ValueError). */
  static fromJSON(json: unknown): MinMaxScaler {
    const o = checkKind(json, "minMax");
    const min = numberArray(o.min, "min", "MinMaxScaler");
    const max = numberArray(o.max, "max", "MinMaxScaler");
    const range = numberArray(o.featureRange, "featureRange", "MinMaxScaler");
    if (min.length !== max.length || range.length !== 2 || min.some((v, j) => v > max[j])) {
      throw new ValueError(
        "MinMaxScaler.fromJSON: need min ≤ max of equal length and a 2-element featureRange",
      );
    }
    return new MinMaxScaler(min, max, [range[0], range[1]]);
  }
}

/** Fit a MinMaxScaler on training features x [N, D]. */
export function minMax(x: Tensor, options: { featureRange?: [number, number] } = {}): MinMaxScaler {
  return MinMaxScaler.fit(x, options.featureRange);
}

/** A {@link OneHotEncoder} as JSON: the class count C. */
export interface OneHotJSON {
  /** Tells the preprocessing kinds apart in a model file. */
  kind: "oneHot";
  /** C, the number of classes (output columns). */
  numClasses: number;
}

/**
 * One-hot encoding of class indices: y [N] → Y [N, C] with Y[i, y_i] = 1, else 0.
 * C = numClasses, or max(y) + 1 of the training labels when fitted without it.
 */
export class OneHotEncoder {
  constructor(
    /** C, the number of classes (output columns). */
    readonly numClasses: number,
  ) {
    if (!Number.isInteger(numClasses) || numClasses < 1) {
      throw new ValueError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
    }
  }

  /** C = numClasses, or max(y) + 1 over training labels y [N] (each checked to be in 0..C−1). */
  static fit(y: Tensor, numClasses?: number): OneHotEncoder {
    if (numClasses !== undefined) return new OneHotEncoder(numClasses);
    let max = -1;
    for (let i = 0; i < y.size; i++) max = Math.max(max, y.data[i]);
    const enc = new OneHotEncoder(Math.floor(max) + 1);
    enc.transform(y); // validates the training labels
    return enc;
  }

  /** y [N] of integers in 0..C−1 → [N, C] in y's dtype. Throws IndexError naming the sample. */
  transform(y: Tensor): Tensor {
    if (y.ndim !== 1)
      throw new ShapeError(`OneHotEncoder.transform: expected y [N], got ${fmtShape(y.shape)}`);
    const c = this.numClasses;
    const out = allocStorage(y.dtype, y.size * c);
    for (let i = 0; i < y.size; i++) {
      const label = y.data[i];
      if (!Number.isInteger(label) || label < 0 || label >= c) {
        throw new IndexError(
          `OneHotEncoder.transform: label ${label} of sample ${i} is outside 0..${c - 1}`,
        );
      }
      out[i * c + label] = 1;
    }
    return new Tensor(out, [y.size, c]);
  }

  /** The class count as JSON data (`kind: "oneHot"`), for a model file. */
  toJSON(): OneHotJSON {
    return { kind: "oneHot", numClasses: this.numClasses };
  }

  /** Rebuild from `toJSON` output (untrusted: checked; throws ValueError). */
  static fromJSON(json: unknown): OneHotEncoder {
    const o = checkKind(json, "oneHot");
    return new OneHotEncoder(o.numClasses as number);
  }
}

/** Fit a OneHotEncoder on training labels y [N] (or fix C with numClasses). */
export function oneHot(y: Tensor, options: { numClasses?: number } = {}): OneHotEncoder {
  return OneHotEncoder.fit(y, options.numClasses);
}

/** Any fitted preprocessing step a model file can store. */
export type Preprocessor = Standardizer | MinMaxScaler | OneHotEncoder | ColumnEncoder;
/** The JSON form of a {@link Preprocessor}, told apart by its `kind`. */
export type PreprocessorJSON = StandardizeJSON | MinMaxJSON | OneHotJSON | ColumnEncoderJSON;

/** Preprocessor classes by their JSON `kind`: an allowlist, nothing else is ever constructed. */
const KINDS = new Map<string, (json: unknown) => Preprocessor>([
  ["standardize", (j) => Standardizer.fromJSON(j)],
  ["minMax", (j) => MinMaxScaler.fromJSON(j)],
  ["oneHot", (j) => OneHotEncoder.fromJSON(j)],
  ["columns", (j) => ColumnEncoder.fromJSON(j)],
]);

/** Rebuild any preprocessor from its toJSON() output, dispatching on `kind`. */
export function preprocessorFromJSON(json: unknown): Preprocessor {
  const kind =
    typeof json === "object" && json !== null ? (json as { kind?: unknown }).kind : undefined;
  const make = typeof kind === "string" ? KINDS.get(kind) : undefined;
  if (!make) {
    throw new ValueError(
      `preprocessorFromJSON: unknown kind ${JSON.stringify(kind)}; expected one of ${[...KINDS.keys()].join(", ")}`,
    );
  }
  return make(json);
}
