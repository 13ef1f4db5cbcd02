// A saved model's stored preprocessing (metadata.preprocessing) as leading ONNX nodes and its
// target scaling (metadata.targetScaling) as trailing ones, so the exported graph takes raw
// numeric feature rows (CSV cells as numbers, category indices, NaN for a missing cell) and,
// for regression, answers in the target's units — what predictWithMetadata computes.
import { ColumnEncoder } from "../../data/column-encoder.js";
import {
  MinMaxScaler,
  preprocessorFromJSON,
  Standardizer,
  type StandardizeJSON,
} from "../../data/preprocess.js";
import type { ModelMetadata } from "../metadata.js";
import { OnnxExportError } from "./errors.js";
import type { GraphBuilder } from "./graph-builder.js";

/** The stored steps, in order (none for null/absent). */
function stepsOf(meta: ModelMetadata): unknown[] {
  const stored = meta.preprocessing;
  if (stored === undefined || stored === null) return [];
  return Array.isArray(stored) ? stored : [stored];
}

/** Raw input width: the first step's input columns, or undefined when no step fixes it. */
export function rawInputWidth(meta: ModelMetadata): number | undefined {
  const first = stepsOf(meta)[0];
  if (first === undefined) return undefined;
  const p = preprocessorFromJSON(first);
  if (p instanceof ColumnEncoder) return p.columns.length;
  if (p instanceof Standardizer) return p.mean.length;
  if (p instanceof MinMaxScaler) return p.min.length;
  return undefined;
}

/** Emit every stored step on x; returns the value the model reads. */
export function emitPreprocessing(b: GraphBuilder, meta: ModelMetadata, x: string): string {
  let out = x;
  stepsOf(meta).forEach((json, i) => {
    const p = preprocessorFromJSON(json);
    const prefix = `/preprocess/${i}/`;
    if (p instanceof ColumnEncoder) out = emitColumns(b, p, out, prefix);
    else if (p instanceof Standardizer) out = emitAffine(b, out, prefix, p.mean, p.std);
    else if (p instanceof MinMaxScaler) {
      // x' = (x − shift)/scale, scale = (max − min or 1)/(b − a), shift = min − a·scale
      const [lo, hi] = p.featureRange;
      const scale = p.max.map((top, j) => (top - p.min[j] || 1) / (hi - lo));
      out = emitAffine(
        b,
        out,
        prefix,
        p.min.map((m, j) => m - lo * scale[j]),
        scale,
      );
    } else {
      throw new OnnxExportError(
        `exportOnnx: preprocessing step ${i} (oneHot) is a label encoding, not a feature step`,
      );
    }
  });
  return out;
}

/** y = (x − shift)/scale per column. */
function emitAffine(
  b: GraphBuilder,
  x: string,
  p: string,
  shift: Float64Array,
  scale: Float64Array,
): string {
  const d = shift.length;
  const centred = b.node("Sub", [x, b.float(`${p}shift`, [d], shift)], `${p}Sub`);
  return b.node("Div", [centred, b.float(`${p}scale`, [d], scale)], `${p}Div`);
}

/**
 * ColumnEncoder: a missing cell (NaN) takes its column's fill value; then output column k reads
 * raw column src[k] — a numeric column as it is, a categorical one as (x == category k) in 0/1.
 *   filled = Where(IsNaN(x), fill, x)               fill: [D] (NaN where a column has none)
 *   g      = Gather(filled, src, axis 1)            src: [D'] the raw column of each output
 *   y      = Where(isCategory, Cast(Equal(g, category)), g)
 * An unseen category (−1) matches no category: all zeros, as the encoder gives.
 */
function emitColumns(b: GraphBuilder, enc: ColumnEncoder, x: string, p: string): string {
  if (enc.isIdentity) return x;
  let out = x;
  if (enc.columns.some((c) => c.fill !== undefined)) {
    const fill = enc.columns.map((c) => c.fill ?? NaN);
    const missing = b.node("IsNaN", [x], `${p}IsNaN`);
    out = b.node("Where", [missing, b.float(`${p}fill`, [fill.length], fill), x], `${p}Fill`);
  }
  if (!enc.columns.some((c) => c.categories !== undefined)) return out;
  const src: number[] = [];
  const category: number[] = [];
  const isCategory: boolean[] = [];
  enc.columns.forEach((c, j) => {
    const count = c.categories?.length ?? 1;
    for (let k = 0; k < count; k++) {
      src.push(j);
      category.push(c.categories ? k : 0);
      isCategory.push(c.categories !== undefined);
    }
  });
  const g = b.node("Gather", [out, b.int64(`${p}source`, src)], `${p}Gather`, [
    { name: "axis", i: 1 },
  ]);
  const eq = b.node(
    "Equal",
    [g, b.float(`${p}category`, [category.length], category)],
    `${p}Equal`,
  );
  const hot = b.node("Cast", [eq], `${p}Cast`, [{ name: "to", i: 1 }]);
  return b.node("Where", [b.bool(`${p}isCategory`, isCategory), hot, g], `${p}Where`);
}

/** Regression: ŷ = z·σ + μ with the stored target scaling; no nodes without one. */
export function emitTargetScaling(b: GraphBuilder, meta: ModelMetadata, z: string): string {
  const t: StandardizeJSON | undefined = meta.targetScaling;
  if (t === undefined) return z;
  const k = t.mean.length;
  const scaled = b.node("Mul", [z, b.float("/postprocess/std", [k], t.std)], "/postprocess/Mul");
  return b.node("Add", [scaled, b.float("/postprocess/mean", [k], t.mean)], "/postprocess/Add");
}
