// The feature transform of a run: the column encoder (one-hot for categorical CSV columns, fill
// values for --impute mean|median; fitted on the training rows only) followed by the --preprocess
// scaler fitted on the encoded training rows. Stored in the model file as the preprocessing list.
import { data, type Tensor } from "../../node/index.js";
import type { JsonValue } from "../../io/strict-json.js";
import { tableInfo } from "../csv-file.js";
import type { LoadedData } from "../data-source.js";

type Scaler = data.Standardizer | data.MinMaxScaler;

export class FeaturePipeline {
  constructor(
    readonly encoder: data.ColumnEncoder | null,
    readonly scaler: Scaler | null,
  ) {}

  /** Raw rows x [N, D] → the model's input [N, D']. */
  transform(x: Tensor): Tensor {
    const encoded = this.encoder ? this.encoder.transform(x) : x;
    return this.scaler ? this.scaler.transform(encoded) : encoded;
  }

  /** Width of the model's input, or null when it is the raw width. */
  get outputWidth(): number | null {
    return this.encoder?.outputWidth ?? null;
  }

  /** metadata.preprocessing: the scaler alone (as before), or [encoder, scaler?]. */
  toJSON(): JsonValue {
    const scaler = this.scaler ? ({ ...this.scaler.toJSON() } as JsonValue) : null;
    if (this.encoder === null) return scaler;
    const encoder = this.encoder.toJSON() as unknown as JsonValue;
    return scaler === null ? [encoder] : [encoder, scaler];
  }
}

/**
 * Fit the run's features on the training rows x [N, D]: the column encoder when the CSV had a
 * categorical column or --impute mean|median, then `fitScaler` on its output. null when neither.
 */
export function fitFeatures(
  loaded: LoadedData,
  x: Tensor,
  fitScaler: (x: Tensor) => Scaler | null,
): FeaturePipeline | null {
  const info = tableInfo(loaded.all);
  const impute = info?.impute === "mean" || info?.impute === "median" ? info.impute : undefined;
  const encoder =
    info !== null && (impute !== undefined || info.columns.some((c) => c.categories))
      ? data.encodeColumns(x, info.columns, { impute })
      : null;
  const scaler = fitScaler(encoder ? encoder.transform(x) : x);
  return encoder === null && scaler === null ? null : new FeaturePipeline(encoder, scaler);
}
