// A fitted encoder for a table's columns as the CSV readers give them (numbers, category
// indices, NaN for a missing cell): one-hot for categorical columns and missing-value imputation,
// fitted on training rows, stored with a model (toJSON/fromJSON), applied again at predict time.
// Not a scaler: standardize/minMax run after it, on its output.
import { ShapeError, ValueError, fmtShape } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";

/** One input column: numeric, or categorical with its categories; `fill` replaces a missing cell. */
export interface EncodedColumn {
  name: string;
  /** Categorical: the categories, in one-hot order. Absent for a numeric column. */
  categories?: string[];
  /** Missing cells become this: a number, or a category index. Absent: missing is an error. */
  fill?: number;
}

/** A {@link ColumnEncoder} as plain JSON, stored with a model and read back by `fromJSON`. */
export interface ColumnEncoderJSON {
  kind: "columns";
  columns: EncodedColumn[];
}

/** How a missing numeric cell is filled: the training column's mean or its median. */
export type Impute = "mean" | "median";

const MAX_OUTPUTS = 1 << 20;

/**
 * x [N, D] (column j as described by columns[j]) → [N, D'] with D' = Σ (categories.length, or 1):
 *   numeric column:      x_ij, or fill_j when x_ij is NaN
 *   categorical column:  onehot(c) over its categories with c = x_ij (a category index), or
 *                        c = fill_j when x_ij is NaN; c = −1 (an unseen category the reader was
 *                        told to ignore) gives all zeros
 * Fitting (impute "mean" | "median"): fill_j = the mean or median of the non-missing training
 * values of a numeric column, and the most frequent category (lowest index on a tie) of a
 * categorical one. Without impute no fill is stored, and a NaN is a ValueError.
 */
export class ColumnEncoder {
  readonly outputNames: string[];

  constructor(readonly columns: EncodedColumn[]) {
    checkColumns(columns);
    this.outputNames = columns.flatMap((c) =>
      c.categories ? c.categories.map((v) => `${c.name}=${v}`) : [c.name],
    );
  }

  /** Fit on training rows x [N, D]: keeps the columns' categories, computes fill values. */
  static fit(
    x: Tensor,
    columns: readonly { name: string; categories?: string[] }[],
    options: { impute?: Impute } = {},
  ): ColumnEncoder {
    const d = columns.length;
    checkInput(x, d, "ColumnEncoder.fit");
    const n = x.shape[0];
    return new ColumnEncoder(
      columns.map((c, j) => {
        const column: EncodedColumn = { name: c.name };
        if (c.categories) column.categories = [...c.categories];
        if (options.impute === undefined) return column;
        const present: number[] = [];
        for (let i = 0; i < n; i++) {
          const v = x.data[i * d + j];
          if (!Number.isNaN(v)) present.push(v);
        }
        if (present.length === 0) {
          throw new ValueError(
            `ColumnEncoder.fit: column ${JSON.stringify(c.name)} has no value in the ${n} training rows, so there is nothing to impute from`,
          );
        }
        column.fill = c.categories
          ? mostFrequent(present, c.categories.length)
          : options.impute === "mean"
            ? mean(present)
            : median(present);
        return column;
      }),
    );
  }

  /** Width of the output, D'. */
  get outputWidth(): number {
    return this.outputNames.length;
  }

  /** x [N, D] → [N, D'] in float32. Throws ValueError naming the row and column of a bad cell. */
  transform(x: Tensor): Tensor {
    const d = this.columns.length;
    checkInput(x, d, "ColumnEncoder.transform");
    const n = x.shape[0];
    const width = this.outputWidth;
    const out = new Float32Array(n * width);
    for (let i = 0; i < n; i++) {
      let o = i * width;
      for (let j = 0; j < d; j++) {
        const column = this.columns[j];
        let v = x.data[i * d + j];
        if (Number.isNaN(v)) {
          if (column.fill === undefined)
            throw cellError(i, column, "missing value and no fill value (fit with impute)");
          v = column.fill;
        }
        if (!column.categories) {
          out[o++] = v;
          continue;
        }
        const c = column.categories.length;
        if (v !== -1) {
          if (!Number.isInteger(v) || v < 0 || v >= c) {
            throw cellError(
              i,
              column,
              `category index ${v} is outside 0..${c - 1} (or −1 for none)`,
            );
          }
          out[o + v] = 1;
        }
        o += c;
      }
    }
    return new Tensor(out, [n, width]);
  }

  /** Whether the encoder changes anything (a categorical column or a fill value). */
  get isIdentity(): boolean {
    return this.columns.every((c) => !c.categories && c.fill === undefined);
  }

  /** The encoder as JSON data (`kind: "columns"`), for a model file. */
  toJSON(): ColumnEncoderJSON {
    return {
      kind: "columns",
      columns: this.columns.map((c) => ({
        ...c,
        ...(c.categories ? { categories: [...c.categories] } : {}),
      })),
    };
  }

  /** Rebuild from `toJSON` output (untrusted: every field is checked; throws ValueError). */
  static fromJSON(json: unknown): ColumnEncoder {
    const o = json as { kind?: unknown; columns?: unknown };
    if (
      typeof json !== "object" ||
      json === null ||
      o.kind !== "columns" ||
      !Array.isArray(o.columns)
    ) {
      throw new ValueError('ColumnEncoder.fromJSON: expected {kind: "columns", columns: [...]}');
    }
    return new ColumnEncoder(
      o.columns.map((c: unknown, j) => {
        const { name, categories, fill } = (c ?? {}) as Record<string, unknown>;
        if (typeof c !== "object" || c === null) throw bad(j, "must be an object");
        const column: EncodedColumn = { name: name as string };
        if (categories !== undefined) column.categories = categories as string[];
        if (fill !== undefined) column.fill = fill as number;
        return column;
      }),
    );
  }
}

/** Fit a ColumnEncoder on training rows x [N, D] described by `columns`. */
export function encodeColumns(
  x: Tensor,
  columns: readonly { name: string; categories?: string[] }[],
  options: { impute?: Impute } = {},
): ColumnEncoder {
  return ColumnEncoder.fit(x, columns, options);
}

function checkColumns(columns: readonly EncodedColumn[]): void {
  let outputs = 0;
  const names = new Set<string>();
  columns.forEach((c, j) => {
    if (typeof c.name !== "string") throw bad(j, "name must be a string");
    if (names.has(c.name)) throw bad(j, `name ${JSON.stringify(c.name)} is used twice`);
    names.add(c.name);
    if (c.categories !== undefined) {
      const cats = c.categories;
      if (!Array.isArray(cats) || cats.length === 0 || !cats.every((v) => typeof v === "string")) {
        throw bad(j, "categories must be a non-empty array of strings");
      }
      if (new Set(cats).size !== cats.length) throw bad(j, "categories must be unique");
      outputs += cats.length;
    } else outputs++;
    if (outputs > MAX_OUTPUTS) throw bad(j, `more than ${MAX_OUTPUTS} outputs in all`);
    if (c.fill !== undefined) {
      const ok = c.categories
        ? Number.isInteger(c.fill) && c.fill >= 0 && c.fill < c.categories.length
        : typeof c.fill === "number" && Number.isFinite(c.fill);
      if (!ok)
        throw bad(j, "fill must be a finite number (a category index for a categorical column)");
    }
  });
}

function bad(j: number, what: string): ValueError {
  return new ValueError(`ColumnEncoder: columns[${j}]: ${what}`);
}

function checkInput(x: Tensor, d: number, where: string): void {
  if (x.ndim !== 2 || x.shape[1] !== d) {
    throw new ShapeError(
      `${where}: expected x [N, ${d}] (one column per input column), got ${fmtShape(x.shape)}`,
    );
  }
}

function cellError(i: number, column: EncodedColumn, what: string): ValueError {
  return new ValueError(
    `ColumnEncoder.transform: row ${i}, column ${JSON.stringify(column.name)}: ${what}`,
  );
}

function mean(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** The middle value, or the mean of the two middle values. */
function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** The most frequent category index (the lowest on a tie). */
function mostFrequent(indices: number[], c: number): number {
  const counts = new Array<number>(c).fill(0);
  for (const v of indices) if (v >= 0) counts[v]++;
  return counts.indexOf(Math.max(...counts));
}

/**
 * The column encoder of a model's stored preprocessing (metadata.preprocessing: one step or an
 * array whose first step may be {kind: "columns"}), or undefined: how to read new raw rows.
 */
export function columnEncoderOf(preprocessing: unknown): ColumnEncoder | undefined {
  const first = Array.isArray(preprocessing) ? (preprocessing[0] as unknown) : preprocessing;
  const kind =
    typeof first === "object" && first !== null ? (first as { kind?: unknown }).kind : undefined;
  return kind === "columns" ? ColumnEncoder.fromJSON(first) : undefined;
}
